// RetryingLlmClient: a decorator that repeats a call the inner client marks
// `retryable` (HTTP 429, 5xx, a lost or refused connection), as long as the
// next attempt can still start before the deadline. The wait before attempt
// n+1 is the server's Retry-After when it sent one, else "full jitter":
// uniform in [0, min(max_delay, base_delay * 2^(n-1))], so many turns that
// failed together do not come back together. A wait that would reach the
// deadline is not taken: the last error is returned at once.
// LlmResponse::attempts counts every HTTP request made.
// Thread-safe (the random source is guarded).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>

#include "connectors/llm_client.h"
#include "core/clock.h"

namespace connectors::llm {

struct RetryOptions {
  int max_attempts = 3;
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{2000};
  uint64_t seed = 0;  // 0: seeded from std::random_device
  // How a wait is spent; tests pass one that records it. Default: sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
};

class RetryingLlmClient final : public LlmClient {
 public:
  // `inner` and `clock` must outlive this client.
  RetryingLlmClient(LlmClient& inner, const core::Clock& clock, RetryOptions options = {});

  core::Result<LlmResponse> Complete(const LlmRequest& request,
                                     std::chrono::steady_clock::time_point deadline) override;

 private:
  std::chrono::milliseconds Backoff(int attempt);

  LlmClient& inner_;
  const core::Clock& clock_;
  RetryOptions options_;
  std::mutex mu_;
  std::mt19937_64 random_;
};

}  // namespace connectors::llm
