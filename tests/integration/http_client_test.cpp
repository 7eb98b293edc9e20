// http::Client failure modes on loopback sockets (its happy path is what
// every other integration test uses through testing_support::Request).
#include "http/client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace {

// A loopback listener that accepts connections into its backlog and never
// answers; closed (and the port then refuses) on scope exit.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on loopback";
    }
    port_ = ntohs(addr.sin_port);
  }
  ~SilentListener() { Close(); }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

TEST(HttpClientTest, ServerThatNeverAnswersIsATimeout) {
  SilentListener listener;
  http::Client client("127.0.0.1", listener.port(), std::chrono::milliseconds(200));
  auto r = client.Send({http::Method::kPost, "/chat_api", {}, "{}"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kTimeout) << r.error().message;
}

TEST(HttpClientTest, RefusedConnectionIsUnavailable) {
  SilentListener listener;
  uint16_t port = listener.port();
  listener.Close();
  auto r = http::Client("127.0.0.1", port).Send({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message.find("cannot connect"), std::string::npos) << r.error().message;
}

}  // namespace
