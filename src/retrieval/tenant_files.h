// The files that make up a tenant and the schema each must satisfy.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/tenant_key.h"

namespace retrieval {

struct TenantFileSpec {
  std::string_view name;    // e.g. "catalog.json"
  std::string_view schema;  // file name under SCHEMAS_DIR
  bool required;
};

inline constexpr std::array<TenantFileSpec, 10> kTenantFiles = {{
    {"store_info.json", "store_info.schema.json", true},
    {"catalog.json", "catalog.schema.json", true},
    {"branches.json", "branches.schema.json", false},
    {"delivery.json", "delivery.schema.json", false},
    {"postcodes.json", "postcodes.schema.json", false},
    {"faq.json", "faq.schema.json", false},
    {"synonyms.json", "synonyms.schema.json", false},
    {"branding.json", "branding.schema.json", false},
    {"overrides.json", "overrides.schema.json", false},
    {"channels.json", "channels.schema.json", false},  // messaging channels (no secrets)
}};

// Null when `name` is not a tenant file.
const TenantFileSpec* FindTenantFile(std::string_view name);

// Largest accepted tenant file.
inline constexpr size_t kMaxTenantFileBytes = 16u << 20;

// Raw file texts by file name.
using FileTexts = std::map<std::string, std::string, std::less<>>;
// Parsed documents by file name.
using FileDocs = std::map<std::string, nlohmann::json, std::less<>>;

// One immutable, validated version of a tenant's data. Shared between
// readers as shared_ptr<const TenantData>; never modified after loading.
struct TenantData {
  core::TenantKey key;
  int version = 0;
  std::string created_at;
  FileDocs files;

  // The parsed file, or a null JSON value when the tenant has no such file.
  const nlohmann::json& File(std::string_view name) const;
};

}  // namespace retrieval
