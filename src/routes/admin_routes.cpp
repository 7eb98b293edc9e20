#include "routes/admin_routes.h"

#include "retrieval/tenant_files.h"
#include "routes/admin_guard.h"
#include "routes/route_support.h"
#include "routes/tenant_data_handlers.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

constexpr std::string_view kBase = "/admin/api/tenants/{tenant}";

std::string Path(std::string_view rest) { return std::string(kBase) + std::string(rest); }

}  // namespace

void AddAdminDataRoutes(http::RouteTable& table, services::Authenticator& auth, services::TenantDataService& data,
                        size_t max_file_bytes) {
  table.Add(http::Method::kGet, Path("/files"),
            TenantScoped(auth, Permission::kReadData, [](http::Request&, const Principal&, const core::TenantKey& key) {
              nlohmann::json files = nlohmann::json::array();
              for (const auto& spec : retrieval::kTenantFiles) {
                files.push_back({{"file", spec.name}, {"schema", spec.schema}, {"required", spec.required}});
              }
              return JsonOk({{"tenant", key.str()}, {"files", files}});
            }));

  table.Add(http::Method::kGet, Path("/files/{file}"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           return ReadFileResponse(data, request, key);
                         }));

  table.Add(http::Method::kPut, Path("/files/{file}"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           return ReplaceFileResponse(data, request, key, who.email);
                         }),
            {.max_body = max_file_bytes});

  table.Add(http::Method::kPatch, Path("/products/{sku}"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           return PatchProductResponse(data, request, key, who.email);
                         }));

  table.Add(http::Method::kGet, Path("/versions"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           return ListVersionsResponse(data, request, key);
                         }));

  table.Add(http::Method::kGet, Path("/diff"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           return DiffResponse(data, request, key);
                         }));

  table.Add(http::Method::kPost, Path("/rollback"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           return RollbackResponse(data, request, key, who.email);
                         }));

  table.Add(http::Method::kGet, Path("/audit"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto limit = IntQueryParam(request, "limit", 100, 1, 500);
                           if (!limit.ok()) return ErrorToResponse(limit.error(), request);
                           auto entries = data.Audit(key, *limit);
                           if (!entries.ok()) return ErrorToResponse(entries.error(), request);
                           nlohmann::json list = nlohmann::json::array();
                           for (const auto& e : *entries) {
                             auto detail = nlohmann::json::parse(e.detail, nullptr, false);
                             list.push_back({{"at", core::FormatIsoUtc(e.at)},
                                             {"user", e.user},
                                             {"action", e.action},
                                             {"target", e.target},
                                             {"detail", detail.is_discarded() ? nlohmann::json::object() : detail}});
                           }
                           return JsonOk({{"tenant", key.str()}, {"entries", list}});
                         }));
}

}  // namespace routes
