#include "routes/route_support.h"

#include <charconv>
#include <limits>

#include "core/json_depth.h"
#include "http/dispatcher.h"

namespace routes {

using core::ErrorCode;

unsigned HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kInvalidJson: return 400;
    case ErrorCode::kInvalidTenantKey: return 400;
    case ErrorCode::kUnknownTenant: return 404;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kSchemaInvalid: return 422;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kTimeout: return 504;
    case ErrorCode::kIo: return 500;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

http::Response ErrorToResponse(const core::Error& error, const http::Request& request) {
  std::string details;
  if (!error.details.empty()) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : error.details) {
      arr.push_back({{"file", d.file}, {"pointer", d.pointer}, {"message", d.message}});
    }
    details = arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return http::ErrorResponse(HttpStatusFor(error.code), core::ErrorCodeName(error.code), error.UserMessage(),
                             request.request_id, details);
}

http::Response JsonOk(const nlohmann::json& body, unsigned status) {
  return http::JsonResponse(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

core::Result<nlohmann::json> ParseJsonObject(const http::Request& request) {
  auto content_type = request.Header("content-type");
  if (content_type && content_type->find("json") == std::string_view::npos) {
    return core::MakeError(ErrorCode::kInvalidJson, "content type is not JSON",
                           "Send the body as JSON with Content-Type: application/json.");
  }
  if (!core::JsonNestingWithin(request.body)) {
    return core::MakeError(ErrorCode::kInvalidJson, "body nested too deep",
                           "The request body is nested more than " + std::to_string(core::kMaxJsonDepth) +
                               " levels deep.");
  }
  auto doc = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return core::MakeError(ErrorCode::kInvalidJson, "body is not valid JSON", "The request body is not valid JSON.");
  }
  if (!doc.is_object()) {
    return core::MakeError(ErrorCode::kInvalidJson, "body is not a JSON object",
                           "The request body must be a JSON object.");
  }
  return doc;
}

core::Result<core::TenantKey> SelectTenant(const http::Request& request, const core::TenantKey& default_key,
                                           const std::optional<std::string>& body_key) {
  std::optional<std::string> named;
  if (auto header = request.Header("x-tenant")) named = std::string(*header);
  else if (auto query = request.QueryParam("tenant")) named = std::move(query);
  if (body_key && named && *body_key != *named) {
    return core::MakeError(ErrorCode::kInvalidArgument, "body tenant disagrees with X-Tenant/?tenant=",
                           "\"tenant\" in the body differs from the tenant named in X-Tenant or ?tenant=.");
  }
  if (named) return core::TenantKey::Parse(*named);
  if (!body_key) return default_key;
  auto key = core::TenantKey::Parse(*body_key);
  if (key.ok() && *key != default_key && http::IsCrossOrigin(request)) {
    return core::MakeError(ErrorCode::kInvalidArgument, "cross-origin tenant only in the body",
                           "A call from another website names its shop in ?tenant= or X-Tenant.");
  }
  return key;
}

core::Result<std::optional<int>> IfMatchVersion(const http::Request& request) {
  auto header = request.Header("if-match");
  if (!header) return std::optional<int>();
  std::string_view tag = *header;
  while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
  while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
  if (tag == "*") return std::optional<int>();
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  auto version = ParsePositiveInt(tag);
  if (!version || *version > std::numeric_limits<int>::max()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "bad If-Match",
                           "If-Match must name a data version, like \"3\" (the ETag of the file you read).");
  }
  return std::optional<int>(static_cast<int>(*version));
}

std::string VersionTag(int version) { return "\"" + std::to_string(version) + "\""; }

std::optional<int64_t> ParsePositiveInt(std::string_view text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || text.front() == '-' || ec != std::errc() || ptr != text.data() + text.size() || v <= 0) {
    return std::nullopt;
  }
  return v;
}

core::Result<int64_t> IntQueryParam(const http::Request& request, std::string_view name, int64_t fallback,
                                    int64_t min, int64_t max) {
  auto raw = request.QueryParam(name);
  if (!raw) return fallback;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (raw->empty() || ec != std::errc() || ptr != raw->data() + raw->size() || v < min || v > max) {
    return core::MakeError(ErrorCode::kInvalidArgument, "bad integer parameter",
                           "Query parameter '" + std::string(name) + "' must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max) + ".");
  }
  return v;
}

nlohmann::json VersionJson(const retrieval::VersionInfo& v) {
  return {{"version", v.version}, {"created_at", v.created_at}, {"author", v.author},
          {"source", v.source},   {"note", v.note},             {"current", v.current}};
}

nlohmann::json DiffJson(const retrieval::VersionDiff& diff) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : diff.files) {
    files.push_back({{"file", f.file}, {"change", f.change}, {"operations", f.operations}, {"paths", f.paths}});
  }
  return {{"from", diff.from}, {"to", diff.to}, {"files", files}};
}

}  // namespace routes
