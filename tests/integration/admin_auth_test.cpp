// Admin sign-in against the real binary: `aiv7 user add` creates the owner,
// then cookies, CSRF, API tokens, lock-out and bad input over HTTP.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::RunAiv7WithInput;
using testing_support::ServerProcess;

constexpr char kPassword[] = "prime-rib-2024!";

std::string CookieValue(const std::string& set_cookie) {
  size_t eq = set_cookie.find('=');
  size_t end = set_cookie.find(';');
  return set_cookie.substr(eq + 1, end - eq - 1);
}

class AdminAuthTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer({}); }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void StartServer(std::map<std::string, std::string> extra) {
    extra["ARGON2_MEMORY_KIB"] = "64";
    extra["ARGON2_ITERATIONS"] = "1";
    server_ = std::make_unique<ServerProcess>(extra);
    ASSERT_TRUE(server_->Start()) << server_->output();
  }

  testing_support::CommandResult AddUser(const std::string& email, const std::string& role, const std::string& tenant,
                                         const std::string& password = kPassword) {
    std::vector<std::string> args = {"user", "add", "--email", email, "--role", role, "--password-stdin"};
    if (!tenant.empty()) {
      args.push_back("--tenant");
      args.push_back(tenant);
    }
    return RunAiv7WithInput(args, server_->env(), password + "\n");
  }

  HttpReply Login(const std::string& email, const std::string& password) {
    return Request(server_->port(), "POST", "/admin/api/login", json{{"email", email}, {"password", password}}.dump());
  }

  struct Session {
    std::string cookie;  // "aiv7_session=..."
    std::string csrf;
  };
  Session SignIn(const std::string& email = "owner@butcher.test") {
    HttpReply r = Login(email, kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.set_cookies.size() != 2) return {};
    return {"aiv7_session=" + CookieValue(r.set_cookies[0]), r.Json()["csrf_token"].get<std::string>()};
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(AdminAuthTest, UserAddCreatesAccountsAndRefusesBadInput) {
  auto ok = AddUser("Owner@Butcher.test", "owner", "UK_BUTCHER");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("created owner owner@butcher.test (id "), std::string::npos) << ok.output;
  EXPECT_EQ(ok.output.find(kPassword), std::string::npos);

  auto duplicate = AddUser("owner@butcher.test", "owner", "UK_BUTCHER");
  EXPECT_EQ(duplicate.exit_code, 1);
  EXPECT_NE(duplicate.output.find("already exists"), std::string::npos) << duplicate.output;
  auto unknown_tenant = AddUser("x@butcher.test", "owner", "NO_SUCH_SHOP");
  EXPECT_EQ(unknown_tenant.exit_code, 1);
  EXPECT_NE(unknown_tenant.output.find("no tenant"), std::string::npos) << unknown_tenant.output;
  auto short_password = AddUser("x@butcher.test", "owner", "UK_BUTCHER", "short");
  EXPECT_EQ(short_password.exit_code, 1);
  EXPECT_NE(short_password.output.find("at least 10"), std::string::npos) << short_password.output;
  EXPECT_EQ(short_password.output.find("short\n"), std::string::npos);
  EXPECT_EQ(AddUser("root@platform.test", "admin", "").exit_code, 0);
  EXPECT_NE(AddUser("bad@butcher.test", "wizard", "UK_BUTCHER").exit_code, 0);
  // No TTY and no --password-stdin: refuses rather than reading argv or hanging.
  auto no_flag = RunAiv7WithInput({"user", "add", "--email", "y@butcher.test", "--role", "staff", "--tenant",
                                   "UK_BUTCHER"},
                                  server_->env(), kPassword + std::string("\n"));
  EXPECT_EQ(no_flag.exit_code, 1);
  EXPECT_NE(no_flag.output.find("--password-stdin"), std::string::npos) << no_flag.output;
}

TEST_F(AdminAuthTest, LoginSetsHardenedCookiesAndMeUsesThem) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  HttpReply r = Login("OWNER@butcher.test", kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["user"]["email"], "owner@butcher.test");
  EXPECT_EQ(body["user"]["role"], "owner");
  EXPECT_EQ(body["user"]["tenant"], "UK_BUTCHER");
  EXPECT_TRUE(body["expires_at"].is_string());
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  ASSERT_EQ(r.set_cookies.size(), 2u);
  const std::string& session = r.set_cookies[0];
  const std::string& csrf = r.set_cookies[1];
  EXPECT_EQ(session.rfind("aiv7_session=", 0), 0u) << session;
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("; SameSite=Strict"), std::string::npos) << session;
  EXPECT_NE(session.find("; Path=/"), std::string::npos) << session;
  EXPECT_NE(session.find("; Max-Age=604800"), std::string::npos) << session;
  EXPECT_EQ(session.find("Secure"), std::string::npos) << session;
  EXPECT_EQ(csrf.rfind("aiv7_csrf=", 0), 0u) << csrf;
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << csrf;
  EXPECT_EQ(CookieValue(csrf), body["csrf_token"]);

  HttpReply me = Request(server_->port(), "GET", "/admin/api/me", "",
                         {{"Cookie", "aiv7_session=" + CookieValue(session)}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["email"], "owner@butcher.test");
  EXPECT_EQ(me.Json()["via_token"], false);
  EXPECT_EQ(me.Header("cache-control"), "no-store");

  HttpReply anonymous = Request(server_->port(), "GET", "/admin/api/me");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Json()["error"]["code"], "unauthorized");
}

