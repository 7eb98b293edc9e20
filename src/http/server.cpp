#include "http/server.h"

#include "http/request_reader.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sys/resource.h>

#include <atomic>
#include <cctype>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::string Hex(uint64_t v, int width) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(width, '0');
  for (int i = width - 1; i >= 0; --i, v >>= 4) s[i] = kHex[v & 0xf];
  return s;
}

struct Connection {
  Connection(tcp::socket s, std::string address) : stream(std::move(s)), remote(std::move(address)) {}
  beast::tcp_stream stream;
  const std::string remote;
  // Waiting for a request's first byte. Written on the connection's strand,
  // read by the acceptor when it looks for a connection to shed.
  std::atomic<bool> idle{false};
  std::atomic<int64_t> idle_since{0};  // steady-clock ticks
  bool shedding = false;               // guarded by Impl::mu
};

// File descriptors kept free for everything but client connections (the
// database, journal, logs, tenant files, outgoing calls).
constexpr size_t kReservedDescriptors = 128;

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Dispatcher d, AccessLog a, ErrorLog e)
      : options(std::move(o)), dispatcher(std::move(d)), access_log(std::move(a)), error_log(std::move(e)),
        acceptor(ioc), signals(ioc, SIGINT, SIGTERM), grace_timer(ioc) {
    std::random_device rd;
    boot_id = Hex((uint64_t(rd()) << 32) ^ rd(), 8);
  }

  ServerOptions options;
  Dispatcher dispatcher;
  AccessLog access_log;
  ErrorLog error_log;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::unordered_set<std::shared_ptr<Connection>> connections;
  std::unordered_map<std::string, size_t> per_client;  // open connections per remote address
  size_t connection_limit = 0;                         // set by Listen
  std::optional<RequestReader> reader;                 // set by Listen
  std::string boot_id;
  std::atomic<uint64_t> sequence{0};

  std::string NextRequestId() { return boot_id + "-" + Hex(sequence.fetch_add(1) + 1, 8); }

  void LogError(std::string_view rid, std::string_view msg) {
    if (error_log) error_log(rid, msg);
  }

  asio::awaitable<void> AcceptLoop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (stopping) co_return;
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        LogError("", "accept failed: " + ec.message());
        // Typically EMFILE: back off instead of spinning.
        asio::steady_timer t(ioc, std::chrono::milliseconds(50));
        co_await t.async_wait(kTuple);
        continue;
      }
      // Responses go out as header + body writes; without TCP_NODELAY the
      // body can wait for a delayed ACK (tens of milliseconds).
      beast::error_code nodelay_ec;
      socket.set_option(tcp::no_delay(true), nodelay_ec);
      beast::error_code ep_ec;
      auto endpoint = socket.remote_endpoint(ep_ec);
      auto conn = std::make_shared<Connection>(std::move(socket), ep_ec ? std::string() : endpoint.address().to_string());
      if (!Admit(conn)) {
        Refuse(conn->stream.socket());
        continue;
      }
      asio::co_spawn(conn->stream.get_executor(), Session(conn), [this, conn](std::exception_ptr e) {
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            LogError("", std::string("session ended by exception: ") + ex.what());
          } catch (...) {
            LogError("", "session ended by unknown exception");
          }
        }
        Forget(conn);
      });
    }
  }

  // Counts `conn` in, first closing the oldest idle connection when a cap is
  // reached. False when at a cap with nothing idle to close.
  bool Admit(const std::shared_ptr<Connection>& conn) {
    std::shared_ptr<Connection> victim;
    {
      std::lock_guard lock(mu);
      size_t& mine = per_client[conn->remote];
      if (mine >= options.max_connections_per_client) {
        victim = OldestIdle(&conn->remote);
      } else if (connections.size() >= connection_limit) {
        victim = OldestIdle(nullptr);
      }
      bool full = mine >= options.max_connections_per_client || connections.size() >= connection_limit;
      if (full && !victim) {
        if (mine == 0) per_client.erase(conn->remote);
        return false;
      }
      if (victim) victim->shedding = true;
      ++mine;
      connections.insert(conn);
    }
    if (victim) {
      asio::post(victim->stream.get_executor(), [victim] {
        if (victim->idle) victim->stream.cancel();
      });
    }
    return true;
  }

  // REQUIRES: mu held. The connection idle longest (of `remote` when given)
  // that is not already being closed.
  std::shared_ptr<Connection> OldestIdle(const std::string* remote) {
    std::shared_ptr<Connection> oldest;
    for (const auto& c : connections) {
      if (c->shedding || !c->idle || (remote && c->remote != *remote)) continue;
      if (!oldest || c->idle_since < oldest->idle_since) oldest = c;
    }
    return oldest;
  }

  // A connection over the caps: a one-shot 503 without waiting for the
  // request (best effort, never blocks), then closed.
  static void Refuse(tcp::socket& socket) {
    static constexpr std::string_view kBusy =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
        "Retry-After: 1\r\nContent-Length: 85\r\n\r\n"
        "{\"error\":{\"code\":\"unavailable\",\"message\":\"Too many connections; try again shortly.\"}}";
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(kBusy), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  void Forget(const std::shared_ptr<Connection>& conn) {
    bool last = false;
    {
      std::lock_guard lock(mu);
      connections.erase(conn);
      if (auto it = per_client.find(conn->remote); it != per_client.end() && --it->second == 0) per_client.erase(it);
      last = connections.empty();
    }
    if (last && stopping) asio::post(ioc, [this] { grace_timer.cancel(); });
  }

  asio::awaitable<void> WriteResponse(beast::tcp_stream& stream, Response& response, const std::string& request_id,
                                      bool keep_alive, bool head, unsigned version) {
    bhttp::response<bhttp::string_body> res;
    res.version(version);
    res.result(response.status);
    res.set(bhttp::field::server, "aiv7");
    res.set("X-Request-Id", request_id);
    if (!response.content_type.empty()) res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    res.set("X-Frame-Options", "DENY");
    // Set-Cookie may repeat (one per cookie); any other header has one value.
    for (auto& [k, v] : response.headers) {
      if (beast::iequals(k, "set-cookie")) {
        res.insert(k, v);
      } else {
        res.set(k, v);
      }
    }
    res.keep_alive(keep_alive);
    size_t size = response.body.size();
    if (head) {
      res.content_length(size);
    } else {
      res.body() = std::move(response.body);
      res.prepare_payload();
    }
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_write(stream, res, kTuple);
  }

  // Sends a final error and closes gracefully: shut down our side, then drain
  // what the peer is still sending so the kernel does not reset the
  // connection before the peer has read our answer.
  asio::awaitable<void> RejectAndClose(beast::tcp_stream& stream, Response response, std::string_view method,
                                       std::string_view path, std::string_view remote) {
    std::string rid = NextRequestId();
    auto started = std::chrono::steady_clock::now();
    size_t bytes = response.body.size();
    unsigned status = response.status;
    co_await WriteResponse(stream, response, rid, false, false, 11);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(2));
    std::vector<char> sink(16 * 1024);
    for (size_t drained = 0; drained < (8u << 20);) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
      drained += n;
    }
    if (access_log) {
      access_log(AccessRecord{method, path, status, bytes,
                              std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::steady_clock::now() - started),
                              rid, remote});
    }
  }

  // Sleeps between checks on a timer of the connection's executor, so a
  // waiting poll holds no thread. The peer closing the connection meanwhile
  // is noticed when the answer is written.
  asio::awaitable<Response> AwaitLongPoll(beast::tcp_stream& stream, Response deferring) {
    std::shared_ptr<const LongPoll> poll = std::move(deferring.long_poll);
    auto until = std::chrono::steady_clock::now() + poll->max_wait;
    asio::steady_timer timer(stream.get_executor());
    // `ready` and `respond` run outside the dispatcher's guard: an escaped
    // exception is answered as the dispatcher would, with a 500.
    Response final_response;
    try {
      while (!stopping && std::chrono::steady_clock::now() < until && !poll->ready()) {
        timer.expires_after(poll->check_every);
        co_await timer.async_wait(kTuple);
      }
      final_response = poll->respond();
    } catch (const std::exception& e) {
      if (error_log) error_log("-", std::string("long poll: ") + e.what());
      final_response = ErrorResponse(500, "internal", "Something went wrong on our side. Please try again.");
    }
    for (auto& [name, value] : deferring.headers) {
      bool present = false;
      for (const auto& [k, v] : final_response.headers) present = present || beast::iequals(k, name);
      if (!present) final_response.AddHeader(name, value);
    }
    co_return final_response;
  }

  asio::awaitable<void> Session(std::shared_ptr<Connection> conn) {
    beast::tcp_stream& stream = conn->stream;
    beast::flat_buffer buffer;
    const std::string& remote = conn->remote;

    for (bool first = true;; first = false) {
      if (buffer.size() == 0) {
        if (stopping || conn->shedding) break;
        conn->idle_since = std::chrono::steady_clock::now().time_since_epoch().count();
        conn->idle = true;
        // A new connection owes its first request within the read timeout;
        // keep-alive waits between requests may be longer.
        stream.expires_after(first ? options.read_timeout : options.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
        conn->idle = false;
        if (ec) break;  // peer closed, timeout, shed or shutdown
        buffer.commit(n);
      }

      auto started = std::chrono::steady_clock::now();
      if (!first) stream.expires_after(options.read_timeout);
      BeastParser parser;
      reader->Prepare(parser);  // the route's own body limit is known once the header is read

      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (!hec) {
        if (auto refusal = reader->CheckHeader(parser)) {
          co_await RejectAndClose(stream, std::move(*refusal), MethodName(ToMethod(parser.get().method())),
                                  OriginForm(parser.get().target()), remote);
          break;
        }
      }
      if (!hec && parser.get()[bhttp::field::expect] == "100-continue" && !parser.is_done()) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, cont, kTuple);
      }
      beast::error_code ec = hec;
      if (!ec && !parser.is_done()) {
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        ec = bec;
      }
      if (ec) {
        // The request line is parsed before any header error can occur.
        std::string_view method = parser.get().target().empty() ? "-" : MethodName(ToMethod(parser.get().method()));
        std::string path = parser.get().target().empty() ? "-" : OriginForm(parser.get().target());
        path = path.substr(0, path.find('?'));
        if (ec == bhttp::error::body_limit) {
          co_await RejectAndClose(stream, reader->TooLarge(parser.get().method(), path), method, path, remote);
        } else if (ec == bhttp::error::header_limit) {
          co_await RejectAndClose(stream, ErrorResponse(431, "headers_too_large", "The request headers are too large."),
                                  method, path, remote);
        } else if (ec != beast::error::timeout && ec != bhttp::error::end_of_stream &&
                   ec != asio::error::eof && ec != asio::error::connection_reset &&
                   ec != asio::error::operation_aborted && ec != bhttp::error::partial_message) {
          co_await RejectAndClose(stream, ErrorResponse(400, "bad_request", "The HTTP request is malformed."), method,
                                  path, remote);
        }
        break;  // on timeout the stream is already closed
      }

      auto raw = parser.release();
      bool keep_alive = raw.keep_alive();
      unsigned version = raw.version();
      Request request = RequestReader::ToRequest(std::move(raw), remote);
      auto incoming_id = request.Header("x-request-id");
      request.request_id = incoming_id && ValidRequestId(*incoming_id) ? std::string(*incoming_id) : NextRequestId();

      Response response = dispatcher.Handle(request);
      if (response.long_poll) response = co_await AwaitLongPoll(stream, std::move(response));
      keep_alive = keep_alive && !response.close && !stopping;
      size_t bytes = response.body.size();
      co_await WriteResponse(stream, response, request.request_id, keep_alive,
                             request.method == Method::kHead, version);
      if (access_log) {
        access_log(AccessRecord{MethodName(request.method), request.path, response.status, bytes,
                                std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::steady_clock::now() - started),
                                request.request_id, remote});
      }
      if (!keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }

  void BeginShutdown() {
    if (stopping.exchange(true)) return;
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<Connection>> snapshot;
    {
      std::lock_guard lock(mu);
      snapshot.assign(connections.begin(), connections.end());
    }
    for (auto& conn : snapshot) {
      asio::post(conn->stream.get_executor(), [conn] {
        if (conn->idle) conn->stream.cancel();
      });
    }
    if (snapshot.empty()) return;
    grace_timer.expires_after(options.shutdown_grace);
    grace_timer.async_wait([this](beast::error_code ec) {
      if (ec) return;  // everyone finished in time
      LogError("", "shutdown grace period over; closing remaining connections");
      std::lock_guard lock(mu);
      for (auto& conn : connections) {
        asio::post(conn->stream.get_executor(), [conn] { conn->stream.close(); });
      }
    });
  }
};

