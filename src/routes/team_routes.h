// Team routes: an owner's staff accounts (platform admins: owners too).
//
//   GET    /admin/api/tenants/{tenant}/users                 {"users":[{id,email,role,created_at,locked}]}
//   POST   /admin/api/tenants/{tenant}/users                 {"email","password","role"} -> 201 the user
//   POST   /admin/api/tenants/{tenant}/users/{id}/password   {"password"}: reset; ends their sessions
//   DELETE /admin/api/tenants/{tenant}/users/{id}            removes the user, their tokens and sessions
//
// Every route needs Permission::kManageUsers (owners and admins; staff get
// 403); the rules of who may manage whom are services::AuthService's.
// Passwords are write-only: never echoed, listed or logged.
#pragma once

#include "http/route_table.h"
#include "services/auth/auth_service.h"

namespace routes {

// `auth` must outlive the route table.
void AddTeamRoutes(http::RouteTable& table, services::AuthService& auth);

}  // namespace routes
