// Shared helpers for route handlers: the one table mapping error codes to
// HTTP statuses, JSON body parsing with clear errors, and tenant selection.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/tenant_key.h"
#include "http/message.h"

namespace routes {

unsigned HttpStatusFor(core::ErrorCode code);

// {"error":{"code","message","request_id","details":[{"file","pointer","message"}]}}
http::Response ErrorToResponse(const core::Error& error, const http::Request& request);

http::Response JsonOk(const nlohmann::json& body, unsigned status = 200);

// Parses the request body as a JSON object. kInvalidJson for anything else
// (including a wrong Content-Type on a non-empty body).
core::Result<nlohmann::json> ParseJsonObject(const http::Request& request);

// The tenant a request is for: `explicit_key` (e.g. from the JSON body), else
// the X-Tenant header, else the `tenant` query parameter, else the default.
core::Result<core::TenantKey> SelectTenant(const http::Request& request, const core::TenantKey& default_key,
                                           const std::optional<std::string>& explicit_key = std::nullopt);

}  // namespace routes
