// Waiting for a state instead of sleeping for a fixed time: polls
// `condition` until it holds or `timeout` passes. Polls quickly at first and
// backs off (1 ms doubling to 50 ms), so a state reached in microseconds
// costs microseconds and a slow machine still gets the whole timeout.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

namespace testing_support {

// True as soon as `condition()` is; false when it never was within `timeout`.
inline bool WaitUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::chrono::milliseconds pause(1);
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace testing_support
