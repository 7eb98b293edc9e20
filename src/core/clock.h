// Time and identity sources, injected so tests control them.
#pragma once

#include <chrono>
#include <string>

namespace core {

// Thread-safe. Wall-clock time for timestamps and local-time answers.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return std::chrono::system_clock::now(); }
};

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
