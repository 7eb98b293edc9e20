// Guards for /admin/api and /analytics/api routes: authenticate the caller
// (session cookie + CSRF, or API token) and check the tenant scope before the
// handler runs. Every response carries Cache-Control: no-store.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "core/tenant_key.h"
#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/auth/principal.h"

namespace routes {

inline constexpr std::string_view kSessionCookie = "aiv7_session";
inline constexpr std::string_view kCsrfCookie = "aiv7_csrf";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

using PrincipalHandler = std::function<http::Response(http::Request&, const services::Principal&)>;
using TenantHandler =
    std::function<http::Response(http::Request&, const services::Principal&, const core::TenantKey&)>;

// Any signed-in caller. `auth` must outlive the handler.
http::Handler Authenticated(services::Authenticator& auth, PrincipalHandler handler);

// A signed-in caller allowed `permission` on the `{tenant}` path parameter.
// A malformed key is a 400; a key outside the caller's scope is a 403 whether
// or not that tenant exists.
http::Handler TenantScoped(services::Authenticator& auth, services::Permission permission, TenantHandler handler);

// The value of cookie `name` from the Cookie header(s), if present.
std::optional<std::string_view> CookieValue(const http::Request& request, std::string_view name);

}  // namespace routes
