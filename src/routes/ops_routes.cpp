#include "routes/ops_routes.h"

#include <memory>

#include "core/secure_compare.h"
#include "routes/route_support.h"
#include "routes/tenant_data_handlers.h"

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

void AddOpsRoutes(http::RouteTable& table, services::TenantDataService& data, std::string ops_token,
                  size_t max_file_bytes) {
  auto token = std::make_shared<const std::string>(std::move(ops_token));
  const std::string base = "/ops/api/tenants/{tenant}";

  table.Add(http::Method::kGet, base + "/versions",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              return ListVersionsResponse(data, request, key);
            }));
  table.Add(http::Method::kGet, base + "/diff",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              return DiffResponse(data, request, key);
            }));
  table.Add(http::Method::kPost, base + "/rollback",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              return RollbackResponse(data, request, key, "ops");
            }));
  table.Add(http::Method::kGet, base + "/files/{file}",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              return ReadFileResponse(data, request, key);
            }));
  table.Add(http::Method::kPut, base + "/files/{file}",
            Guarded(token, [&data](http::Request& request, const core::TenantKey& key) {
              return ReplaceFileResponse(data, request, key, "ops");
            }),
            {.max_body = max_file_bytes});
}

}  // namespace routes
