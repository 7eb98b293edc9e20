// HttpPost: one HTTPS (or, for local fakes, HTTP) POST over libcurl, for
// the providers' senders. Connections are reused between calls (a small
// pool of curl handles), TLS peers are verified, redirects are not
// followed. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace connectors::whatsapp {

struct HttpPostRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  // HTTP basic auth "user:password" (Twilio); empty for none.
  std::string basic_auth;
};

struct HttpPostResponse {
  int status = 0;  // 0: no response (the error says why)
  std::string body;
  std::optional<std::string> retry_after;  // the Retry-After header
  std::string error;
};

class HttpPoster {
 public:
  explicit HttpPoster(std::chrono::milliseconds timeout);
  ~HttpPoster();
  HttpPoster(const HttpPoster&) = delete;
  HttpPoster& operator=(const HttpPoster&) = delete;

  HttpPostResponse Post(const HttpPostRequest& request);

 private:
  struct Pool;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Pool> pool_;
};

// Reads a Retry-After value given in seconds (the HTTP-date form is not
// used by these providers); nullopt otherwise.
std::optional<std::chrono::seconds> ParseRetryAfter(const std::optional<std::string>& value);

}  // namespace connectors::whatsapp
