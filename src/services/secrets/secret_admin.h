// SecretAdmin: the owner's side of the channel credentials (owner API and
// CLI): set, remove and list, each change audited by name only
// ("secret.set", "secret.delete"; never the value). No method returns a
// value. Errors: as SecretStore, and the audit store's. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "db/audit_store.h"
#include "services/secrets/secret_store.h"

namespace services {

class SecretAdmin {
 public:
  // `audit` may be null (no database: the CLI without one). References must
  // outlive the object.
  SecretAdmin(SecretStore& store, db::AuditStore* audit, const core::Clock& clock);

  core::Status Set(const core::TenantKey& tenant, std::string_view name, std::string_view value,
                   const std::string& actor);
  core::Status Delete(const core::TenantKey& tenant, std::string_view name, const std::string& actor);
  core::Result<std::vector<SecretInfo>> List(const core::TenantKey& tenant);

 private:
  core::Status Audit(const core::TenantKey& tenant, const std::string& actor, const char* action,
                     std::string_view name);

  SecretStore& store_;
  db::AuditStore* audit_;
  const core::Clock& clock_;
};

}  // namespace services
