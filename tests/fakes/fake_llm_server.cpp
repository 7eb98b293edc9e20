#include "fakes/fake_llm_server.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <deque>
#include <mutex>
#include <thread>

#ifndef AIV7_SOURCE_DIR
#error AIV7_SOURCE_DIR must name the source tree (tests/CMakeLists.txt)
#endif

namespace fakes {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

std::string FakeLlmCaFile() { return std::string(AIV7_SOURCE_DIR) + "/tests/fakes/tls/ca.pem"; }

std::string RecordedRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

struct FakeLlmServer::Impl {
  Options options;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  ssl::context tls{ssl::context::tls_server};
  std::vector<std::thread> threads;
  mutable std::mutex mu;
  std::deque<LlmReply> script;
  Responder responder;
  std::vector<RecordedRequest> seen;

  LlmReply Next(const RecordedRequest& request) {
    std::unique_lock lock(mu);
    seen.push_back(request);
    if (!script.empty()) {
      LlmReply reply = std::move(script.front());
      script.pop_front();
      return reply;
    }
    Responder r = responder;
    lock.unlock();
    if (r) return r(request);
    LlmReply none;
    none.status = 500;
    none.body = R"({"error":{"message":"the fake has no scripted reply left","type":"server_error"}})";
    return none;
  }

  template <class Stream>
  asio::awaitable<void> Serve(Stream& stream) {
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(8u << 20);
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
      if (ec) co_return;
      auto raw = parser.release();
      RecordedRequest request;
      request.method = std::string(raw.method_string());
      request.target = std::string(raw.target());
      for (const auto& f : raw) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        request.headers.emplace_back(std::move(name), std::string(f.value()));
      }
      request.body = raw.body();
      request.json = nlohmann::json::parse(request.body, nullptr, false);
      LlmReply reply = Next(request);
      asio::steady_timer timer(co_await asio::this_coro::executor);
      if (reply.delay.count() > 0) {
        timer.expires_after(reply.delay);
        co_await timer.async_wait(kTuple);
      }
      if (reply.close_without_answer) co_return;
      if (reply.chunks.empty()) {
        bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(reply.status), 11};
        res.set(bhttp::field::content_type, reply.content_type);
        for (const auto& [k, v] : reply.headers) res.set(k, v);
        res.body() = reply.body;
        res.keep_alive(raw.keep_alive());
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, kTuple);
        if (wec || !raw.keep_alive()) co_return;
        continue;
      }
      bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(reply.status), 11};
      head.set(bhttp::field::content_type, reply.content_type);
      for (const auto& [k, v] : reply.headers) head.set(k, v);
      head.chunked(true);
      head.keep_alive(false);
      bhttp::response_serializer<bhttp::empty_body> serializer(head);
      auto [hec, hn] = co_await bhttp::async_write_header(stream, serializer, kTuple);
      if (hec) co_return;
      for (const auto& chunk : reply.chunks) {
        if (reply.chunk_delay.count() > 0) {
          timer.expires_after(reply.chunk_delay);
          co_await timer.async_wait(kTuple);
        }
        auto [cec, cn] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(chunk)), kTuple);
        if (cec) co_return;
      }
      co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
      co_return;
    }
  }

  asio::awaitable<void> Connection(tcp::socket socket) {
    if (!options.tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await Serve(stream);
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
    if (ec) co_return;
    co_await Serve(stream);
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (ec) co_return;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Connection(std::move(socket)), asio::detached);
    }
  }
};

FakeLlmServer::FakeLlmServer() : FakeLlmServer(Options{}) {}

FakeLlmServer::FakeLlmServer(Options options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (options.tls) {
    std::string dir = std::string(AIV7_SOURCE_DIR) + "/tests/fakes/tls/";
    impl_->tls.use_certificate_chain_file(dir + "server.pem");
    impl_->tls.use_private_key_file(dir + "server.key", ssl::context::pem);
  }
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  for (unsigned i = 0; i < std::max(1u, options.threads); ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
  }
}

FakeLlmServer::~FakeLlmServer() {
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
}

uint16_t FakeLlmServer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string FakeLlmServer::base_url() const {
  return (impl_->options.tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port()) + "/v1";
}

void FakeLlmServer::Script(std::vector<LlmReply> replies) {
  std::lock_guard lock(impl_->mu);
  for (auto& r : replies) impl_->script.push_back(std::move(r));
}

void FakeLlmServer::SetResponder(Responder responder) {
  std::lock_guard lock(impl_->mu);
  impl_->responder = std::move(responder);
}

std::vector<RecordedRequest> FakeLlmServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->seen;
}

size_t FakeLlmServer::request_count() const {
  std::lock_guard lock(impl_->mu);
  return impl_->seen.size();
}

}  // namespace fakes
