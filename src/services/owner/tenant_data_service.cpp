#include "services/owner/tenant_data_service.h"

#include <nlohmann/json.hpp>

namespace services {

using core::ErrorCode;
using core::MakeError;

TenantDataService::TenantDataService(retrieval::TenantRepository& repository, retrieval::TenantDirectory& tenants,
                                     TenantDataAudit audit)
    : repository_(repository), tenants_(tenants), audit_(std::move(audit)) {}

void TenantDataService::Record(const core::TenantKey& key, const std::string& author, std::string action,
                               std::string target, std::string detail) {
  if (!audit_.store) return;
  db::AuditEntry entry;
  entry.tenant = key.str();
  entry.user = author;
  entry.at = audit_.clock->Now();
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.detail = std::move(detail);
  // The change is already published; a lost audit line is reported, loudly,
  // rather than turning a successful publish into an error.
  if (auto st = audit_.store->AppendAudit(entry); !st.ok() && audit_.warn) {
    audit_.warn("audit entry not written for " + entry.tenant + " " + entry.action + ": " + st.error().message);
  }
}

core::Result<TenantDataService::VersionedText> TenantDataService::ReadFile(const core::TenantKey& key,
                                                                          std::string_view file_name) {
  VersionedText out;
  auto text = repository_.ReadCurrentFile(key, file_name, &out.version);
  if (!text.ok()) return text.error();
  out.text = std::move(text).value();
  return out;
}

core::Result<retrieval::VersionInfo> TenantDataService::ReplaceFile(const core::TenantKey& key,
                                                                    std::string_view file_name, std::string text,
                                                                    const std::string& author,
                                                                    std::optional<int> expected_version) {
  auto info = repository_.ReplaceFile(key, file_name, std::move(text),
                                      {author, "api", "replaced " + std::string(file_name)}, expected_version);
  if (!info.ok()) return info;
  tenants_.Invalidate(key);
  Record(key, author, "file.replace", std::string(file_name), nlohmann::json{{"version", info->version}}.dump());
  return info;
}

core::Result<retrieval::VersionInfo> TenantDataService::PatchProduct(const core::TenantKey& key, std::string_view sku,
                                                                     const ProductPatch& patch,
                                                                     const std::string& author,
                                                                     std::optional<int> expected_version) {
  if (!patch.price && !patch.stock) {
    return MakeError(ErrorCode::kInvalidArgument, "empty product patch", "Give a new \"price\" or \"stock\".");
  }
  nlohmann::json before, after;
  // Read, change and publish under the tenant's lock: a concurrent upload
  // of catalog.json is either fully before this patch or fully after it.
  auto change = [&](const std::string& text) -> core::Result<std::string> {
    auto catalog = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (catalog.is_discarded() || !catalog.contains("products") || !catalog["products"].is_array()) {
      return MakeError(ErrorCode::kInternal, "current catalog.json is not a catalog");
    }
    auto& products = catalog["products"];
    auto it = std::find_if(products.begin(), products.end(),
                           [&](const nlohmann::json& p) { return p.value("sku", "") == sku; });
    if (it == products.end()) {
      return MakeError(ErrorCode::kNotFound, "unknown sku", "There is no product with SKU " + std::string(sku) + ".");
    }
    before = {{"price", it->value("price", nlohmann::json())}, {"stock", it->value("stock", nlohmann::json())}};
    after = before;
    if (patch.price) (*it)["price"] = after["price"] = *patch.price;
    if (patch.stock) (*it)["stock"] = after["stock"] = *patch.stock;
    return catalog.dump(2);
  };
  auto info = repository_.UpdateFile(key, "catalog.json", change,
                                     {author, "api", "product " + std::string(sku) + " changed"}, expected_version);
  if (!info.ok()) return info;
  tenants_.Invalidate(key);
  Record(key, author, "product.patch", std::string(sku),
         nlohmann::json{{"version", info->version}, {"before", before}, {"after", after}}.dump());
  return info;
}

core::Result<std::vector<retrieval::VersionInfo>> TenantDataService::ListVersions(const core::TenantKey& key) {
  return repository_.ListVersions(key);
}

core::Result<retrieval::VersionDiff> TenantDataService::Diff(const core::TenantKey& key, int from, int to) {
  return repository_.Diff(key, from, to);
}

core::Result<retrieval::VersionInfo> TenantDataService::Rollback(const core::TenantKey& key, int version,
                                                                 const std::string& author,
                                                                 std::optional<int> expected_version) {
  auto info = repository_.Rollback(key, version, {author, "api", ""}, expected_version);
  if (!info.ok()) return info;
  tenants_.Invalidate(key);
  Record(key, author, "version.rollback", "v" + std::to_string(version),
         nlohmann::json{{"version", info->version}, {"restored", version}}.dump());
  return info;
}

core::Result<std::vector<AuditRecord>> TenantDataService::Audit(const core::TenantKey& key, int64_t limit) {
  if (!audit_.store) {
    return MakeError(ErrorCode::kInvalidArgument, "no audit store", "The audit log is not available here.");
  }
  auto entries = audit_.store->ListAudit(key.str(), std::clamp<int64_t>(limit, 1, 500));
  if (!entries.ok()) return entries.error();
  std::vector<AuditRecord> out;
  out.reserve(entries->size());
  for (const db::AuditEntry& e : *entries) out.push_back(AuditRecord{e.at, e.user, e.action, e.target, e.detail});
  return out;
}

}  // namespace services
