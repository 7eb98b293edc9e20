#include "services/secrets/secret_admin.h"

namespace services {

SecretAdmin::SecretAdmin(SecretStore& store, db::AuditStore* audit, const core::Clock& clock)
    : store_(store), audit_(audit), clock_(clock) {}

core::Status SecretAdmin::Audit(const core::TenantKey& tenant, const std::string& actor, const char* action,
                                std::string_view name) {
  if (!audit_) return core::Status::Ok();
  return audit_->AppendAudit({0, tenant.str(), actor, clock_.Now(), action, std::string(name), "{}"});
}

core::Status SecretAdmin::Set(const core::TenantKey& tenant, std::string_view name, std::string_view value,
                              const std::string& actor) {
  if (auto st = store_.SetSecret(tenant, name, value); !st.ok()) return st;
  return Audit(tenant, actor, "secret.set", name);
}

core::Status SecretAdmin::Delete(const core::TenantKey& tenant, std::string_view name, const std::string& actor) {
  if (auto st = store_.DeleteSecret(tenant, name); !st.ok()) return st;
  return Audit(tenant, actor, "secret.delete", name);
}

core::Result<std::vector<SecretInfo>> SecretAdmin::List(const core::TenantKey& tenant) {
  return store_.ListSecrets(tenant);
}

}  // namespace services
