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
  // Exactly "YYYY-MM-DDTHH:MM:SSZ": the value may come from a request header,
  // so anything else (a suffix, a sign, 2026-02-30, 25:00) is refused rather
  // than normalised by timegm into some other instant.
  constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kPattern.size()) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    bool ok = kPattern[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == kPattern[i];
    if (!ok) return std::nullopt;
  }
  auto number = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::tm tm{};
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(5, 2) - 1;
  tm.tm_mday = number(8, 2);
  tm.tm_hour = number(11, 2);
  tm.tm_min = number(14, 2);
  tm.tm_sec = number(17, 2);
  const std::tm fields = tm;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_year != fields.tm_year || back.tm_mon != fields.tm_mon || back.tm_mday != fields.tm_mday ||
      back.tm_hour != fields.tm_hour || back.tm_min != fields.tm_min || back.tm_sec != fields.tm_sec) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(t);
}

}  // namespace core
