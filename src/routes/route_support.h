// Shared helpers for route handlers: the one table mapping error codes to
// HTTP statuses, JSON body parsing with clear errors, and tenant selection.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/tenant_key.h"
#include "http/message.h"
#include "retrieval/storage.h"

namespace routes {

unsigned HttpStatusFor(core::ErrorCode code);

// {"error":{"code","message","request_id","details":[{"file","pointer","message"}]}}
http::Response ErrorToResponse(const core::Error& error, const http::Request& request);

http::Response JsonOk(const nlohmann::json& body, unsigned status = 200);

// Parses the request body as a JSON object. kInvalidJson for anything else
// (including a wrong Content-Type on a non-empty body).
core::Result<nlohmann::json> ParseJsonObject(const http::Request& request);

// The tenant a request is for, decided once for the whole request (the
// origin check of a cross-origin call, tenant_cors_policy, uses the same
// answer): the X-Tenant header, else the `tenant` query parameter, else
// `body_key` (a "tenant" field of the JSON body), else the default.
// kInvalidArgument when `body_key` disagrees with the header or query, or
// when a cross-origin call would take its tenant from the body alone (the
// origin was checked against the header, query or default, never a body);
// kInvalidTenantKey for a malformed key.
core::Result<core::TenantKey> SelectTenant(const http::Request& request, const core::TenantKey& default_key,
                                           const std::optional<std::string>& body_key = std::nullopt);

// The data version an If-Match header names ("3", "\"3\"" or W/"3"; the
// version is the ETag of tenant files): nullopt when the header is absent or
// "*"; kInvalidArgument when it names no version.
core::Result<std::optional<int>> IfMatchVersion(const http::Request& request);

// "\"<version>\"": the ETag of a tenant file as of that data version.
std::string VersionTag(int version);

// A positive decimal integer (no sign, no spaces), else nullopt.
std::optional<int64_t> ParsePositiveInt(std::string_view text);

// Integer query parameter `name`: `fallback` when absent, kInvalidArgument
// when present but not an integer in [min, max].
core::Result<int64_t> IntQueryParam(const http::Request& request, std::string_view name, int64_t fallback,
                                    int64_t min, int64_t max);

// {"version","created_at","author","source","note","current"}
nlohmann::json VersionJson(const retrieval::VersionInfo& v);
nlohmann::json DiffJson(const retrieval::VersionDiff& diff);

}  // namespace routes
