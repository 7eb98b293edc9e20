// Tenant: everything the pipeline needs to serve one version of one tenant.
// Built once per version by the container and shared read-only between
// requests (shared_ptr<const Tenant>); a new version is a new Tenant object,
// so a request always finishes on the data it started with.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/tenant_files.h"

namespace services {

// The business as described by store_info.json.
struct StoreProfile {
  std::string name;
  std::string currency;
  std::string locale;
  std::string country;
  std::string timezone;
  std::string postcode_system;
};

// What the embeddable widget needs: allowed embedding origins and branding.
struct WidgetSettings {
  std::vector<std::string> origins;
  nlohmann::json branding;  // branding.json, or an object with defaults
};

struct Tenant {
  std::shared_ptr<const retrieval::TenantData> data;
  StoreProfile profile;
  WidgetSettings widget;

  const core::TenantKey& key() const { return data->key; }
  int version() const { return data->version; }
};

// Builds a Tenant from validated data. Pure; thread-safe.
std::shared_ptr<const Tenant> BuildTenant(std::shared_ptr<const retrieval::TenantData> data);

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

}  // namespace services
