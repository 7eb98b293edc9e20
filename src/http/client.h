// Client: a small blocking HTTP/1.1 client (plain TCP, no TLS) for operator
// tools that talk to a running server, such as `aiv7 eval --url`, and for
// the integration tests.
//
// Send() opens one connection, writes one request with "Connection: close",
// reads one response and closes. A request is never re-sent, so a POST is
// never applied twice. Not meant for volume: no pooling, no redirects, no
// chunked request bodies.
//
// Thread-safety: a Client holds no state between calls; Send() may be called
// from several threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/message.h"

namespace http {

struct ClientRequest {
  Method method = Method::kGet;  // kOther is sent as GET
  std::string target = "/";      // path and query, sent as given
  std::vector<std::pair<std::string, std::string>> headers;
  // Sent with Content-Length (also when empty, for POST, PUT and PATCH).
  // Content-Type defaults to application/json when a body is set.
  std::string body;
};

struct ClientResponse {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names, in order received
  std::string body;                                           // empty for HEAD

  // Case-insensitive; the first value if repeated.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// "http://host[:port][/base/path]". `base_path` has no trailing slash ("" for
// the root). kInvalidArgument for anything else, including https.
struct HttpUrl {
  std::string host;
  uint16_t port = 80;
  std::string base_path;
};
core::Result<HttpUrl> ParseHttpUrl(std::string_view url);

class Client {
 public:
  // `timeout` bounds connect, write and read of each Send() together (name
  // resolution is left to the system resolver's own limits).
  Client(std::string host, uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Any complete response is a value, whatever its status. Errors:
  // kUnavailable (cannot resolve or connect, connection lost, malformed
  // response), kTimeout (no complete response within the timeout).
  core::Result<ClientResponse> Send(const ClientRequest& request) const;

  const std::string& host() const { return host_; }
  uint16_t port() const { return port_; }

 private:
  std::string host_;
  uint16_t port_;
  std::chrono::milliseconds timeout_;
};

}  // namespace http
