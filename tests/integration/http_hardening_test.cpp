// Issue 10, against the real binary: request smuggling through
// Transfer-Encoding (item 3), idle and surplus connections (item 4),
// absolute-form targets and security headers (item 11).
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/wait.h"

namespace {

using testing_support::Connection;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

class HttpHardeningTest : public ::testing::Test {
 protected:
  void Start(std::map<std::string, std::string> env = {}) {
    server_ = std::make_unique<ServerProcess>(std::move(env));
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  uint16_t port() const { return server_->port(); }
  bool Alive() { return Request(port(), "GET", "/healthz").status == 200; }
  std::unique_ptr<ServerProcess> server_;
};

// RFC 9112 6.1: a Transfer-Encoding the server does not read as chunked must
// not leave its body to be parsed as the next request.
TEST_F(HttpHardeningTest, TransferEncodingOtherThanChunkedIsRefusedAndTheConnectionClosed) {
  Start();
  const std::string smuggled = "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  for (std::string framing : {"Transfer-Encoding: identity\r\n", "Transfer-Encoding: xchunked\r\n",
                              "Transfer-Encoding: chunked, identity\r\n", "Transfer-Encoding: gzip\r\n",
                              "Transfer-Encoding: gzip, chunked\r\n",
                              "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n",
                              "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"}) {
    Connection c(port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Send("POST /chat_api HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing +
                       "\r\n" + smuggled));
    auto first = c.ReadReply(5000);
    ASSERT_TRUE(first.has_value()) << framing;
    EXPECT_EQ(first->status, 400) << framing << first->body;
    EXPECT_FALSE(c.ReadReply(1000).has_value()) << framing << ": the hidden GET /readyz was answered";
    EXPECT_TRUE(c.WaitClosed(5000)) << framing;
  }
  // Plain chunked bodies still work.
  Connection c(port());
  std::string body = R"({"message":"hello","tenant":"UK_BUTCHER"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  ASSERT_TRUE(c.Send("POST /chat_api HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: Chunked\r\n\r\n" + std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n"));
  auto reply = c.ReadReply(5000);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200) << reply->body;
}

// A connection that never sends a byte is held for the read timeout, not
// the (much longer) keep-alive idle timeout.
TEST_F(HttpHardeningTest, SilentConnectionIsClosedAfterTheReadTimeout) {
  Start({{"READ_TIMEOUT_MS", "300"}, {"IDLE_TIMEOUT_MS", "600000"}});
  Connection silent(port());
  ASSERT_TRUE(silent.connected());
  EXPECT_TRUE(silent.WaitClosed(20000)) << "a silent connection was kept past READ_TIMEOUT_MS";
  // A keep-alive connection that made a request waits the idle timeout.
  Connection used(port());
  ASSERT_TRUE(used.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(used.ReadReply(5000).has_value());
  EXPECT_FALSE(used.WaitClosed(1000)) << "a keep-alive connection must get IDLE_TIMEOUT_MS";
}

// More silent sockets than the connection cap: the oldest idle ones make
// room, and the service keeps answering everybody else.
TEST_F(HttpHardeningTest, IdleConnectionsBeyondTheCapAreShedOldestFirst) {
  Start({{"MAX_CONNECTIONS", "16"}, {"MAX_CONNECTIONS_PER_CLIENT", "1000"}, {"READ_TIMEOUT_MS", "600000"}});
  std::vector<std::unique_ptr<Connection>> silent;
  for (int i = 0; i < 40; ++i) {
    silent.push_back(std::make_unique<Connection>(port()));
    ASSERT_TRUE(silent.back()->connected());
  }
  ASSERT_TRUE(testing_support::WaitUntil([&] { return Alive(); })) << server_->output();
  EXPECT_TRUE(silent.front()->WaitClosed(5000)) << "the oldest idle connection should have been closed";
  EXPECT_FALSE(silent.back()->WaitClosed(200)) << "the newest connections stay";
}

TEST_F(HttpHardeningTest, OneClientCannotTakeEveryConnection) {
  Start({{"MAX_CONNECTIONS_PER_CLIENT", "4"}, {"READ_TIMEOUT_MS", "600000"}});
  // Four connections in the middle of a request: none of them is idle.
  std::vector<std::unique_ptr<Connection>> busy;
  for (int i = 0; i < 4; ++i) {
    busy.push_back(std::make_unique<Connection>(port()));
    ASSERT_TRUE(busy.back()->Send("POST /chat_api HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"));
  }
  // Connections are accepted in order; give the server the four first.
  ASSERT_TRUE(testing_support::WaitUntil([&] {
    Connection probe(port());
    auto reply = probe.ReadReply(2000);
    return reply && reply->status == 503;
  })) << "a fifth connection from the same address must be refused with 503";
  for (auto& c : busy) EXPECT_FALSE(c->WaitClosed(100)) << "requests in progress are never shed";
}

TEST_F(HttpHardeningTest, AbsoluteFormTargetsAreServed) {
  Start();
  Connection c(port());
  ASSERT_TRUE(c.Send("GET http://127.0.0.1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  auto reply = c.ReadReply(5000);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200) << reply->body;
  ASSERT_TRUE(c.Send("GET HTTP://127.0.0.1?tenant=US_BIKES HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  reply = c.ReadReply(5000);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200) << "the index page";
}

TEST_F(HttpHardeningTest, SecurityHeadersOnPagesAndJson) {
  Start();
  HttpReply page = Request(port(), "GET", "/widget/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(page.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.Header("x-frame-options"), "DENY");
  EXPECT_EQ(page.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script under a script-src 'self' policy";
  for (const char* path : {"/healthz", "/api/widget_config", "/nope"}) {
    HttpReply json = Request(port(), "GET", path);
    EXPECT_EQ(json.Header("x-content-type-options"), "nosniff") << path;
    EXPECT_NE(json.Header("content-security-policy").find("default-src 'none'"), std::string::npos) << path;
  }
}

}  // namespace
