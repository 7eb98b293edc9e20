#include "core/clock.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace core {

std::string RandomIdGenerator::NewId() {
  // Random bytes are drawn from OpenSSL's CSPRNG 1 KiB at a time per thread:
  // one call per 64 ids instead of one per id (the call dominated a chat
  // turn's cost). The buffer is per thread, so no locking; the process never
  // forks after start-up, so no two processes share a buffer.
  static constexpr size_t kBuffer = 1024;
  thread_local std::array<unsigned char, kBuffer> pool{};
  thread_local size_t used = kBuffer;
  std::array<unsigned char, 16> bytes{};
  if (used + bytes.size() > kBuffer) {
    // RAND_bytes only fails when the OS entropy source is broken; continuing
    // with predictable ids would be worse than stopping.
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    used = 0;
  }
  std::copy_n(pool.begin() + static_cast<std::ptrdiff_t>(used), bytes.size(), bytes.begin());
  // Spent bytes are wiped so a later memory disclosure cannot replay them.
  std::fill_n(pool.begin() + static_cast<std::ptrdiff_t>(used), bytes.size(), 0);
  used += bytes.size();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0xf];
  }
  return out;
}

std::string FormatIsoUtc(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::chrono::system_clock::time_point> ParseIsoUtc(std::string_view text) {
  std::tm tm{};
  std::string s(text);
  char z = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &z) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

}  // namespace core
