#include "connectors/llm/openai_llm_client.h"

#include <openssl/ssl.h>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

#include "connectors/llm/openai_wire.h"

namespace connectors::llm {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using core::ErrorCode;
using core::MakeError;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Retry-After in seconds (the HTTP-date form is ignored).
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value) {
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0 || seconds > 3600) return std::nullopt;
  return std::chrono::seconds(seconds);
}

// A short, key-free description of an HTTP error body: {"error":{"message"}}.
std::string ErrorSummary(std::string_view body) {
  auto pos = body.find("\"message\"");
  if (pos == std::string_view::npos) return {};
  auto start = body.find('"', body.find(':', pos) + 1);
  if (start == std::string_view::npos) return {};
  auto end = body.find('"', start + 1);
  std::string_view text = body.substr(start + 1, std::min<size_t>(end - start - 1, 160));
  return ": " + std::string(text);
}

struct Call {
  const LlmEndpoint& endpoint;
  const std::string& where;  // "POST https://host/v1/chat/completions", for messages
  std::chrono::steady_clock::time_point deadline;
  bool stream = false;
};

core::Error Transport(const beast::error_code& ec, std::string_view what, const Call& call) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return MakeError(ErrorCode::kTimeout, "no answer from the model by the deadline (" + call.where + ")");
  }
  core::Error e = MakeError(ErrorCode::kUnavailable, std::string(what) + " " + call.where + ": " + ec.message());
  // A certificate the trust store refuses will not change on a retry.
  e.retryable = ec.category() != asio::error::get_ssl_category();
  return e;
}

core::Result<LlmResponse> ByStatus(unsigned status, std::string_view type, const std::string& body,
                                   std::optional<std::chrono::milliseconds> retry_after, const Call& call) {
  std::string where = " (HTTP " + std::to_string(status) + " from " + call.where + ErrorSummary(body) + ")";
  if (status == 429 || status >= 500) {
    core::Error e = MakeError(status == 429 ? ErrorCode::kTooManyRequests : ErrorCode::kUnavailable,
                              (status == 429 ? "the model is rate limited" : "the model server failed") + where);
    e.retryable = true;
    return retry_after ? WithRetryAfter(std::move(e), *retry_after) : e;
  }
  if (status == 401 || status == 403)
    return MakeError(ErrorCode::kUnauthorized, "the model refused the API key" + where);
  if (status < 200 || status >= 300)
    return MakeError(ErrorCode::kInvalidArgument, "the model refused the request" + where);
  if (type.substr(0, 16) != "application/json") {
    return MakeError(ErrorCode::kInvalidJson, "the model answered with content type '" + std::string(type) +
                                                  "', not application/json (" + call.where + ")");
  }
  return ParseChatResponse(body);
}

// Writes the request and reads the response from a connected (and, for
// HTTPS, handshaken) stream.
using Outcome = std::optional<core::Result<LlmResponse>>;

template <class Stream>
asio::awaitable<void> Exchange(Stream& stream, const bhttp::request<bhttp::string_body>& req, const Call& call,
                               Outcome& out) {
  auto [wec, written] = co_await bhttp::async_write(stream, req, kTuple);
  if (wec) {
    out = Transport(wec, "cannot send to", call);
    co_return;
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::buffer_body> parser;
  parser.body_limit(kMaxResponseBytes + 1);
  auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
  if (hec) {
    out = Transport(hec, "no response from", call);
    co_return;
  }
  const unsigned status = parser.get().result_int();
  const std::string type = Lower(parser.get()[bhttp::field::content_type]);
  const auto retry_after = ParseRetryAfter(parser.get()[bhttp::field::retry_after]);
  const bool events = call.stream && status == 200 && type.substr(0, 17) == "text/event-stream";
  SseAssembler sse;
  std::string body;
  char chunk[16 * 1024];
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    auto [ec, n] = co_await bhttp::async_read_some(stream, buffer, parser, kTuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) {
      out = Transport(ec, "connection lost reading", call);
      co_return;
    }
    std::string_view got(chunk, sizeof chunk - parser.get().body().size);
    if (events) {
      if (auto st = sse.Feed(got); !st.ok()) {
        out = st.error();
        co_return;
      }
      if (sse.done()) break;  // a server may keep the connection open after [DONE]
    } else {
      body.append(got);
      if (body.size() > kMaxResponseBytes) {
        out = MakeError(ErrorCode::kInvalidJson, "the model's response is over the size limit (" + call.where + ")");
        co_return;
      }
    }
  }
  if (events) {
    out = sse.Finish();
    co_return;
  }
  out = ByStatus(status, type, body, retry_after, call);
}

}  // namespace

core::Result<LlmEndpoint> ParseLlmBaseUrl(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "LLM_BASE_URL " + std::string(url) + " " + why + " (expected http[s]://host[:port][/path])");
  };
  LlmEndpoint out;
  std::string_view rest;
  if (url.substr(0, 8) == "https://") {
    out.tls = true;
    out.port = 443;
    rest = url.substr(8);
  } else if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else {
    return bad("does not start with http:// or https://");
  }
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos) return bad("has a query or fragment");
  if (authority.find('@') != std::string_view::npos) return bad("has user information (put the key in LLM_API_KEY)");
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

