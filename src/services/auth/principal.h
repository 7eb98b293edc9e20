// Principal: who is calling an admin or analytics endpoint, and what they
// may do. Built by the AuthService from a session cookie or an API token;
// checked by every admin route before one byte of tenant data is read.
//
// Roles: "admin" (platform operator, every tenant), "owner" (one tenant,
// everything there) and "staff" (one tenant: leads, transcripts, analytics;
// not the tenant's data files, users or tokens).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/tenant_key.h"

namespace services {

enum class Permission {
  kReadData,       // tenant data files, versions, diffs, audit log, self-repair report
  kWriteData,      // replace files, patch products, roll back, apply suggestions
  kReadLeads,      // leads, transcripts
  kWriteLeads,     // lead status/tags/notes, hand-off release
  kReadAnalytics,  // KPIs and CSV exports
  kManageUsers     // the tenant's owners and staff (add, reset a password, remove)
};

struct Principal {
  int64_t user_id = 0;
  std::string email;
  std::string role;                   // "admin", "owner", "staff"
  std::optional<std::string> tenant;  // empty for "admin"
  bool via_token = false;             // API token (no cookie, no CSRF)

  bool IsPlatformAdmin() const { return role == "admin"; }
};

// Ok when `who` may use `permission` on `tenant`. kForbidden otherwise, with
// the same message whether or not the tenant exists, so a caller cannot
// probe other tenants' keys.
inline core::Status CheckAccess(const Principal& who, const core::TenantKey& tenant, Permission permission) {
  auto forbidden = [] {
    return core::MakeError(core::ErrorCode::kForbidden, "tenant outside the caller's scope",
                           "You do not have access to this business.");
  };
  if (who.IsPlatformAdmin()) return core::Status::Ok();
  if (!who.tenant || *who.tenant != tenant.str()) return forbidden();
  if (who.role == "owner") return core::Status::Ok();
  if (who.role == "staff" && permission == Permission::kManageUsers) {
    return core::MakeError(core::ErrorCode::kForbidden, "staff may not manage users",
                           "Only the owner can manage this business's users.");
  }
  if (who.role == "staff" && permission != Permission::kWriteData) {
    return core::Status::Ok();
  }
  if (who.role == "staff") {
    return core::MakeError(core::ErrorCode::kForbidden, "staff may not change tenant data",
                           "Only the owner can change this business's data.");
  }
  return forbidden();
}

}  // namespace services
