// The admin guards over a fake Authenticator: credentials are passed through
// as the guard found them, and the tenant scope is checked before a handler
// runs.
#include "routes/admin_guard.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

using core::ErrorCode;
using services::Permission;
using services::Principal;

class FakeAuthenticator final : public services::Authenticator {
 public:
  core::Result<Principal> Authenticate(const services::AuthRequest& request) override {
    last.session_cookie = request.session_cookie ? std::optional<std::string>(*request.session_cookie) : std::nullopt;
    last.bearer = request.bearer_token ? std::optional<std::string>(*request.bearer_token) : std::nullopt;
    last.csrf = request.csrf_token ? std::optional<std::string>(*request.csrf_token) : std::nullopt;
    last.state_changing = request.state_changing;
    ++calls;
    if (!request.session_cookie && !request.bearer_token) {
      return core::MakeError(ErrorCode::kUnauthorized, "no credentials", "Sign in first.");
    }
    return who;
  }
  struct Seen {
    std::optional<std::string> session_cookie, bearer, csrf;
    bool state_changing = false;
  } last;
  int calls = 0;
  Principal who;
};

http::Request Req(http::Method method, std::string tenant, std::vector<std::pair<std::string, std::string>> headers) {
  http::Request r;
  r.method = method;
  r.headers = std::move(headers);
  r.request_id = "rid-1";
  r.path_params["tenant"] = std::move(tenant);
  return r;
}

std::string Header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

class AdminGuardTest : public ::testing::Test {
 protected:
  http::Handler Scoped(Permission p) {
    return routes::TenantScoped(auth_, p, [this](http::Request&, const Principal&, const core::TenantKey& key) {
      ++handled_;
      return http::JsonResponse(200, nlohmann::json{{"tenant", key.str()}}.dump());
    });
  }
  FakeAuthenticator auth_;
  int handled_ = 0;
};

TEST_F(AdminGuardTest, NoCredentialsIs401WithNoStore) {
  auto req = Req(http::Method::kGet, "UK_BUTCHER", {});
  http::Response r = Scoped(Permission::kReadLeads)(req);
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(Header(r, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "unauthorized");
  EXPECT_EQ(handled_, 0);
}

TEST_F(AdminGuardTest, PassesCookieBearerAndCsrfAsFound) {
  auth_.who = {1, "o@a.test", "owner", "UK_BUTCHER", false};
  auto req = Req(http::Method::kPost, "UK_BUTCHER",
                 {{"cookie", "theme=dark; aiv7_session=abc123 ; aiv7_csrf=zzz"}, {"x-csrf-token", "tok"}});
  EXPECT_EQ(Scoped(Permission::kWriteData)(req).status, 200u);
  EXPECT_EQ(auth_.last.session_cookie, "abc123");
  EXPECT_FALSE(auth_.last.bearer.has_value());
  EXPECT_EQ(auth_.last.csrf, "tok");
  EXPECT_TRUE(auth_.last.state_changing);

  auto get = Req(http::Method::kGet, "UK_BUTCHER", {{"authorization", "Bearer  aiv7_xyz "}});
  EXPECT_EQ(Scoped(Permission::kReadData)(get).status, 200u);
  EXPECT_EQ(auth_.last.bearer, "aiv7_xyz");
  EXPECT_FALSE(auth_.last.state_changing);
  auto basic = Req(http::Method::kGet, "UK_BUTCHER", {{"authorization", "Basic Zm9vOmJhcg=="}});
  EXPECT_EQ(Scoped(Permission::kReadData)(basic).status, 401u);
}

TEST_F(AdminGuardTest, AnotherTenantIs403WhetherOrNotItExists) {
  auth_.who = {1, "o@a.test", "owner", "UK_BUTCHER", false};
  auto existing = Req(http::Method::kGet, "US_BIKES", {{"cookie", "aiv7_session=s"}});
  auto missing = Req(http::Method::kGet, "NO_SUCH_SHOP", {{"cookie", "aiv7_session=s"}});
  http::Response a = Scoped(Permission::kReadLeads)(existing);
  http::Response b = Scoped(Permission::kReadLeads)(missing);
  EXPECT_EQ(a.status, 403u);
  EXPECT_EQ(b.status, 403u);
  auto message = [](const http::Response& r) { return nlohmann::json::parse(r.body)["error"]["message"]; };
  EXPECT_EQ(message(a), message(b));
  EXPECT_EQ(handled_, 0);
  auto malformed = Req(http::Method::kGet, "../etc", {{"cookie", "aiv7_session=s"}});
  EXPECT_EQ(Scoped(Permission::kReadLeads)(malformed).status, 400u);
}

TEST_F(AdminGuardTest, StaffCannotWriteDataButCanReadAndWorkLeads) {
  auth_.who = {2, "s@a.test", "staff", "UK_BUTCHER", false};
  auto req = Req(http::Method::kPut, "UK_BUTCHER", {{"cookie", "aiv7_session=s"}});
  http::Response denied = Scoped(Permission::kWriteData)(req);
  EXPECT_EQ(denied.status, 403u);
  EXPECT_EQ(handled_, 0);
  for (Permission p : {Permission::kReadData, Permission::kReadLeads, Permission::kWriteLeads, Permission::kReadAnalytics}) {
    EXPECT_EQ(Scoped(p)(req).status, 200u);
  }
  EXPECT_EQ(handled_, 4);
}

TEST_F(AdminGuardTest, PlatformAdminReachesEveryTenant) {
  auth_.who = {3, "root@p.test", "admin", std::nullopt, true};
  auto req = Req(http::Method::kDelete, "US_BIKES", {{"authorization", "Bearer aiv7_t"}});
  http::Response r = Scoped(Permission::kWriteData)(req);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
}

TEST_F(AdminGuardTest, AuthenticatedGuardPassesErrorsThrough) {
  auto handler = routes::Authenticated(auth_, [](http::Request&, const Principal& who) {
    return http::JsonResponse(200, nlohmann::json{{"email", who.email}}.dump());
  });
  auto none = Req(http::Method::kGet, "", {});
  EXPECT_EQ(handler(none).status, 401u);
  auth_.who = {1, "o@a.test", "owner", "UK_BUTCHER", false};
  auto ok = Req(http::Method::kGet, "", {{"cookie", "aiv7_session=s"}});
  http::Response r = handler(ok);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
}

}  // namespace
