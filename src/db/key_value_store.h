// KeyValueStore: a shared, expiring string store (Redis in production), used
// for state that must outlive one process, such as chat sessions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace db {

class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  // The value, or nullopt when the key is absent or expired.
  // kUnavailable when the store cannot be reached or answered with an error.
  // Thread-safe.
  virtual core::Result<std::optional<std::string>> Get(std::string_view key) = 0;
  // Stores `value` under `key`, expiring `ttl` (>= 1 s) after this call.
  // kUnavailable as for Get. Thread-safe.
  virtual core::Status Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) = 0;
  // A trivial round trip, for readiness. Thread-safe.
  virtual core::Status Ping() = 0;
};

}  // namespace db
