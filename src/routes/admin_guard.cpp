#include "routes/admin_guard.h"

#include "routes/route_support.h"

namespace routes {

namespace {

bool IsStateChanging(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

core::Result<services::Principal> Authenticate(services::Authenticator& auth, const http::Request& request) {
  services::AuthRequest credentials;
  credentials.session_cookie = CookieValue(request, kSessionCookie);
  if (auto header = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (header->size() > kBearer.size() && header->substr(0, kBearer.size()) == kBearer) {
      credentials.bearer_token = Trim(header->substr(kBearer.size()));
    }
  }
  credentials.csrf_token = request.Header(kCsrfHeader);
  credentials.state_changing = IsStateChanging(request.method);
  return auth.Authenticate(credentials);
}

http::Response NoStore(http::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response Denied(const core::Error& error, const http::Request& request) {
  http::Response r = ErrorToResponse(error, request);
  if (error.code == core::ErrorCode::kUnauthorized) r.SetHeader("WWW-Authenticate", "Bearer");
  return NoStore(std::move(r));
}

}  // namespace

std::optional<std::string_view> CookieValue(const http::Request& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) return Trim(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

http::Handler Authenticated(services::Authenticator& auth, PrincipalHandler handler) {
  return [&auth, handler = std::move(handler)](http::Request& request) {
    auto who = Authenticate(auth, request);
    if (!who.ok()) return Denied(who.error(), request);
    return NoStore(handler(request, *who));
  };
}

http::Handler TenantScoped(services::Authenticator& auth, services::Permission permission, TenantHandler handler) {
  return [&auth, permission, handler = std::move(handler)](http::Request& request) {
    auto who = Authenticate(auth, request);
    if (!who.ok()) return Denied(who.error(), request);
    auto key = core::TenantKey::Parse(request.PathParam("tenant"));
    if (!key.ok()) return NoStore(ErrorToResponse(key.error(), request));
    if (auto allowed = services::CheckAccess(*who, *key, permission); !allowed.ok()) {
      return Denied(allowed.error(), request);
    }
    return NoStore(handler(request, *who, *key));
  };
}

}  // namespace routes
