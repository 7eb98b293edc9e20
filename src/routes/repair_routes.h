// Self-repair for owners (docs/analytics.md#self-repair):
//   GET  /admin/api/tenants/{tenant}/repair                 the report (kReadData)
//   GET  /admin/api/tenants/{tenant}/repair/{id}/preview    before/after of one suggestion (kReadData)
//   POST /admin/api/tenants/{tenant}/repair/{id}/apply      publish it as a new version (kWriteData)
// Nothing changes without the explicit apply; a suggestion that no longer
// matches the current data is a 409.
#pragma once

#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/owner/self_repair.h"

namespace routes {

// References must outlive the route table.
void AddRepairRoutes(http::RouteTable& table, services::Authenticator& auth, services::SelfRepair& repair);

}  // namespace routes
