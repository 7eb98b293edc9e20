// AuthService: team management (the dashboard's users page). The access
// rules are here; the route only checks Permission::kManageUsers first.
#include "services/auth/auth_service.h"

namespace services {

namespace {

using core::ErrorCode;
using core::MakeError;

UserInfo ToInfo(const db::User& u, std::chrono::system_clock::time_point now) {
  return UserInfo{u.id, u.email, u.role, u.created_at, u.locked_until && *u.locked_until > now};
}

}  // namespace

core::Result<std::vector<UserInfo>> AuthService::ListUsers(const core::TenantKey& tenant) {
  auto users = users_.ListUsers(tenant.str());
  if (!users.ok()) return users.error();
  std::vector<UserInfo> out;
  const auto now = clock_.Now();
  for (const auto& u : *users) out.push_back(ToInfo(u, now));
  return out;
}

core::Result<UserInfo> AuthService::AddUser(const Principal& who, const core::TenantKey& tenant, std::string_view email,
                                            std::string_view password, std::string_view role) {
  if (role != "owner" && role != "staff") {
    return MakeError(ErrorCode::kInvalidArgument, "bad team role", "\"role\" must be owner or staff.");
  }
  if (role == "owner" && !who.IsPlatformAdmin()) {
    return MakeError(ErrorCode::kForbidden, "owner adding an owner", "Only a platform admin can add an owner.");
  }
  std::string tenant_key = tenant.str();
  auto id = CreateUser(email, password, role, std::string_view(tenant_key));
  if (!id.ok()) return id.error();
  auto user = users_.FindUserById(*id);
  if (!user.ok()) return user.error();
  return ToInfo(*user, clock_.Now());
}

core::Result<db::User> AuthService::ManagedUser(const Principal& who, const core::TenantKey& tenant, int64_t user_id,
                                                bool allow_self) {
  auto user = users_.FindUserById(user_id);
  if (!user.ok() || !user->tenant || *user->tenant != tenant.str()) {
    if (!user.ok() && user.error().code != ErrorCode::kNotFound) return user.error();
    return MakeError(ErrorCode::kNotFound, "no such team member", "There is no such user in this business.");
  }
  const bool self = user->id == who.user_id;
  if (self && !allow_self) {
    return MakeError(ErrorCode::kForbidden, "removing oneself", "You cannot remove your own account.");
  }
  if (!self && user->role != "staff" && !who.IsPlatformAdmin()) {
    return MakeError(ErrorCode::kForbidden, "owner managing an owner", "Only a platform admin can manage an owner.");
  }
  return user;
}

core::Status AuthService::ResetPassword(const Principal& who, const core::TenantKey& tenant, int64_t user_id,
                                        std::string_view password) {
  auto user = ManagedUser(who, tenant, user_id, /*allow_self=*/true);
  if (!user.ok()) return user.error();
  auto hash = hasher_.Hash(password);
  if (!hash.ok()) return hash.error();
  if (auto st = users_.SetPasswordHash(user->id, *hash); !st.ok()) return st;
  if (auto st = users_.RecordLoginSuccess(user->id); !st.ok()) return st;
  if (user->id != who.user_id) {
    // Whoever knew the old password is signed out everywhere.
    if (auto ended = sessions_.DeleteUserSessions(user->id); !ended.ok()) return ended.error();
  }
  return core::Status::Ok();
}

core::Status AuthService::RemoveUser(const Principal& who, const core::TenantKey& tenant, int64_t user_id) {
  auto user = ManagedUser(who, tenant, user_id, /*allow_self=*/false);
  if (!user.ok()) return user.error();
  return users_.DeleteUser(user->id);
}

}  // namespace services
