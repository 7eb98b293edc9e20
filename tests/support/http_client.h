// HTTP for integration tests. Request() is a well-formed exchange through
// the product client (http/client.h); Connection is a deliberately raw
// socket so tests can also misbehave (slow writes, partial requests,
// pipelining, oversized bodies).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_support {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::vector<std::string> set_cookies;        // every Set-Cookie value, in order
  std::string body;
  std::string Header(const std::string& name) const;
  nlohmann::json Json() const;  // null if the body is not JSON
};

class Connection {
 public:
  explicit Connection(uint16_t port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Reads one response; nullopt if the peer closed or `timeout_ms` passed.
  std::optional<HttpReply> ReadReply(int timeout_ms = 10000, bool head = false);
  // True when the peer closes the connection within `timeout_ms`.
  bool WaitClosed(int timeout_ms);

 private:
  bool Fill(int timeout_ms);
  int fd_ = -1;
  std::string buffer_;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection ("Connection: close") via http::Client;
// throws std::runtime_error when no response arrives.
HttpReply Request(uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
                  const Headers& headers = {});

std::string FormatRequest(const std::string& method, const std::string& target, const std::string& body,
                          const Headers& headers, bool keep_alive);

}  // namespace testing_support
