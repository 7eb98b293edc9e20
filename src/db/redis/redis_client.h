// RedisClient: db::KeyValueStore on a Redis server (hiredis, RESP2, no TLS).
//
// Connections come from a small pool guarded by a mutex; each command takes
// one, so concurrent callers do not wait for each other's round trips. A
// connection that saw any error is dropped, and the next call dials again:
// that is the whole reconnect policy, so a restarted server is picked up by
// the first call after it is back. Every connect and command is bounded by
// the timeouts in RedisOptions; failures come back as kUnavailable, never as
// exceptions. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "db/key_value_store.h"
#include "db/redis/redis_url.h"

namespace db {

struct RedisOptions {
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{500};
  size_t max_idle_connections = 4;
  size_t max_value_bytes = 1 << 20;  // larger values are refused both ways
};

class RedisClient final : public KeyValueStore {
 public:
  // Does not connect: the first command does.
  RedisClient(RedisEndpoint endpoint, RedisOptions options);
  ~RedisClient() override;
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  core::Result<std::optional<std::string>> Get(std::string_view key) override;
  core::Status Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) override;
  core::Status Ping() override;

 private:
  struct Impl;  // keeps hiredis out of this header
  std::unique_ptr<Impl> impl_;
};

}  // namespace db