TEST_F(AdminAuthTest, LogoutWithoutCsrfIsRefusedAndChangesNothing) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  Session s = SignIn();
  HttpReply refused = Request(server_->port(), "POST", "/admin/api/logout", "", {{"Cookie", s.cookie}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Json()["error"]["code"], "forbidden");
  EXPECT_EQ(refused.Json()["error"]["message"], "Missing or wrong CSRF token.");
  HttpReply wrong = Request(server_->port(), "POST", "/admin/api/logout", "",
                            {{"Cookie", s.cookie}, {"X-CSRF-Token", std::string(43, 'A')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Request(server_->port(), "GET", "/admin/api/me", "", {{"Cookie", s.cookie}}).status, 200);

  HttpReply out = Request(server_->port(), "POST", "/admin/api/logout", "",
                          {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  ASSERT_EQ(out.status, 200) << out.body;
  ASSERT_EQ(out.set_cookies.size(), 2u);
  EXPECT_NE(out.set_cookies[0].find("Max-Age=0"), std::string::npos) << out.set_cookies[0];
  EXPECT_EQ(Request(server_->port(), "GET", "/admin/api/me", "", {{"Cookie", s.cookie}}).status, 401);
}

TEST_F(AdminAuthTest, ApiTokenFlowWithBearer) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  Session s = SignIn();
  Headers session_headers = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  EXPECT_EQ(Request(server_->port(), "POST", "/admin/api/tokens", R"({"name":"ci"})", {{"Cookie", s.cookie}}).status,
            403);
  HttpReply created = Request(server_->port(), "POST", "/admin/api/tokens", R"({"name":"ci"})", session_headers);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token = created.Json()["token"];
  int64_t id = created.Json()["id"];
  EXPECT_EQ(token.rfind("aiv7_", 0), 0u);
  Headers bearer = {{"Authorization", "Bearer " + token}};

  HttpReply me = Request(server_->port(), "GET", "/admin/api/me", "", bearer);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["via_token"], true);
  EXPECT_EQ(me.Json()["user"]["tenant"], "UK_BUTCHER");
  HttpReply list = Request(server_->port(), "GET", "/admin/api/tokens", "", bearer);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["tokens"].size(), 1u);
  EXPECT_EQ(list.Json()["tokens"][0]["name"], "ci");
  EXPECT_FALSE(list.Json()["tokens"][0].contains("token"));
  // A token cannot mint tokens.
  EXPECT_EQ(Request(server_->port(), "POST", "/admin/api/tokens", R"({"name":"more"})", bearer).status, 403);
  EXPECT_EQ(Request(server_->port(), "DELETE", "/admin/api/tokens/999999", "", bearer).status, 404);
  // Revoked with the token itself: no CSRF for bearer requests.
  HttpReply revoked = Request(server_->port(), "DELETE", "/admin/api/tokens/" + std::to_string(id), "", bearer);
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  HttpReply after = Request(server_->port(), "GET", "/admin/api/me", "", bearer);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.Header("www-authenticate"), "Bearer");
}

TEST_F(AdminAuthTest, BadLoginBodiesAreClearErrors) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  HttpReply bad_json = Request(server_->port(), "POST", "/admin/api/login", "{not json");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.Json()["error"]["code"], "invalid_json");
  HttpReply missing = Request(server_->port(), "POST", "/admin/api/login", R"({"email":"owner@butcher.test"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Json()["error"]["code"], "invalid_argument");
  HttpReply not_string = Request(server_->port(), "POST", "/admin/api/login", R"({"email":"o@b.test","password":42})");
  EXPECT_EQ(not_string.status, 400);
  std::string huge = json{{"email", "owner@butcher.test"}, {"password", std::string(5000, 'x')}}.dump();
  HttpReply too_big = Request(server_->port(), "POST", "/admin/api/login", huge);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.Json()["error"]["code"], "payload_too_large");
  HttpReply form = Request(server_->port(), "POST", "/admin/api/login", "email=a&password=b",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 400);
  EXPECT_TRUE(form.set_cookies.empty());
}

TEST_F(AdminAuthTest, SixWrongPasswordsLockTheAccount) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  for (int i = 0; i < 5; ++i) {
    HttpReply r = Login("owner@butcher.test", "wrong-password-" + std::to_string(i));
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(r.Json()["error"]["message"], "Email or password is wrong.");
  }
  HttpReply locked = Login("owner@butcher.test", kPassword);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.Json()["error"]["code"], "too_many_requests");
  EXPECT_TRUE(locked.set_cookies.empty());
  HttpReply unknown = Login("nobody@butcher.test", kPassword);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.Json()["error"]["message"], "Email or password is wrong.");
}

TEST_F(AdminAuthTest, TamperedCookiesAndTokensAre401) {
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  Session s = SignIn();
  std::string tampered = s.cookie;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const std::string& cookie : {tampered, std::string("aiv7_session="), std::string("aiv7_session=../../x")}) {
    HttpReply r = Request(server_->port(), "GET", "/admin/api/me", "", {{"Cookie", cookie}});
    EXPECT_EQ(r.status, 401) << cookie;
    EXPECT_EQ(r.Json()["error"]["code"], "unauthorized");
  }
  HttpReply forged = Request(server_->port(), "GET", "/admin/api/tokens", "",
                             {{"Authorization", "Bearer aiv7_" + std::string(43, 'Z')}});
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(Request(server_->port(), "GET", "/admin/api/me", "", {{"Cookie", s.cookie}}).status, 200);
}

TEST_F(AdminAuthTest, CookieSecureAddsSecure) {
  server_->Stop();
  StartServer({{"COOKIE_SECURE", "1"}});
  ASSERT_EQ(AddUser("owner@butcher.test", "owner", "UK_BUTCHER").exit_code, 0);
  HttpReply r = Login("owner@butcher.test", kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.set_cookies.size(), 2u);
  EXPECT_NE(r.set_cookies[0].find("; Secure"), std::string::npos);
  EXPECT_NE(r.set_cookies[1].find("; Secure"), std::string::npos);
}

}  // namespace
