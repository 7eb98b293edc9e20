#include "routes/tenant_data_handlers.h"

#include <limits>

#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;

std::optional<int> ParseVersion(std::string_view text) {
  auto v = ParsePositiveInt(text);
  if (!v || *v > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*v);
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

http::Response Published(const core::Result<retrieval::VersionInfo>& info, const http::Request& request) {
  if (!info.ok()) return ErrorToResponse(info.error(), request);
  http::Response response = JsonOk(VersionJson(*info), 201);
  response.SetHeader("ETag", VersionTag(info->version));
  return response;
}

http::Response ListVersionsResponse(services::TenantDataService& data, const http::Request& request,
                                    const core::TenantKey& key) {
  auto versions = data.ListVersions(key);
  if (!versions.ok()) return ErrorToResponse(versions.error(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& v : *versions) list.push_back(VersionJson(v));
  return JsonOk({{"tenant", key.str()}, {"versions", list}});
}

http::Response DiffResponse(services::TenantDataService& data, const http::Request& request,
                            const core::TenantKey& key) {
  auto from = ParseVersion(request.QueryParam("from").value_or(""));
  auto to = ParseVersion(request.QueryParam("to").value_or(""));
  if (!from || !to) {
    return ErrorToResponse(
        MakeError(ErrorCode::kInvalidArgument, "bad diff range", "Give two version numbers: ?from=N&to=M."), request);
  }
  auto diff = data.Diff(key, *from, *to);
  if (!diff.ok()) return ErrorToResponse(diff.error(), request);
  return JsonOk(DiffJson(*diff));
}

http::Response RollbackResponse(services::TenantDataService& data, const http::Request& request,
                                const core::TenantKey& key, const std::string& author) {
  auto body = ParseJsonObject(request);
  if (!body.ok()) return ErrorToResponse(body.error(), request);
  auto it = body->find("version");
  std::optional<int> version;
  if (it != body->end() && it->is_number_integer()) version = ParseVersion(std::to_string(it->get<int64_t>()));
  if (!version) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "missing version",
                                     "Give the version to roll back to: {\"version\": N}."),
                           request);
  }
  auto expected = IfMatchVersion(request);
  if (!expected.ok()) return ErrorToResponse(expected.error(), request);
  auto info = data.Rollback(key, *version, author, *expected);
  return Published(info, request);
}

http::Response ReadFileResponse(services::TenantDataService& data, const http::Request& request,
                                const core::TenantKey& key) {
  auto file = data.ReadFile(key, request.PathParam("file"));
  if (!file.ok()) return ErrorToResponse(file.error(), request);
  http::Response response = http::JsonResponse(200, std::move(file->text));
  // Send it back in If-Match with the changed file: a write on top of a
  // version someone else has replaced meanwhile is refused (412).
  response.SetHeader("ETag", VersionTag(file->version));
  return response;
}

http::Response ReplaceFileResponse(services::TenantDataService& data, const http::Request& request,
                                   const core::TenantKey& key, const std::string& author) {
  auto content_type = request.Header("content-type");
  if (!content_type || content_type->find("json") == std::string_view::npos) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidJson, "content type is not JSON",
                                     "Send the file as JSON with Content-Type: application/json."),
                           request);
  }
  auto expected = IfMatchVersion(request);
  if (!expected.ok()) return ErrorToResponse(expected.error(), request);
  auto info = data.ReplaceFile(key, request.PathParam("file"), request.body, author, *expected);
  return Published(info, request);
}

http::Response PatchProductResponse(services::TenantDataService& data, const http::Request& request,
                                    const core::TenantKey& key, const std::string& author) {
  auto body = ParseJsonObject(request);
  if (!body.ok()) return ErrorToResponse(body.error(), request);
  auto patch = ParseProductPatch(*body);
  if (!patch.ok()) return ErrorToResponse(patch.error(), request);
  auto expected = IfMatchVersion(request);
  if (!expected.ok()) return ErrorToResponse(expected.error(), request);
  return Published(data.PatchProduct(key, request.PathParam("sku"), *patch, author, *expected), request);
}

}  // namespace routes
