// RedisServer: a private redis-server for tests, on 127.0.0.1 and a free
// port, with its files in a temp dir, no persistence; stopped (SIGTERM, then
// SIGKILL) when destroyed. Stop() and Start() again keep the same port, to
// test what clients do while the server is away and after it comes back.
//
// Tests call `if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;`
// (scripts/install-deps installs redis-server, so CI never skips).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "support/temp_dir.h"

namespace testing_support {

class RedisServer {
 public:
  static constexpr const char* kMissing =
      "redis-server not found: run scripts/install-deps (Debian package redis-server)";
  // True when a redis-server binary is on PATH or in /usr/bin.
  static bool Available();

  // Picks a free port; does not start. A non-empty `password` is required
  // by the server (requirepass) and put in url().
  explicit RedisServer(std::string password = {});
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts and waits until the port accepts connections. False on failure
  // (see log()).
  bool Start();
  void Stop();  // SIGTERM and wait; no-op when not running
  // A stalled server (SIGSTOP): connections stay open, nothing answers.
  void Pause();
  void Resume();  // SIGCONT
  uint16_t port() const { return port_; }
  std::string url() const {
    return "redis://" + (password_.empty() ? "" : ":" + password_ + "@") + "127.0.0.1:" + std::to_string(port_);
  }
  std::string log() const;

 private:
  TempDir dir_;
  std::string password_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace testing_support
