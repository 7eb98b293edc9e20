// Time and identity sources, injected so tests control them.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace core {

// Thread-safe. Two kinds of time:
//   Now()        wall-clock time, for timestamps and local-time answers;
//   Monotonic()  never jumps with the wall clock, for durations and
//                deadlines (turn latency, retry and give-up deadlines,
//                request deadlines in core::RequestContext).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
  virtual std::chrono::steady_clock::time_point Monotonic() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point Monotonic() const override { return std::chrono::steady_clock::now(); }
};

// A clock set by its owner: `aiv7 eval` runs conversation packs at the
// instant each case names, so answers about "now" are reproducible. Only
// the wall-clock time is pinned; durations run in real time.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::chrono::system_clock::time_point t) : now_(t.time_since_epoch().count()) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(now_.load()));
  }
  std::chrono::steady_clock::time_point Monotonic() const override { return std::chrono::steady_clock::now(); }
  void Set(std::chrono::system_clock::time_point t) { now_.store(t.time_since_epoch().count()); }

 private:
  std::atomic<std::chrono::system_clock::rep> now_;
};

// Parses exactly "2026-11-27T16:20:00Z" (UTC, whole seconds); nullopt for
// any other form or an impossible date or time.
std::optional<std::chrono::system_clock::time_point> ParseIsoUtc(std::string_view text);

// Thread-safe. Unguessable identifiers (session ids, tokens, request ids).
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // 128 random bits as 32 lowercase hex characters.
  virtual std::string NewId() = 0;
};

// Backed by the operating system's CSPRNG (OpenSSL RAND_bytes).
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
};

// Seconds since the Unix epoch, UTC, formatted as ISO 8601 ("2026-11-27T16:20:00Z").
std::string FormatIsoUtc(std::chrono::system_clock::time_point t);

}  // namespace core
