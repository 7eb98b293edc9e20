// Server: HTTP/1.1 over Boost.Beast with one C++20 coroutine per connection.
//
// Each connection runs read -> dispatch -> write in a loop on its own strand,
// with keep-alive, an idle timeout between requests, a read timeout for a
// whole request (for a new connection, counted from the accept: a client
// that connects and says nothing is gone after read_timeout), header and
// body size limits (a route may take larger bodies, RouteOptions::max_body)
// and a request id on every response.
//
// Defences: a Transfer-Encoding other than exactly "chunked", or with a
// Content-Length too, is a 400 and the connection is closed (RFC 9112 6.1),
// so a body can never be read as a second request. Connections are capped
// in total and per client address; at a cap the oldest idle connection
// (of that address, or of anyone) is closed to make room, and when none is
// idle the new one gets a 503 and is closed. The total cap also stays below
// the process's file-descriptor limit (raised to its hard limit at Listen),
// leaving room for files, the database and logs.
//
// Every response carries X-Content-Type-Options: nosniff, and unless the
// handler set its own, a Content-Security-Policy of default-src 'none' and
// X-Frame-Options: DENY (static files set a page policy of their own). RequestStop() (or SIGINT/SIGTERM once Run()
// is called) stops accepting, closes idle connections, lets in-flight requests
// finish and answers them with "Connection: close"; after `shutdown_grace` the
// remaining connections are cut.
//
// Thread-safety: Listen() and Run() from one thread; RequestStop() from any.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/dispatcher.h"

namespace http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  unsigned threads = 0;  // 0: one per core
  size_t body_limit = 1 << 20;
  size_t header_limit = 16 * 1024;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  size_t max_connections = 10'000;
  size_t max_connections_per_client = 256;
};

struct AccessRecord {
  std::string_view method;
  std::string_view path;
  unsigned status;
  size_t bytes_out;
  std::chrono::microseconds duration;
  std::string_view request_id;
  std::string_view remote;
};

using AccessLog = std::function<void(const AccessRecord&)>;

class Server {
 public:
  Server(ServerOptions options, Dispatcher dispatcher, AccessLog access_log, ErrorLog error_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns kUnavailable when the address is taken.
  core::Status Listen();
  // REQUIRES: Listen() succeeded. The bound port (useful with port 0).
  uint16_t port() const;
  // REQUIRES: Listen() succeeded. The total connection cap in force:
  // max_connections, lowered to fit the file-descriptor limit.
  size_t connection_limit() const;
  // Serves until a stop completes. Handles SIGINT and SIGTERM.
  void Run();
  void RequestStop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace http