struct OpenAiLlmClient::Impl {
  OpenAiOptions options;
  LlmEndpoint endpoint;
  ssl::context tls{ssl::context::tls_client};
  std::string target;  // base path + /chat/completions
  std::string host_header;
  std::string where;  // for messages; never holds the key

  asio::awaitable<void> Run(asio::io_context& ioc, const bhttp::request<bhttp::string_body>& req, const Call& call,
                            Outcome& out) {
    tcp::resolver resolver(ioc);
    auto [rec, endpoints] = co_await resolver.async_resolve(endpoint.host, std::to_string(endpoint.port), kTuple);
    if (rec) {
      out = Transport(rec, "cannot resolve the host of", call);
      co_return;
    }
    if (!endpoint.tls) {
      beast::tcp_stream stream(ioc);
      stream.expires_at(call.deadline);
      auto [cec, connected] = co_await stream.async_connect(endpoints, kTuple);
      if (cec) {
        out = Transport(cec, "cannot connect to", call);
        co_return;
      }
      co_await Exchange(stream, req, call, out);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
    // SNI, and the certificate must name the host we asked for.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), endpoint.host.c_str())) {
      out = MakeError(ErrorCode::kUnavailable, "cannot set the TLS server name for " + where);
      co_return;
    }
    stream.set_verify_callback(ssl::host_name_verification(endpoint.host));
    beast::get_lowest_layer(stream).expires_at(call.deadline);
    auto [cec, connected] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, kTuple);
    if (cec) {
      out = Transport(cec, "cannot connect to", call);
      co_return;
    }
    auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, kTuple);
    if (hec) {
      out = Transport(hec, "TLS handshake failed with", call);
      co_return;
    }
    co_await Exchange(stream, req, call, out);
  }
};

core::Result<std::unique_ptr<OpenAiLlmClient>> OpenAiLlmClient::Create(OpenAiOptions options) {
  auto endpoint = ParseLlmBaseUrl(options.base_url);
  if (!endpoint.ok()) return endpoint.error();
  auto impl = std::make_unique<Impl>();
  impl->endpoint = *endpoint;
  impl->options = std::move(options);
  impl->target = impl->endpoint.base_path + "/chat/completions";
  bool default_port = impl->endpoint.port == (impl->endpoint.tls ? 443 : 80);
  std::string host =
      impl->endpoint.host.find(':') != std::string::npos ? "[" + impl->endpoint.host + "]" : impl->endpoint.host;
  impl->host_header = default_port ? host : host + ":" + std::to_string(impl->endpoint.port);
  impl->where = "POST " + std::string(impl->endpoint.tls ? "https://" : "http://") + impl->host_header + impl->target;
  if (impl->endpoint.tls) {
    beast::error_code ec;
    SSL_CTX_set_min_proto_version(impl->tls.native_handle(), TLS1_2_VERSION);
    impl->tls.set_default_verify_paths(ec);
    if (!impl->options.ca_file.empty()) {
      impl->tls.load_verify_file(impl->options.ca_file, ec);
      if (ec) {
        return MakeError(ErrorCode::kInvalidArgument, "LLM_CA_FILE " + impl->options.ca_file +
                                                          " cannot be read as PEM certificates: " + ec.message());
      }
    }
    impl->tls.set_verify_mode(ssl::verify_peer);
  }
  return std::unique_ptr<OpenAiLlmClient>(new OpenAiLlmClient(std::move(impl)));
}

OpenAiLlmClient::OpenAiLlmClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OpenAiLlmClient::~OpenAiLlmClient() = default;

core::Result<LlmResponse> OpenAiLlmClient::Complete(const LlmRequest& request,
                                                    std::chrono::steady_clock::time_point deadline) {
  Impl& impl = *impl_;
  if (std::chrono::steady_clock::now() >= deadline) {
    return MakeError(ErrorCode::kTimeout, "no time left to ask the model (" + impl.where + ")");
  }
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, impl.target, 11};
  req.set(bhttp::field::host, impl.host_header);
  req.set(bhttp::field::user_agent, "aiv7");
  req.set(bhttp::field::content_type, "application/json");
  req.set(bhttp::field::accept, request.stream ? "text/event-stream" : "application/json");
  if (!impl.options.api_key.empty()) req.set(bhttp::field::authorization, "Bearer " + impl.options.api_key);
  req.keep_alive(false);
  req.body() = EncodeChatRequest(request, impl.options.model);
  req.prepare_payload();

  Call call{impl.endpoint, impl.where, deadline, request.stream};
  Outcome outcome;
  asio::io_context ioc;
  asio::co_spawn(ioc, impl.Run(ioc, req, call, outcome), [&](std::exception_ptr e) {
    // Only a bug or exhausted memory lands here; keep it a value anyway.
    if (e && !outcome) outcome = MakeError(ErrorCode::kInternal, "model call failed (" + impl.where + ")");
  });
  // The stream timers fire at the deadline; the margin covers a name lookup
  // that never returns.
  ioc.run_until(deadline + std::chrono::milliseconds(20));
  if (!outcome) return MakeError(ErrorCode::kTimeout, "no answer from the model by the deadline (" + impl.where + ")");
  return std::move(*outcome);
}

}  // namespace connectors::llm
