// CatalogStore: read-only products, categories and bundle rules of one tenant
// version, with full-text search (Xapian: English stemming, synonyms from
// synonyms.json, spelling correction for typos) and filters.
//
// Thread-safe: all methods are const and may be called concurrently (Xapian
// handles are pooled internally). Pointers returned stay valid for the life
// of the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "core/result.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

struct ProductOption {
  std::string name;
  std::vector<std::string> values;
};

struct Product {
  std::string sku;
  std::string name;
  std::string category;       // category id
  std::string category_name;
  std::string description;
  std::string unit;           // "kg", "each", ...
  std::string unit_size;      // "approx 1.8kg", may be empty
  core::Money price;
  int stock = 0;
  bool active = true;
  std::vector<std::string> tags;
  std::vector<std::string> allergens;
  std::vector<std::string> related;  // SKUs
  std::vector<ProductOption> options;

  bool in_stock() const { return stock > 0; }
};

struct Category {
  std::string id;
  std::string name;
  std::string description;
};

struct BundleItem {
  std::string sku;
  double quantity_per_person = 0;
};

struct Bundle {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> keywords;
  int min_people = 1;
  int max_people = 1000;
  std::vector<BundleItem> per_person;
};

struct SearchQuery {
  std::string text;                      // shopper words; may be empty when filters are given
  std::optional<std::string> category;   // category id
  std::optional<std::string> tag;        // exact tag
  std::optional<int64_t> min_price_minor;
  std::optional<int64_t> max_price_minor;
  bool in_stock_only = false;
  size_t limit = 5;
};

struct SearchHit {
  const Product* product = nullptr;
  double score = 0;  // 0..1, relative to the best hit (best = 1)
};

struct SearchResult {
  std::vector<SearchHit> hits;   // best first, at most `limit`
  size_t total_matches = 0;      // estimate of all matches
  std::string corrected_query;   // non-empty when a spelling correction was used
};

class CatalogStore {
 public:
  // Builds products from catalog.json (already schema-valid) and a search
  // index in `index_dir`, a folder the store creates, owns and deletes on
  // destruction. `synonyms` is synonyms.json or null. Inactive products are
  // kept for SKU lookups but never returned by Search/Related/Substitutes.
  static core::Result<std::unique_ptr<CatalogStore>> Build(const nlohmann::json& catalog,
                                                           const nlohmann::json& synonyms,
                                                           const std::string& currency,
                                                           const std::filesystem::path& index_dir,
                                                           const TextNormalizer& normalizer);
  ~CatalogStore();

  const std::vector<Product>& products() const;
  const std::vector<Category>& categories() const;
  const std::vector<Bundle>& bundles() const;

  // Case-insensitive exact SKU; null if unknown.
  const Product* FindBySku(std::string_view sku) const;
  // A category named in `text` (normalized), by id, name, singular/plural or
  // synonym ("lamb" -> lamb, "helmets" -> helmets); null if none.
  const Category* FindCategory(std::string_view normalized_text) const;
  // A bundle whose keyword occurs in `normalized_text`; null if none.
  const Bundle* FindBundle(std::string_view normalized_text) const;

  // Full-text search with filters. With empty text and no filters: no hits.
  SearchResult Search(const SearchQuery& query) const;

  // The product's `related` SKUs that exist and are active, then others from
  // its category; never the product itself.
  std::vector<const Product*> Related(std::string_view sku, size_t limit) const;
  // In-stock alternatives for `sku`: related ones first, then the same
  // category ordered by closeness of price.
  std::vector<const Product*> Substitutes(std::string_view sku, size_t limit) const;

 private:
  struct Impl;
  explicit CatalogStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace retrieval
