// Operator API for tenant data, authenticated with the OPS_TOKEN bearer
// token (disabled when no token is configured):
//   GET  /ops/api/tenants/{tenant}/versions
//   GET  /ops/api/tenants/{tenant}/diff?from=N&to=M
//   POST /ops/api/tenants/{tenant}/rollback        {"version": N}
//   GET  /ops/api/tenants/{tenant}/files/{file}
//   PUT  /ops/api/tenants/{tenant}/files/{file}    body: the JSON document
// Owners get the same operations, scoped to their tenant, in the admin API.
#pragma once

#include <string>

#include "http/route_table.h"
#include "services/owner/tenant_data_service.h"

namespace routes {

// `max_file_bytes`: the body limit of file uploads (PUT .../files/{file}).
void AddOpsRoutes(http::RouteTable& table, services::TenantDataService& data, std::string ops_token,
                  size_t max_file_bytes);

}  // namespace routes
