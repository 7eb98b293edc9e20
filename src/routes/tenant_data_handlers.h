// Handlers shared by the owner API (/admin/api, signed-in users) and the
// operator API (/ops/api, OPS_TOKEN) over services::TenantDataService: the
// same decoding, errors and JSON, behind different guards. `author` is who
// the new version and the audit entry name.
#pragma once

#include <string>

#include "core/tenant_key.h"
#include "http/message.h"
#include "services/owner/tenant_data_service.h"

namespace routes {

http::Response ListVersionsResponse(services::TenantDataService& data, const http::Request& request,
                                    const core::TenantKey& key);
// ?from=N&to=M
http::Response DiffResponse(services::TenantDataService& data, const http::Request& request,
                            const core::TenantKey& key);
// {"version": N}
http::Response RollbackResponse(services::TenantDataService& data, const http::Request& request,
                                const core::TenantKey& key, const std::string& author);
// The {file} path parameter, raw JSON as published.
http::Response ReadFileResponse(services::TenantDataService& data, const http::Request& request,
                                const core::TenantKey& key);
// The {file} path parameter; the body must be JSON (Content-Type too).
http::Response ReplaceFileResponse(services::TenantDataService& data, const http::Request& request,
                                   const core::TenantKey& key, const std::string& author);

}  // namespace routes
