#include "routes/auth_routes.h"

#include "core/clock.h"
#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;

nlohmann::json UserJson(const services::Principal& who) {
  return {{"email", who.email},
          {"role", who.role},
          {"tenant", who.tenant ? nlohmann::json(*who.tenant) : nlohmann::json(nullptr)}};
}

nlohmann::json TokenJson(const services::ApiTokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", core::FormatIsoUtc(t.created_at)},
          {"last_used", t.last_used ? nlohmann::json(core::FormatIsoUtc(*t.last_used)) : nlohmann::json(nullptr)}};
}

std::string Cookie(std::string_view name, std::string_view value, int64_t max_age, bool http_only, bool secure) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; Max-Age=" + std::to_string(max_age) +
                  "; SameSite=Strict";
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  return c;
}

http::Response Login(services::AuthService& auth, const AuthRouteOptions& options, http::Request& request) {
  if (request.body.size() > options.max_login_body) {
    return ErrorToResponse(MakeError(ErrorCode::kPayloadTooLarge, "login body too large",
                                     "The sign-in request is too large."),
                           request);
  }
  auto body = ParseJsonObject(request);
  if (!body.ok()) return ErrorToResponse(body.error(), request);
  auto email = body->find("email");
  auto password = body->find("password");
  if (email == body->end() || password == body->end() || !email->is_string() || !password->is_string()) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "login without email or password",
                                     "Give your email and password: {\"email\": \"...\", \"password\": \"...\"}."),
                           request);
  }
  auto session = auth.Login(email->get_ref<const std::string&>(), password->get_ref<const std::string&>(),
                            request.remote_address);
  if (!session.ok()) return ErrorToResponse(session.error(), request);
  int64_t max_age = auth.options().session_max.count();
  http::Response r = JsonOk({{"user", UserJson(session->principal)},
                             {"csrf_token", session->csrf_token},
                             {"expires_at", core::FormatIsoUtc(session->expires_at)}});
  r.AddHeader("Set-Cookie", Cookie(kSessionCookie, session->session_token, max_age, true, options.secure_cookies));
  // Readable by the dashboard's script, which echoes it in X-CSRF-Token.
  r.AddHeader("Set-Cookie", Cookie(kCsrfCookie, session->csrf_token, max_age, false, options.secure_cookies));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddAuthRoutes(http::RouteTable& table, services::AuthService& auth, AuthRouteOptions options) {
  table.Add(http::Method::kPost, "/admin/api/login",
            [&auth, options](http::Request& request) { return Login(auth, options, request); });

  table.Add(http::Method::kPost, "/admin/api/logout",
            Authenticated(auth, [&auth, options](http::Request& request, const services::Principal&) {
              if (auto cookie = CookieValue(request, kSessionCookie)) {
                if (auto st = auth.Logout(*cookie); !st.ok()) return ErrorToResponse(st.error(), request);
              }
              http::Response r = JsonOk({{"signed_out", true}});
              r.AddHeader("Set-Cookie", Cookie(kSessionCookie, "", 0, true, options.secure_cookies));
              r.AddHeader("Set-Cookie", Cookie(kCsrfCookie, "", 0, false, options.secure_cookies));
              return r;
            }));

  table.Add(http::Method::kGet, "/admin/api/me",
            Authenticated(auth, [](http::Request&, const services::Principal& who) {
              return JsonOk({{"user", UserJson(who)}, {"via_token", who.via_token}});
            }));

  table.Add(http::Method::kGet, "/admin/api/tokens",
            Authenticated(auth, [&auth](http::Request& request, const services::Principal& who) {
              auto tokens = auth.ListTokens(who);
              if (!tokens.ok()) return ErrorToResponse(tokens.error(), request);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& t : *tokens) list.push_back(TokenJson(t));
              return JsonOk({{"tokens", list}});
            }));

  table.Add(http::Method::kPost, "/admin/api/tokens",
            Authenticated(auth, [&auth](http::Request& request, const services::Principal& who) {
              auto body = ParseJsonObject(request);
              if (!body.ok()) return ErrorToResponse(body.error(), request);
              auto name = body->find("name");
              if (name == body->end() || !name->is_string()) {
                return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "token without a name",
                                                 "Give the token a name: {\"name\": \"...\"}."),
                                       request);
              }
              auto created = auth.CreateToken(who, name->get_ref<const std::string&>());
              if (!created.ok()) return ErrorToResponse(created.error(), request);
              nlohmann::json j = TokenJson(created->info);
              j["token"] = created->token;
              return JsonOk(j, 201);
            }));

  table.Add(http::Method::kDelete, "/admin/api/tokens/{id}",
            Authenticated(auth, [&auth](http::Request& request, const services::Principal& who) {
              auto id = ParsePositiveInt(request.PathParam("id"));
              if (!id) {
                return ErrorToResponse(MakeError(ErrorCode::kNotFound, "bad token id", "No such API token."),
                                       request);
              }
              if (auto st = auth.RevokeToken(who, *id); !st.ok()) return ErrorToResponse(st.error(), request);
              return JsonOk({{"revoked", *id}});
            }));
}

}  // namespace routes
