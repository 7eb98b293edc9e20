// /admin/api/tenants/{tenant}/secrets...: a tenant's channel credentials,
// write-only (services::SecretAdmin).
//   GET    secrets         names, when each was set and whether it is
//                          encrypted; never a value (kReadData)
//   PUT    secrets/{name}  {"value": "..."} sets it (kWriteData: owners)
//   DELETE secrets/{name}  removes it (kWriteData)
// No response ever carries a value. An unknown name is a 400.
#pragma once

#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/secrets/secret_admin.h"

namespace routes {

// References must outlive the route table.
void AddSecretRoutes(http::RouteTable& table, services::Authenticator& auth, services::SecretAdmin& secrets);

}  // namespace routes
