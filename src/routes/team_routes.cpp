#include "routes/team_routes.h"

#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

nlohmann::json UserInfoJson(const services::UserInfo& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"role", u.role},
          {"created_at", core::FormatIsoUtc(u.created_at)},
          {"locked", u.locked}};
}

// The string fields `allowed` of a JSON object body, each required.
core::Result<std::map<std::string, std::string>> StringFields(const http::Request& request,
                                                              std::initializer_list<const char*> allowed) {
  auto body = ParseJsonObject(request);
  if (!body.ok()) return body.error();
  std::map<std::string, std::string> out;
  for (const auto& [field, value] : body->items()) {
    bool known = false;
    for (const char* name : allowed) known = known || field == name;
    if (!known) return MakeError(ErrorCode::kInvalidArgument, "unknown field", "Unknown field \"" + field + "\".");
    if (!value.is_string()) {
      return MakeError(ErrorCode::kInvalidArgument, "field not a string", "\"" + field + "\" must be a string.");
    }
    out[field] = value.get<std::string>();
  }
  for (const char* name : allowed) {
    if (!out.contains(name)) {
      return MakeError(ErrorCode::kInvalidArgument, "field missing", "\"" + std::string(name) + "\" is missing.");
    }
  }
  return out;
}

core::Result<int64_t> UserId(const http::Request& request) {
  auto id = ParsePositiveInt(request.PathParam("id"));
  if (!id) return MakeError(ErrorCode::kNotFound, "bad user id", "There is no such user in this business.");
  return *id;
}

}  // namespace

void AddTeamRoutes(http::RouteTable& table, services::AuthService& auth) {
  const std::string base = "/admin/api/tenants/{tenant}/users";
  table.Add(http::Method::kGet, base,
            TenantScoped(auth, Permission::kManageUsers,
                         [&auth](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto users = auth.ListUsers(key);
                           if (!users.ok()) return ErrorToResponse(users.error(), request);
                           nlohmann::json list = nlohmann::json::array();
                           for (const auto& u : *users) list.push_back(UserInfoJson(u));
                           return JsonOk({{"tenant", key.str()}, {"users", list}});
                         }));
  table.Add(http::Method::kPost, base,
            TenantScoped(auth, Permission::kManageUsers,
                         [&auth](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto fields = StringFields(request, {"email", "password", "role"});
                           if (!fields.ok()) return ErrorToResponse(fields.error(), request);
                           auto user =
                               auth.AddUser(who, key, (*fields)["email"], (*fields)["password"], (*fields)["role"]);
                           if (!user.ok()) return ErrorToResponse(user.error(), request);
                           return JsonOk(UserInfoJson(*user), 201);
                         }));
  table.Add(http::Method::kPost, base + "/{id}/password",
            TenantScoped(auth, Permission::kManageUsers,
                         [&auth](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto id = UserId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto fields = StringFields(request, {"password"});
                           if (!fields.ok()) return ErrorToResponse(fields.error(), request);
                           auto st = auth.ResetPassword(who, key, *id, (*fields)["password"]);
                           if (!st.ok()) return ErrorToResponse(st.error(), request);
                           return JsonOk({{"id", *id}, {"password_reset", true}});
                         }));
  table.Add(http::Method::kDelete, base + "/{id}",
            TenantScoped(auth, Permission::kManageUsers,
                         [&auth](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto id = UserId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           if (auto st = auth.RemoveUser(who, key, *id); !st.ok()) {
                             return ErrorToResponse(st.error(), request);
                           }
                           return JsonOk({{"removed", *id}});
                         }));
}

}  // namespace routes
