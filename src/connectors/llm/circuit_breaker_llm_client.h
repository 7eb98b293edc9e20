// CircuitBreakerLlmClient: a decorator that stops calling a model server
// that keeps failing. The container wraps one per LLM_BASE_URL, so there is
// one breaker per base URL.
//   closed     calls pass; `failure_threshold` failures in a row (timeout,
//              unavailable, rate limited) open it;
//   open       calls fail at once with kUnavailable (IsCircuitOpen) for
//              `open_for`;
//   half-open  after that, one call is let through as a probe (others still
//              fail at once): success closes the breaker, failure opens it
//              again for another `open_for`.
// Other errors (bad key, bad request, malformed answer) say nothing about the
// server's health and leave the count as it is. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "connectors/llm_client.h"
#include "core/clock.h"

namespace connectors::llm {

struct BreakerOptions {
  std::string name;  // the base URL, for messages
  int failure_threshold = 5;
  std::chrono::milliseconds open_for{30'000};
};

class CircuitBreakerLlmClient final : public LlmClient {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  // `inner` and `clock` must outlive this client.
  CircuitBreakerLlmClient(LlmClient& inner, const core::Clock& clock, BreakerOptions options);

  core::Result<LlmResponse> Complete(const LlmRequest& request,
                                     std::chrono::steady_clock::time_point deadline) override;

  State state() const;

 private:
  LlmClient& inner_;
  const core::Clock& clock_;
  BreakerOptions options_;
  mutable std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  bool probing_ = false;
  std::chrono::steady_clock::time_point open_until_{};
};

}  // namespace connectors::llm
