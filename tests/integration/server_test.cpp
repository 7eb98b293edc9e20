// Drives the real aiv7 binary over HTTP on a random port.
#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"
#include "support/wait.h"

namespace {

using testing_support::Connection;
using testing_support::FormatRequest;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

constexpr const char* kOpsToken = "ops-token-for-tests-0123456789abcdef";

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(std::map<std::string, std::string> env = {}) {
    server_ = std::make_unique<ServerProcess>(std::move(env));
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  uint16_t port() const { return server_->port(); }
  static void ExpectJsonError(const HttpReply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json");
    auto j = r.Json();
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j["error"]["code"], code) << r.body;
    EXPECT_TRUE(j["error"]["message"].is_string());
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerTest, HealthAndReadinessAreJsonWithRequestIds) {
  StartServer();
  HttpReply h = Request(port(), "GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.Json()["status"], "ok");
  EXPECT_FALSE(h.Header("x-request-id").empty());

  HttpReply r = Request(port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j["status"], "ready");
  EXPECT_TRUE(j["checks"]["default_tenant"]["ok"].get<bool>());
  EXPECT_TRUE(j["checks"]["data_dir"]["ok"].get<bool>());
  EXPECT_TRUE(j["checks"]["database"]["ok"].get<bool>());

  HttpReply echoed = Request(port(), "GET", "/healthz", "", {{"X-Request-Id", "trace-abc.123"}});
  EXPECT_EQ(echoed.Header("x-request-id"), "trace-abc.123");
  HttpReply replaced = Request(port(), "GET", "/healthz", "", {{"X-Request-Id", "bad id with spaces"}});
  EXPECT_NE(replaced.Header("x-request-id"), "bad id with spaces");
  EXPECT_NE(replaced.Header("x-request-id"), h.Header("x-request-id"));
}

TEST_F(ServerTest, ReadinessFailsWhenDataDirIsNotWritable) {
  StartServer();
  std::filesystem::permissions(server_->dir() / "data", std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::remove);
  std::filesystem::path probe = server_->dir() / "data" / "probe";
  bool root_bypasses_permissions = ::access((server_->dir() / "data").c_str(), W_OK) == 0;
  if (root_bypasses_permissions) {
    // Running as root: permissions do not stop us, so replace the folder by a file instead.
    std::filesystem::permissions(server_->dir() / "data", std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
    std::filesystem::rename(server_->dir() / "data", server_->dir() / "data.moved");
    testing_support::WriteText(server_->dir() / "data", "not a folder");
  }
  HttpReply r = Request(port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.Json()["status"], "not_ready");
  EXPECT_FALSE(r.Json()["checks"]["data_dir"]["ok"].get<bool>());
  if (root_bypasses_permissions) {
    std::filesystem::remove(server_->dir() / "data");
    std::filesystem::rename(server_->dir() / "data.moved", server_->dir() / "data");
  } else {
    std::filesystem::permissions(server_->dir() / "data", std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
  }
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  Connection c(port());
  ASSERT_TRUE(c.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Send(FormatRequest("GET", "/healthz", "", {}, true)));
    auto r = c.ReadReply();
    ASSERT_TRUE(r.has_value()) << "request " << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST_F(ServerTest, UnknownRoutesAndMethodsAreJsonErrors) {
  StartServer();
  ExpectJsonError(Request(port(), "GET", "/no/such/thing"), 404, "not_found");
  HttpReply m = Request(port(), "DELETE", "/healthz");
  ExpectJsonError(m, 405, "method_not_allowed");
  EXPECT_EQ(m.Header("allow"), "GET");
}

TEST_F(ServerTest, UnknownAndMalformedTenantsAreRejected) {
  StartServer();
  ExpectJsonError(Request(port(), "GET", "/api/widget_config?tenant=NOPE"), 404, "unknown_tenant");
  ExpectJsonError(Request(port(), "GET", "/api/widget_config?tenant=..%2Fetc"), 400, "invalid_tenant_key");
  ExpectJsonError(Request(port(), "GET", "/api/widget_config", "", {{"X-Tenant", "../../etc/passwd"}}), 400,
                  "invalid_tenant_key");
  HttpReply ok = Request(port(), "GET", "/api/widget_config?tenant=US_BIKES");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.Json()["currency"], "USD");
  HttpReply def = Request(port(), "GET", "/api/widget_config");
  EXPECT_EQ(def.Json()["tenant"], "UK_BUTCHER") << "BUSINESS_KEY defaults to the first tenant folder";
  EXPECT_FALSE(std::filesystem::exists(server_->dir() / "data/tenants/NOPE"));
}

TEST_F(ServerTest, OversizedBodyIsRejectedWith413) {
  StartServer({{"MAX_BODY_BYTES", "2048"}});
  std::string big(64 * 1024, 'x');
  ExpectJsonError(Request(port(), "POST", "/api/widget_config", big), 413, "payload_too_large");
  EXPECT_EQ(Request(port(), "GET", "/healthz").status, 200) << "the server keeps serving";
}

TEST_F(ServerTest, OversizedHeadersAreRejectedWith431) {
  StartServer({{"MAX_HEADER_BYTES", "2048"}});
  ExpectJsonError(Request(port(), "GET", "/healthz", "", {{"X-Big", std::string(8192, 'a')}}), 431,
                  "headers_too_large");
}

TEST_F(ServerTest, MalformedHttpIsA400) {
  StartServer();
  Connection c(port());
  ASSERT_TRUE(c.Send("THIS IS NOT HTTP\r\n\r\n"));
  auto r = c.ReadReply();
  ASSERT_TRUE(r.has_value());
  ExpectJsonError(*r, 400, "bad_request");
}

TEST_F(ServerTest, SlowlorisConnectionIsCutAfterReadTimeout) {
  StartServer({{"READ_TIMEOUT_MS", "300"}});
  Connection c(port());
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  bool closed = false;
  // Keep dribbling a header byte now and then, never finishing the request.
  for (int i = 0; i < 60 && !closed; ++i) {
    if (!c.Send("X")) {
      closed = true;
      break;
    }
    closed = c.WaitClosed(100);
  }
  EXPECT_TRUE(closed) << "a request that never completes must not hold a connection forever";
  EXPECT_EQ(Request(port(), "GET", "/healthz").status, 200);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  StartServer({{"IDLE_TIMEOUT_MS", "200"}, {"READ_TIMEOUT_MS", "600000"}});
  Connection c(port());
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.ReadReply(5000).has_value());
  EXPECT_TRUE(c.WaitClosed(10000)) << "idle after a request: IDLE_TIMEOUT_MS applies";
}

TEST_F(ServerTest, StaticFilesHaveTypesCachingAndNoTraversal) {
  StartServer();
  HttpReply index = Request(port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  HttpReply css = Request(port(), "GET", "/assets/site.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Header("cache-control"), "public, max-age=3600");
  HttpReply again = Request(port(), "GET", "/assets/site.css", "", {{"If-None-Match", css.Header("etag")}});
  EXPECT_EQ(again.status, 304);
  HttpReply widget = Request(port(), "GET", "/widget/widget.js");
  EXPECT_EQ(widget.status, 200);
  EXPECT_EQ(widget.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(widget.body.find("/chat_api"), std::string::npos);
  EXPECT_EQ(Request(port(), "GET", "/widget/").Header("content-type"), "text/html; charset=utf-8");
  HttpReply head = Request(port(), "HEAD", "/assets/site.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), css.Header("content-length"));
  ExpectJsonError(Request(port(), "GET", "/../schemas/catalog.schema.json"), 404, "not_found");
  ExpectJsonError(Request(port(), "GET", "/%2e%2e/%2e%2e/etc/passwd"), 404, "not_found");
  ExpectJsonError(Request(port(), "GET", "/assets/..%2f..%2fREADME.md"), 404, "not_found");
}

TEST_F(ServerTest, CorsFollowsTheTenantsWidgetOrigins) {
  StartServer();
  // US_BIKES lists https://www.rosecitycycles.example in overrides.json.
  HttpReply pre = Request(port(), "OPTIONS", "/api/widget_config?tenant=US_BIKES", "",
                          {{"Origin", "https://www.rosecitycycles.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.Header("access-control-allow-origin"), "https://www.rosecitycycles.example");
  HttpReply get = Request(port(), "GET", "/api/widget_config?tenant=US_BIKES", "",
                          {{"Origin", "https://www.rosecitycycles.example"}});
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.Header("access-control-allow-origin"), "https://www.rosecitycycles.example");
  // Another tenant's site may not use US_BIKES's widget.
  HttpReply other = Request(port(), "OPTIONS", "/api/widget_config?tenant=US_BIKES", "",
                            {{"Origin", "https://www.noorhalal.example"}, {"Access-Control-Request-Method", "GET"}});
  ExpectJsonError(other, 403, "origin_not_allowed");
  HttpReply ops = Request(port(), "OPTIONS", "/ops/api/tenants/US_BIKES/versions", "",
                          {{"Origin", "https://www.rosecitycycles.example"}, {"Access-Control-Request-Method", "GET"}});
  ExpectJsonError(ops, 403, "cors_forbidden");
}

// Issue 10 item 10: the origin is checked against the same tenant the turn
// is answered for, so a shop's site cannot talk as another shop.
TEST_F(ServerTest, CrossOriginChatUsesTheTenantItsOriginWasCheckedFor) {
  StartServer();  // UK_BUTCHER is the default tenant
  const std::string uk_site = "https://www.noorhalal.example";
  auto chat = [&](const std::string& target, const std::string& body_tenant, testing_support::Headers headers) {
    headers.push_back({"Origin", uk_site});
    nlohmann::json body = {{"message", "hello"}};
    if (!body_tenant.empty()) body["tenant"] = body_tenant;
    return Request(port(), "POST", target, body.dump(), headers);
  };
  // The UK shop's own site, naming the UK shop in any agreeing way: served.
  HttpReply own = chat("/chat_api?tenant=UK_BUTCHER", "UK_BUTCHER", {});
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json()["tenant"], "UK_BUTCHER");
  EXPECT_EQ(own.Header("access-control-allow-origin"), uk_site);
  EXPECT_EQ(chat("/chat_api", "UK_BUTCHER", {}).status, 200);
  // The UK site asking for the US shop: never a US reply with the UK origin.
  ExpectJsonError(chat("/chat_api", "US_BIKES", {}), 400, "invalid_argument");
  ExpectJsonError(chat("/chat_api?tenant=UK_BUTCHER", "US_BIKES", {}), 400, "invalid_argument");
  ExpectJsonError(chat("/chat_api?tenant=US_BIKES", "", {}), 403, "origin_not_allowed");
  ExpectJsonError(chat("/chat_api", "", {{"X-Tenant", "US_BIKES"}}), 403, "origin_not_allowed");
  // Server-to-server calls (no Origin) may name the tenant in the body.
  HttpReply api = Request(port(), "POST", "/chat_api", R"({"message":"hello","tenant":"US_BIKES"})");
  EXPECT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.Json()["tenant"], "US_BIKES");
}

TEST_F(ServerTest, InvalidConfigurationStopsStartupWithClearMessage) {
  auto r = testing_support::RunAiv7({"serve"}, {{"BUSINESS_DIR", (testing_support::SourceDir() / "business").string()},
                                                 {"MODE", "V9"},
                                                 {"PORT", "http"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("MODE=V9 must be V5, V6 or V7"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PORT=http"), std::string::npos) << r.output;
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightRequest) {
  StartServer({{"OPS_TOKEN", kOpsToken}});
  std::string body = R"({"tone": "formal", "widget_origins": ["https://a.example"]})";
  Connection c(port());
  std::string request = FormatRequest("PUT", "/ops/api/tenants/UK_BUTCHER/files/overrides.json", body,
                                      {{"Authorization", std::string("Bearer ") + kOpsToken}}, true);
  size_t half = request.size() - body.size() / 2;
  ASSERT_TRUE(c.Send(request.substr(0, half)));
  // Connections are accepted in order: once a later one is answered, the
  // server holds this one and has its first bytes.
  ASSERT_EQ(Request(port(), "GET", "/healthz").status, 200);
  server_->Signal(SIGTERM);
  // Shutdown has begun once the listener refuses new connections.
  ASSERT_TRUE(testing_support::WaitUntil([&] { return !Connection(port()).connected(); }))
      << "the server kept accepting after SIGTERM";
  ASSERT_TRUE(c.Send(request.substr(half)));
  auto reply = c.ReadReply();
  ASSERT_TRUE(reply.has_value()) << "the in-flight request must be answered";
  EXPECT_EQ(reply->status, 201) << reply->body;
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_EQ(server_->WaitExit(20000), 0) << server_->output();
  server_.reset();
}

}  // namespace
