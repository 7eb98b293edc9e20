#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.h"

namespace fakes {

// A clock whose wall time only moves when the test says so. Its monotonic
// time is real time plus every Advance, so waits bounded by real time still
// end, and a test can jump past a deadline without sleeping.
class FakeClock final : public core::Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start =
                         std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000)))
      : now_(start.time_since_epoch().count()) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(now_.load()));
  }
  std::chrono::steady_clock::time_point Monotonic() const override {
    return std::chrono::steady_clock::now() + std::chrono::steady_clock::duration(skipped_.load());
  }
  void Advance(std::chrono::system_clock::duration d) {
    now_ += d.count();
    skipped_ += std::chrono::duration_cast<std::chrono::steady_clock::duration>(d).count();
  }

 private:
  std::atomic<std::chrono::system_clock::rep> now_;
  std::atomic<std::chrono::steady_clock::rep> skipped_{0};
};

}  // namespace fakes
