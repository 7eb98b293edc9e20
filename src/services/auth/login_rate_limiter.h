// LoginRateLimiter: a token bucket per key (a remote address, an email) for
// sign-in attempts. Each key may make `burst` attempts at once and earns one
// more every `refill_every`. Time comes from the caller, so tests drive it
// with a fake clock.
//
// Memory is bounded: at most `max_keys` buckets. When a new key arrives and
// the table is full, buckets that have refilled completely (they carry no
// information) are dropped first, then the least recently used one.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace services {

struct RateLimit {
  double burst = 10;
  std::chrono::milliseconds refill_every{std::chrono::seconds(90)};
};

class LoginRateLimiter {
 public:
  using Time = std::chrono::system_clock::time_point;

  // REQUIRES: limit.burst >= 1, limit.refill_every > 0, max_keys >= 1.
  LoginRateLimiter(RateLimit limit, size_t max_keys);

  // Spends one attempt of `key` at `now`. nullopt when allowed; otherwise
  // how long until the next attempt will be (at least one second).
  std::optional<std::chrono::seconds> TryTake(std::string_view key, Time now);

  size_t size() const;

 private:
  struct Bucket {
    double tokens = 0;
    Time updated{};
  };
  double Refilled(const Bucket& bucket, Time now) const;
  void MakeRoom(Time now);

  const RateLimit limit_;
  const size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace services
