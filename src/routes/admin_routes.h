// /admin/api/tenants/{tenant}/...: an owner's view of their business data.
//   GET    files                    the tenant's data files (names, schema)
//   GET    files/{file}             one file of the current version (raw JSON)
//   PUT    files/{file}             replace it: validated, published as a new version
//   PATCH  products/{sku}           {"price": n, "stock": n}: published as a new version
//   GET    versions                 newest first
//   GET    diff?from=N&to=M         which files and JSON pointers changed
//   POST   rollback {"version": N}  publishes a copy of version N
//   GET    audit?limit=N            who changed what, newest first
// Reads need Permission::kReadData, writes kWriteData (owners and platform
// admins). Every write is audited with the caller's email.
#pragma once

#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/owner/tenant_data_service.h"

namespace routes {

// References must outlive the route table.
// `max_file_bytes`: the body limit of file uploads (PUT .../files/{file}).
void AddAdminDataRoutes(http::RouteTable& table, services::Authenticator& auth, services::TenantDataService& data,
                        size_t max_file_bytes);

}  // namespace routes