Server::Server(ServerOptions options, Dispatcher dispatcher, AccessLog access_log, ErrorLog error_log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatcher), std::move(access_log),
                                   std::move(error_log))) {}

Server::~Server() = default;

core::Status Server::Listen() {
  // Room for the connection cap: the soft descriptor limit goes up to the
  // hard one, and the cap stays below it with a reserve for everything else.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    rlimit raised = files;
    raised.rlim_cur = files.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) files = raised;
  }
  impl_->connection_limit = impl_->options.max_connections;
  if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur > 0) {
    size_t fit = files.rlim_cur > kReservedDescriptors * 2 ? files.rlim_cur - kReservedDescriptors : files.rlim_cur / 2;
    impl_->connection_limit = std::min(impl_->connection_limit, fit);
  }
  impl_->reader.emplace(impl_->dispatcher.routes(), impl_->options.body_limit, impl_->options.header_limit);
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return core::MakeError(core::ErrorCode::kInvalidArgument, "invalid HOST '" + impl_->options.host + "'");
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot listen on " + impl_->options.host + ":" +
                                                             std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return core::Status::Ok();
}

size_t Server::connection_limit() const { return impl_->connection_limit; }

uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::Run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.BeginShutdown();
  });
  asio::co_spawn(impl.ioc, impl.AcceptLoop(), asio::detached);
  unsigned threads = impl.options.threads ? impl.options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : pool) t.join();
}

void Server::RequestStop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace http
