// Authenticator: turns the credentials an admin request carries into a
// Principal. Implemented by AuthService (session cookies and API tokens);
// tests may use a fake. Routes never look at credentials themselves.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "services/auth/principal.h"

namespace services {

struct AuthRequest {
  std::optional<std::string_view> session_cookie;  // value of the aiv7_session cookie
  std::optional<std::string_view> bearer_token;    // from "Authorization: Bearer ..."
  std::optional<std::string_view> csrf_token;      // X-CSRF-Token header
  bool state_changing = false;                     // POST, PUT, PATCH, DELETE
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // A bearer token wins over a cookie when both are present. Errors:
  // kUnauthorized (no credentials, unknown/expired/revoked session or token,
  // user gone; a sign-in lock-out does not end existing sessions or tokens,
  // see docs/auth.md), kForbidden (a cookie-authenticated state-changing
  // request without the session's CSRF token). Thread-safe.
  virtual core::Result<Principal> Authenticate(const AuthRequest& request) = 0;
};

}  // namespace services
