// Sign-in, sign-out and API tokens for the admin dashboard:
//   POST   /admin/api/login        {"email","password"} -> 200 {"user","csrf_token","expires_at"}
//                                   + Set-Cookie aiv7_session (HttpOnly) and aiv7_csrf
//   POST   /admin/api/logout       ends the session, clears both cookies (needs X-CSRF-Token)
//   GET    /admin/api/me           {"user":{"email","role","tenant"},"via_token"}
//   GET    /admin/api/tokens       {"tokens":[{"id","name","created_at","last_used"}]}
//   POST   /admin/api/tokens       {"name"} -> 201 {"id","name","created_at","token"} (token shown once)
//   DELETE /admin/api/tokens/{id}  revokes one of the caller's tokens
// Cookies are Path=/, SameSite=Strict, Max-Age = the session's lifetime, and
// Secure when `secure_cookies` is set (HTTPS deployments).
#pragma once

#include <cstddef>

#include "http/route_table.h"
#include "services/auth/auth_service.h"

namespace routes {

struct AuthRouteOptions {
  bool secure_cookies = false;
  size_t max_login_body = 4096;  // larger login bodies get 413
};

// `auth` must outlive the table.
void AddAuthRoutes(http::RouteTable& table, services::AuthService& auth, AuthRouteOptions options = {});

}  // namespace routes
