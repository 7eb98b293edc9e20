// Tenant: everything the pipeline needs to serve one version of one tenant:
// its data snapshot, its retrieval stores and its settings. Built once per
// version by the container and shared read-only between requests
// (shared_ptr<const Tenant>); a new version is a new Tenant object, so a
// request always finishes on the data it started with.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/catalog_store.h"
#include "retrieval/faq_store.h"
#include "retrieval/geo_store.h"
#include "retrieval/lexicon.h"
#include "retrieval/policy_store.h"
#include "retrieval/product_names.h"
#include "retrieval/tenant_files.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

// The business as described by store_info.json.
struct StoreProfile {
  std::string name;
  std::string currency;
  std::string locale;
  std::string country;
  std::string timezone;
  std::string postcode_system;
  std::string phone;
  std::string email;
  std::string website;
};

// What the embeddable widget needs: allowed embedding origins and branding.
struct WidgetSettings {
  std::vector<std::string> origins;
  nlohmann::json branding;  // branding.json, or an object with defaults
};

enum class Tone { kFriendly, kFormal, kWarm, kConcise };

// Owner-tunable behaviour from overrides.json, with defaults.
// What checkout gathers before an order is recorded (overrides.json
// "checkout"). The default keeps the behaviour of tenants that say nothing.
struct CheckoutSettings {
  bool name = true;
  bool phone = false;
  bool email = false;
  bool phone_or_email = true;  // one of the two is enough
  bool confirm = false;        // read the order back and record it on a yes
};

struct TenantSettings {
  Tone tone = Tone::kFriendly;
  double intent_confidence = 0.55;  // below: clarify or fall back
  double faq_score = 0.5;           // FAQ answers need at least this similarity
  double out_of_scope = 0.35;       // below: honest "not in my info"
  double fuzzy_product = 0.6;
  bool upsell = true;
  int session_ttl_minutes = 60;
  std::string handoff_message;
  std::string sign_off;
  std::string mode;  // "" = server default
  CheckoutSettings checkout;
  int64_t llm_monthly_tokens = 0;  // V6/V7 model tokens a month; 0: no limit
};

struct Tenant {
  std::shared_ptr<const retrieval::TenantData> data;
  StoreProfile profile;
  WidgetSettings widget;
  TenantSettings settings;
  retrieval::SynonymMap synonyms;
  std::unique_ptr<retrieval::CatalogStore> catalog;
  std::unique_ptr<retrieval::GeoStore> geo;
  std::unique_ptr<retrieval::PolicyStore> policy;
  std::unique_ptr<retrieval::FaqStore> faq;
  // Every word (normalized, also in singular form) the shop uses for what it
  // sells: product names, categories, tags, option values and synonyms.
  TypoIndex vocabulary;
  // The words each product is called by, indexed.
  ProductNames names;
  // The words the router recognises: the base lexicon plus the tenant's own
  // (overrides.json "lexicon"); the base itself when the tenant adds none.
  std::shared_ptr<const Lexicon> lexicon;
  // Places named in delivery zone names ("Beaverton, Tigard & Gresham"),
  // normalized, with their zone: "do you deliver to beaverton?".
  std::vector<std::pair<std::string, const retrieval::DeliveryZone*>> zone_places;

  const core::TenantKey& key() const { return data->key; }
  int version() const { return data->version; }
};

// Builds a Tenant and its stores from validated data, with `lexicon` (the
// base lexicon, never null) plus the tenant's own words. The catalog index
// goes in a fresh folder under `index_root` owned by the tenant. Thread-safe.
core::Result<std::shared_ptr<const Tenant>> BuildTenant(std::shared_ptr<const retrieval::TenantData> data,
                                                        const retrieval::TextNormalizer& normalizer,
                                                        std::shared_ptr<const Lexicon> lexicon,
                                                        const std::filesystem::path& index_root);

// Finds tenants by key. Implementations cache and hot-reload; see
// app/tenant_registry.h. Thread-safe.
class TenantDirectory {
 public:
  virtual ~TenantDirectory() = default;
  // kUnknownTenant, or the load error of a tenant whose data is broken.
  virtual core::Result<std::shared_ptr<const Tenant>> Get(const core::TenantKey& key) = 0;
  // Drops any cached version so the next Get() reloads.
  virtual void Invalidate(const core::TenantKey& key) = 0;
  // Number of tenants currently held in memory.
  virtual size_t LoadedCount() const = 0;
};

}  // namespace retrieval
