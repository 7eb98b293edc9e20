// Handlers shared by the owner API (/admin/api, signed-in users) and the
// operator API (/ops/api, OPS_TOKEN) over services::TenantDataService: the
// same decoding, errors and JSON, behind different guards. `author` is who
// the new version and the audit entry name.
//
// Versions as ETags: reading a file answers ETag: "<version>"; every write
// (replace, product patch, rollback) takes If-Match: "<version>" and is then
// published only on top of that version, else 412 precondition_failed. A
// published version answers 201 with ETag: "<new version>".
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
// {"price"?: number, "stock"?: integer} for the {sku} path parameter.
http::Response PatchProductResponse(services::TenantDataService& data, const http::Request& request,
                                    const core::TenantKey& key, const std::string& author);

// 201 with the version and its ETag, or the error.
http::Response Published(const core::Result<retrieval::VersionInfo>& info, const http::Request& request);

}  // namespace routes
