// TenantDataService: reading and publishing tenant data files, versions,
// diffs and rollbacks, for operators now and for the owner dashboard later.
// Every write is validated as a whole tenant and published as a new version;
// the running tenant switches to it on the next request. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/tenant_key.h"
#include "retrieval/storage.h"
#include "services/tenant.h"

namespace services {

class TenantDataService {
 public:
  // References must outlive the service.
  TenantDataService(retrieval::TenantRepository& repository, TenantDirectory& tenants);

  core::Result<std::string> ReadFile(const core::TenantKey& key, std::string_view file_name);
  // kNotFound (not a tenant file), kInvalidJson / kSchemaInvalid with details.
  core::Result<retrieval::VersionInfo> ReplaceFile(const core::TenantKey& key, std::string_view file_name,
                                                   std::string text, const std::string& author);
  core::Result<std::vector<retrieval::VersionInfo>> ListVersions(const core::TenantKey& key);
  core::Result<retrieval::VersionDiff> Diff(const core::TenantKey& key, int from, int to);
  core::Result<retrieval::VersionInfo> Rollback(const core::TenantKey& key, int version, const std::string& author);

 private:
  retrieval::TenantRepository& repository_;
  TenantDirectory& tenants_;
};

}  // namespace services
