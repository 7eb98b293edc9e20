// Transport-neutral HTTP request and response values. Handlers are pure
// functions Request -> Response; only server.cpp knows about Beast.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path plus query
  std::string path;    // percent-decoded path, without the query
  std::string raw_path;  // the path as sent, still percent-encoded
  std::string query;   // raw query string, without '?'
  // Header names are stored lower-case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  // Filled by the route table from "{name}" segments of the matched pattern.
  std::map<std::string, std::string, std::less<>> path_params;

  // Case-insensitive; the first value if repeated.
  std::optional<std::string_view> Header(std::string_view name) const;
  // Percent-decoded value of the first `name=` in the query ('+' is a space).
  std::optional<std::string> QueryParam(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
};

struct Response;

// A long poll: instead of answering at once, the server checks `ready`
// every `check_every` without holding a thread (the connection's coroutine
// sleeps on a timer in between) and answers with `respond()` as soon as it
// is true, when `max_wait` has passed, or when the server is stopping.
// `ready` and `respond` run on the server's threads and must be cheap,
// thread-safe and must not throw. Headers of the response that carries the
// LongPoll (CORS, Cache-Control) are added to the final response unless it
// sets them itself.
struct LongPoll {
  std::function<bool()> ready;
  std::function<Response()> respond;
  std::chrono::milliseconds max_wait{25'000};
  std::chrono::milliseconds check_every{100};
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by the server: close the connection after this response.
  bool close = false;
  // When set, status and body are ignored and the server long-polls (see
  // LongPoll).
  std::shared_ptr<const LongPoll> long_poll;

  // Replaces the value of `name` (case-insensitive) if present, else adds it.
  void SetHeader(std::string name, std::string value);
  // Adds one more `name` header, keeping earlier ones (e.g. Set-Cookie).
  void AddHeader(std::string name, std::string value);
};

// 200-style JSON response with a pre-serialised body.
Response JsonResponse(unsigned status, std::string body);

// Every error the service returns has this shape:
//   {"error":{"code":"...","message":"...","request_id":"..."}}
// `details_json`, when not empty, must be a serialised JSON array and is added
// as "details".
Response ErrorResponse(unsigned status, std::string_view code, std::string_view message,
                       std::string_view request_id = {}, std::string_view details_json = {});

std::string PercentDecode(std::string_view in, bool plus_is_space);

}  // namespace http
