// Issue 10 item 2, for every route the server documents (web/openapi.json):
// garbage bodies, wrong types, deep nesting, odd query values and path
// parameters, sent as a signed-in owner and as the operator, never give a
// 5xx and never kill the server. New routes are covered as soon as they are
// documented (OpenApiTest makes sure they are).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

constexpr char kOpsToken[] = "ops-token-for-garbage-tests-0123456789";
constexpr char kPassword[] = "garbage-in-2026!";

std::string CookieValue(const std::string& set_cookie) {
  size_t eq = set_cookie.find('=');
  return set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
}

// Bodies a careless or hostile client sends.
std::vector<std::string> GarbageBodies() {
  std::string deep = std::string(5000, '[') + std::string(5000, ']');
  return {"",
          "{",
          "null",
          "[]",
          "42",
          "\"text\"",
          "{\"\":null}",
          R"({"message":5,"channel":[],"tenant":{},"session_id":true,"metadata":"x"})",
          R"({"email":1,"password":null,"name":[1],"version":"7","price":"free","stock":1.5})",
          R"({"status":9,"tags":"x","notes":{},"handoff":"yes"})",
          R"({"status":"won","tags":[1,2],"notes":null,"handoff":1})",
          R"({"version":-1,"price":-1e308,"stock":-9223372036854775808})",
          R"({"price":1e400})",
          "{\"a\":\"\xff\xfe\"}",
          "{\"deep\":" + deep + "}",
          json{{"name", std::string(100000, 'n')}, {"message", std::string(100000, 'm')}}.dump()};
}

class GarbageInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({{"OPS_TOKEN", kOpsToken}, {"ARGON2_MEMORY_KIB", "64"}, {"ARGON2_ITERATIONS", "1"}});
    ASSERT_TRUE(server_->Start()) << server_->output();
    auto added = testing_support::RunAiv7WithInput(
        {"user", "add", "--email", "owner@garbage.test", "--role", "owner", "--tenant", "UK_BUTCHER", "--password-stdin"},
        server_->env(), std::string(kPassword) + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.output;
    HttpReply login = Request(server_->port(), "POST", "/admin/api/login",
                              json{{"email", "owner@garbage.test"}, {"password", kPassword}}.dump());
    ASSERT_EQ(login.status, 200) << login.body;
    ASSERT_EQ(login.set_cookies.size(), 2u);
    owner_ = new Headers{{"Cookie", "aiv7_session=" + CookieValue(login.set_cookies[0]) +
                                        "; aiv7_csrf=" + CookieValue(login.set_cookies[1])},
                         {"X-CSRF-Token", login.Json()["csrf_token"].get<std::string>()}};
  }
  static void TearDownTestSuite() {
    server_->Stop();
    delete server_;
    delete owner_;
  }
  static ServerProcess* server_;
  static Headers* owner_;
};

ServerProcess* GarbageInputTest::server_ = nullptr;
Headers* GarbageInputTest::owner_ = nullptr;

// Every documented (method, path) with its parameters filled in several
// ways, some valid, some hostile.
std::vector<std::pair<std::string, std::string>> Targets() {
  std::ifstream in(testing_support::SourceDir() / "web/openapi.json");
  json api = json::parse(in);
  const std::vector<std::pair<std::string, std::string>> fills = {
      {"{tenant}", "UK_BUTCHER"}, {"{file}", "catalog.json"}, {"{sku}", "LMB-001"}, {"{id}", "1"}};
  const std::vector<std::string> hostile = {"..%2F..%2Fetc", "%00", "NOPE", std::string(300, 'x'), "-1"};
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [path, ops] : api["paths"].items()) {
    for (auto& [method, _] : ops.items()) {
      static const std::set<std::string> kMethods = {"get", "put", "post", "patch", "delete"};
      if (!kMethods.count(method)) continue;  // path-level "parameters", "summary"
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string valid = path;
      for (const auto& [name, value] : fills) valid = std::regex_replace(valid, std::regex("\\" + name.substr(0, name.size() - 1) + "\\}"), value);
      out.emplace_back(m, valid + "?from=x&to=-5&limit=99999999999999999999&q=%ff&channel=%00&kind=nope&version=abc");
      for (const auto& bad : hostile) {
        std::string t = std::regex_replace(path, std::regex("\\{[a-z]+\\}"), bad);
        if (t != path) out.emplace_back(m, t);
      }
    }
  }
  return out;
}

TEST_F(GarbageInputTest, NoRouteAnswersGarbageWithA5xx) {
  auto targets = Targets();
  ASSERT_GT(targets.size(), 30u);
  const auto bodies = GarbageBodies();
  int requests = 0;
  for (const auto& [method, target] : targets) {
    if (target.rfind("/admin/api/logout", 0) == 0) continue;  // would end the session the rest uses
    for (const auto& body : bodies) {
      for (int who = 0; who < 2; ++who) {
        Headers headers = who == 0 ? *owner_ : Headers{{"Authorization", std::string("Bearer ") + kOpsToken}};
        headers.push_back({"Content-Type", "application/json"});
        HttpReply r = Request(server_->port(), method, target, body, headers);
        ++requests;
        EXPECT_LT(r.status, 500) << method << " " << target << " body " << body.substr(0, 80) << " -> " << r.body;
        if (r.status >= 400) {
          EXPECT_TRUE(r.Json().is_object() && r.Json().contains("error"))
              << method << " " << target << ": an error must be a JSON error body: " << r.body.substr(0, 200);
        }
      }
    }
  }
  EXPECT_EQ(Request(server_->port(), "GET", "/healthz").status, 200) << "still alive after " << requests << " requests";
}

}  // namespace
