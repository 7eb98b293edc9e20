#include "routes/ops_routes.h"

#include <memory>

#include "core/secure_compare.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;

// Wraps a handler with bearer-token authentication and tenant key parsing.
http::Handler Guarded(std::shared_ptr<const std::string> token,
                      std::function<http::Response(http::Request&, const core::TenantKey&)> inner) {
  return [token, inner = std::move(inner)](http::Request& request) {
    if (token->empty()) {
      return ErrorToResponse(MakeError(ErrorCode::kForbidden, "ops API disabled",
                                       "The operator API is disabled: set OPS_TOKEN to enable it."),
                             request);
    }
    auto auth = request.Header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!auth || auth->substr(0, kBearer.size()) != kBearer ||
        !core::ConstantTimeEquals(auth->substr(kBearer.size()), *token)) {
      http::Response r = ErrorToResponse(
          MakeError(ErrorCode::kUnauthorized, "missing or wrong ops token", "A valid operator token is required."),
          request);
      r.SetHeader("WWW-Authenticate", "Bearer");
      return r;
    }
    auto key = core::TenantKey::Parse(request.PathParam("tenant"));
    if (!key.ok()) return ErrorToResponse(key.error(), request);
    return inner(request, *key);
  };
}

}  // namespace

void AddOpsRoutes(http::RouteTable& table, services::TenantDataService& data, std::string ops_token) {
  auto token = std::make_shared<const std::string>(std::move(ops_token));
  const std::string base = "/ops/api/tenants/{tenant}";

  table.Add(http::Method::kGet, base + "/versions",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              auto versions = data.ListVersions(key);
              if (!versions.ok()) return ErrorToResponse(versions.error(), request);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& v : *versions) list.push_back(VersionJson(v));
              return JsonOk({{"tenant", key.str()}, {"versions", list}});
            }));

  table.Add(http::Method::kGet, base + "/diff",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              auto from = ParsePositiveInt(request.QueryParam("from").value_or(""));
              auto to = ParsePositiveInt(request.QueryParam("to").value_or(""));
              if (!from || !to) {
                return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "bad diff range",
                                                 "Give two version numbers: ?from=N&to=M."),
                                       request);
              }
              auto diff = data.Diff(key, *from, *to);
              if (!diff.ok()) return ErrorToResponse(diff.error(), request);
              return JsonOk(DiffJson(*diff));
            }));

  table.Add(http::Method::kPost, base + "/rollback",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              auto body = ParseJsonObject(request);
              if (!body.ok()) return ErrorToResponse(body.error(), request);
              auto it = body->find("version");
              if (it == body->end() || !it->is_number_integer() || it->get<int>() <= 0) {
                return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "missing version",
                                                 "Give the version to roll back to: {\"version\": N}."),
                                       request);
              }
              auto info = data.Rollback(key, it->get<int>(), "ops");
              if (!info.ok()) return ErrorToResponse(info.error(), request);
              return JsonOk(VersionJson(*info), 201);
            }));

  table.Add(http::Method::kGet, base + "/files/{file}",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              auto text = data.ReadFile(key, request.PathParam("file"));
              if (!text.ok()) return ErrorToResponse(text.error(), request);
              return http::JsonResponse(200, std::move(text).value());
            }));

  table.Add(http::Method::kPut, base + "/files/{file}",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              auto content_type = request.Header("content-type");
              if (!content_type || content_type->find("json") == std::string_view::npos) {
                return ErrorToResponse(MakeError(ErrorCode::kInvalidJson, "content type is not JSON",
                                                 "Send the file as JSON with Content-Type: application/json."),
                                       request);
              }
              auto info = data.ReplaceFile(key, request.PathParam("file"), request.body, "ops");
              if (!info.ok()) return ErrorToResponse(info.error(), request);
              return JsonOk(VersionJson(*info), 201);
            }));
}

}  // namespace routes
