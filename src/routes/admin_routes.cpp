#include "routes/admin_routes.h"

#include <limits>

#include "retrieval/tenant_files.h"
#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

constexpr std::string_view kBase = "/admin/api/tenants/{tenant}";

std::string Path(std::string_view rest) { return std::string(kBase) + std::string(rest); }

std::optional<int> ParseVersion(std::string_view text) {
  auto v = ParsePositiveInt(text);
  if (!v || *v > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*v);
}

core::Status RequireJsonContentType(const http::Request& request) {
  auto content_type = request.Header("content-type");
  if (!content_type || content_type->find("json") == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidJson, "content type is not JSON",
                     "Send the file as JSON with Content-Type: application/json.");
  }
  return core::Status::Ok();
}

core::Result<services::ProductPatch> ParseProductPatch(const nlohmann::json& body) {
  services::ProductPatch patch;
  for (const auto& [field, value] : body.items()) {
    if (field == "price") {
      if (!value.is_number()) {
        return MakeError(ErrorCode::kInvalidArgument, "price is not a number", "\"price\" must be a number.");
      }
      patch.price = value.get<double>();
    } else if (field == "stock") {
      if (!value.is_number_integer()) {
        return MakeError(ErrorCode::kInvalidArgument, "stock is not an integer",
                         "\"stock\" must be a whole number.");
      }
      patch.stock = value.get<int64_t>();
    } else {
      return MakeError(ErrorCode::kInvalidArgument, "unknown product field",
                       "Only \"price\" and \"stock\" can be changed here; replace catalog.json for other fields.");
    }
  }
  return patch;
}

}  // namespace

void AddAdminDataRoutes(http::RouteTable& table, services::Authenticator& auth, services::TenantDataService& data) {
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
                           auto text = data.ReadFile(key, request.PathParam("file"));
                           if (!text.ok()) return ErrorToResponse(text.error(), request);
                           return http::JsonResponse(200, std::move(text).value());
                         }));

  table.Add(http::Method::kPut, Path("/files/{file}"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           if (auto st = RequireJsonContentType(request); !st.ok()) {
                             return ErrorToResponse(st.error(), request);
                           }
                           auto info = data.ReplaceFile(key, request.PathParam("file"), request.body, who.email);
                           if (!info.ok()) return ErrorToResponse(info.error(), request);
                           return JsonOk(VersionJson(*info), 201);
                         }));

  table.Add(http::Method::kPatch, Path("/products/{sku}"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto body = ParseJsonObject(request);
                           if (!body.ok()) return ErrorToResponse(body.error(), request);
                           auto patch = ParseProductPatch(*body);
                           if (!patch.ok()) return ErrorToResponse(patch.error(), request);
                           auto info = data.PatchProduct(key, request.PathParam("sku"), *patch, who.email);
                           if (!info.ok()) return ErrorToResponse(info.error(), request);
                           return JsonOk(VersionJson(*info), 201);
                         }));

  table.Add(http::Method::kGet, Path("/versions"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto versions = data.ListVersions(key);
                           if (!versions.ok()) return ErrorToResponse(versions.error(), request);
                           nlohmann::json list = nlohmann::json::array();
                           for (const auto& v : *versions) list.push_back(VersionJson(v));
                           return JsonOk({{"tenant", key.str()}, {"versions", list}});
                         }));

  table.Add(http::Method::kGet, Path("/diff"),
            TenantScoped(auth, Permission::kReadData,
                         [&data](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto from = ParseVersion(request.QueryParam("from").value_or(""));
                           auto to = ParseVersion(request.QueryParam("to").value_or(""));
                           if (!from || !to) {
                             return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "bad diff range",
                                                              "Give two version numbers: ?from=N&to=M."),
                                                    request);
                           }
                           auto diff = data.Diff(key, *from, *to);
                           if (!diff.ok()) return ErrorToResponse(diff.error(), request);
                           return JsonOk(DiffJson(*diff));
                         }));

  table.Add(http::Method::kPost, Path("/rollback"),
            TenantScoped(auth, Permission::kWriteData,
                         [&data](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto body = ParseJsonObject(request);
                           if (!body.ok()) return ErrorToResponse(body.error(), request);
                           auto it = body->find("version");
                           std::optional<int> version;
                           if (it != body->end() && it->is_number_integer()) {
                             version = ParseVersion(std::to_string(it->get<int64_t>()));
                           }
                           if (!version) {
                             return ErrorToResponse(
                                 MakeError(ErrorCode::kInvalidArgument, "missing version",
                                           "Give the version to roll back to: {\"version\": N}."),
                                 request);
                           }
                           auto info = data.Rollback(key, *version, who.email);
                           if (!info.ok()) return ErrorToResponse(info.error(), request);
                           return JsonOk(VersionJson(*info), 201);
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
