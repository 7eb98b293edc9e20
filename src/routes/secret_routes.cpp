#include "routes/secret_routes.h"

#include "core/clock.h"
#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

core::Result<std::string> SecretName(const http::Request& request) {
  std::string name(request.PathParam("name"));
  if (!services::IsSecretName(name)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown secret name",
                     "Secret names are whatsapp.app_secret, whatsapp.access_token, whatsapp.verify_token and "
                     "twilio.auth_token.");
  }
  return name;
}

nlohmann::json ListJson(const std::vector<services::SecretInfo>& secrets) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : secrets) {
    out.push_back({{"name", s.name}, {"set_at", core::FormatIsoUtc(s.set_at)}, {"encrypted", s.encrypted}});
  }
  return out;
}

}  // namespace

void AddSecretRoutes(http::RouteTable& table, services::Authenticator& auth, services::SecretAdmin& secrets) {
  const std::string base = "/admin/api/tenants/{tenant}/secrets";

  table.Add(http::Method::kGet, base,
            TenantScoped(auth, Permission::kReadData,
                         [&secrets](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto list = secrets.List(key);
                           if (!list.ok()) return ErrorToResponse(list.error(), request);
                           return JsonOk({{"tenant", key.str()}, {"secrets", ListJson(*list)}});
                         }));

  table.Add(
      http::Method::kPut, base + "/{name}",
      TenantScoped(auth, Permission::kWriteData,
                   [&secrets](http::Request& request, const Principal& who, const core::TenantKey& key) {
                     auto name = SecretName(request);
                     if (!name.ok()) return ErrorToResponse(name.error(), request);
                     auto body = ParseJsonObject(request);
                     if (!body.ok()) return ErrorToResponse(body.error(), request);
                     if (!body->contains("value") || !(*body)["value"].is_string()) {
                       return ErrorToResponse(
                           MakeError(ErrorCode::kInvalidArgument, "no value", "\"value\" must be a string."), request);
                     }
                     if (auto st = secrets.Set(key, *name, (*body)["value"].get<std::string>(), who.email); !st.ok()) {
                       return ErrorToResponse(st.error(), request);
                     }
                     auto list = secrets.List(key);
                     if (!list.ok()) return ErrorToResponse(list.error(), request);
                     return JsonOk({{"tenant", key.str()}, {"name", *name}, {"secrets", ListJson(*list)}});
                   }));

  table.Add(http::Method::kDelete, base + "/{name}",
            TenantScoped(auth, Permission::kWriteData,
                         [&secrets](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto name = SecretName(request);
                           if (!name.ok()) return ErrorToResponse(name.error(), request);
                           if (auto st = secrets.Delete(key, *name, who.email); !st.ok()) {
                             return ErrorToResponse(st.error(), request);
                           }
                           auto list = secrets.List(key);
                           if (!list.ok()) return ErrorToResponse(list.error(), request);
                           return JsonOk({{"tenant", key.str()}, {"name", *name}, {"secrets", ListJson(*list)}});
                         }));
}

}  // namespace routes
