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

}  // namespace

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
  auto info = data.Rollback(key, *version, author);
  if (!info.ok()) return ErrorToResponse(info.error(), request);
  return JsonOk(VersionJson(*info), 201);
}

http::Response ReadFileResponse(services::TenantDataService& data, const http::Request& request,
                                const core::TenantKey& key) {
  auto text = data.ReadFile(key, request.PathParam("file"));
  if (!text.ok()) return ErrorToResponse(text.error(), request);
  return http::JsonResponse(200, std::move(text).value());
}

http::Response ReplaceFileResponse(services::TenantDataService& data, const http::Request& request,
                                   const core::TenantKey& key, const std::string& author) {
  auto content_type = request.Header("content-type");
  if (!content_type || content_type->find("json") == std::string_view::npos) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidJson, "content type is not JSON",
                                     "Send the file as JSON with Content-Type: application/json."),
                           request);
  }
  auto info = data.ReplaceFile(key, request.PathParam("file"), request.body, author);
  if (!info.ok()) return ErrorToResponse(info.error(), request);
  return JsonOk(VersionJson(*info), 201);
}

}  // namespace routes
