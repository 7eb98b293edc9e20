#include "services/tenant_data_service.h"

namespace services {

TenantDataService::TenantDataService(retrieval::TenantRepository& repository, TenantDirectory& tenants)
    : repository_(repository), tenants_(tenants) {}

core::Result<std::string> TenantDataService::ReadFile(const core::TenantKey& key, std::string_view file_name) {
  return repository_.ReadCurrentFile(key, file_name);
}

core::Result<retrieval::VersionInfo> TenantDataService::ReplaceFile(const core::TenantKey& key,
                                                                    std::string_view file_name, std::string text,
                                                                    const std::string& author) {
  auto info = repository_.ReplaceFile(key, file_name, std::move(text), {author, "api", "replaced " + std::string(file_name)});
  if (info.ok()) tenants_.Invalidate(key);
  return info;
}

core::Result<std::vector<retrieval::VersionInfo>> TenantDataService::ListVersions(const core::TenantKey& key) {
  return repository_.ListVersions(key);
}

core::Result<retrieval::VersionDiff> TenantDataService::Diff(const core::TenantKey& key, int from, int to) {
  return repository_.Diff(key, from, to);
}

core::Result<retrieval::VersionInfo> TenantDataService::Rollback(const core::TenantKey& key, int version,
                                                                 const std::string& author) {
  auto info = repository_.Rollback(key, version, {author, "api", ""});
  if (info.ok()) tenants_.Invalidate(key);
  return info;
}

}  // namespace services
