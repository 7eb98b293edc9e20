#include "retrieval/tenant_files.h"

namespace retrieval {

const TenantFileSpec* FindTenantFile(std::string_view name) {
  for (const auto& spec : kTenantFiles) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

const nlohmann::json& TenantData::File(std::string_view name) const {
  static const nlohmann::json kNull;
  auto it = files.find(name);
  return it == files.end() ? kNull : it->second;
}

}  // namespace retrieval
