#include "http/client.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bhttp::verb ToVerb(Method m) {
  switch (m) {
    case Method::kGet: return bhttp::verb::get;
    case Method::kHead: return bhttp::verb::head;
    case Method::kPost: return bhttp::verb::post;
    case Method::kPut: return bhttp::verb::put;
    case Method::kPatch: return bhttp::verb::patch;
    case Method::kDelete: return bhttp::verb::delete_;
    case Method::kOptions: return bhttp::verb::options;
    case Method::kOther: return bhttp::verb::get;
  }
  return bhttp::verb::get;
}

core::Error Failure(const beast::error_code& ec, const std::string& what, const std::string& where) {
  bool timeout = ec == beast::error::timeout;
  core::Error e = core::MakeError(timeout ? core::ErrorCode::kTimeout : core::ErrorCode::kUnavailable,
                                  what + " " + where + ": " + (timeout ? "timed out" : ec.message()));
  e.retryable = true;
  return e;
}

}  // namespace

std::optional<std::string_view> ClientResponse::Header(std::string_view name) const {
  std::string lower = Lower(name);
  for (const auto& [k, v] : headers) {
    if (k == lower) return std::string_view(v);
  }
  return std::nullopt;
}

core::Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "URL " + std::string(url) + " " + why + " (expected http://host[:port][/path])");
  };
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return bad(url.substr(0, 8) == "https://" ? "uses https, which is not supported" : "does not start with http://");
  }
  std::string_view rest = url.substr(kScheme.size());
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (!path.empty() && path.front() != '/') return bad("has a query or fragment");
  if (path.find_first_of("?#") != std::string_view::npos) return bad("has a query or fragment");
  if (authority.find('@') != std::string_view::npos) return bad("has user information");

  HttpUrl out;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("has an unclosed IPv6 address");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad("has text after the IPv6 address");
    if (!after.empty()) port_text = after.substr(1);
    if (!after.empty() && port_text.empty()) return bad("has an empty port");
  } else {
    size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return bad("has an empty port");
    }
  }
  if (out.host.empty()) return bad("has no host");
  if (!port_text.empty()) {
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port == 0 || port > 65535) {
      return bad("has an invalid port");
    }
    out.port = static_cast<uint16_t>(port);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.base_path = std::string(path);
  return out;
}

Client::Client(std::string host, uint16_t port, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

core::Result<ClientResponse> Client::Send(const ClientRequest& request) const {
  bhttp::request<bhttp::string_body> req{ToVerb(request.method), request.target, 11};
  req.set(bhttp::field::host, port_ == 80 ? host_ : host_ + ":" + std::to_string(port_));
  req.set(bhttp::field::user_agent, "aiv7");
  bool has_type = false;
  for (const auto& [name, value] : request.headers) {
    req.insert(name, value);
    has_type = has_type || Lower(name) == "content-type";
  }
  if (!request.body.empty() && !has_type) req.set(bhttp::field::content_type, "application/json");
  req.keep_alive(false);
  req.body() = request.body;
  req.prepare_payload();
  bool head = request.method == Method::kHead;
  std::string where = MethodName(request.method) == "OTHER" ? "GET" : std::string(MethodName(request.method));
  where += " http://" + host_ + ":" + std::to_string(port_) + request.target;

  std::optional<core::Result<ClientResponse>> outcome;
  asio::io_context ioc;
  auto exchange = [&]() -> asio::awaitable<void> {
    tcp::resolver resolver(ioc);
    auto [rec, endpoints] = co_await resolver.async_resolve(host_, std::to_string(port_), kTuple);
    if (rec) {
      outcome = Failure(rec, "cannot resolve", where);
      co_return;
    }
    beast::tcp_stream stream(ioc);
    stream.expires_after(timeout_);
    auto [cec, endpoint] = co_await stream.async_connect(endpoints, kTuple);
    if (cec) {
      outcome = Failure(cec, "cannot connect for", where);
      co_return;
    }
    // A server may answer before it has read the whole request (413, 431)
    // and close; its answer is still the outcome, so read even after a
    // failed write.
    auto [wec, written] = co_await bhttp::async_write(stream, req, kTuple);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64u << 20);
    parser.skip(head);
    auto [ec, read] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    if (ec) {
      outcome = Failure(wec ? wec : ec, wec ? "cannot send" : "no complete response to", where);
      co_return;
    }
    auto res = parser.release();
    ClientResponse out;
    out.status = res.result_int();
    for (const auto& field : res) out.headers.emplace_back(Lower(field.name_string()), std::string(field.value()));
    out.body = std::move(res.body());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    outcome = std::move(out);
  };
  asio::co_spawn(ioc, exchange(), [&](std::exception_ptr e) {
    // Only a bug or exhausted memory lands here; keep it a value anyway.
    if (e && !outcome) outcome = core::MakeError(core::ErrorCode::kInternal, "HTTP client failed for " + where);
  });
  ioc.run();
  if (!outcome) return core::MakeError(core::ErrorCode::kInternal, "HTTP client stopped early for " + where);
  return std::move(*outcome);
}

}  // namespace http
