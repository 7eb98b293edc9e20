#include "connectors/llm/circuit_breaker_llm_client.h"

namespace connectors::llm {

namespace {

bool CountsAsFailure(const core::Error& e) {
  return e.code == core::ErrorCode::kTimeout || e.code == core::ErrorCode::kUnavailable ||
         e.code == core::ErrorCode::kTooManyRequests;
}

}  // namespace

CircuitBreakerLlmClient::CircuitBreakerLlmClient(LlmClient& inner, const core::Clock& clock, BreakerOptions options)
    : inner_(inner), clock_(clock), options_(std::move(options)) {}

CircuitBreakerLlmClient::State CircuitBreakerLlmClient::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

core::Result<LlmResponse> CircuitBreakerLlmClient::Complete(const LlmRequest& request,
                                                            std::chrono::steady_clock::time_point deadline) {
  bool probe = false;
  {
    std::lock_guard lock(mu_);
    if (state_ == State::kOpen && clock_.Monotonic() >= open_until_) state_ = State::kHalfOpen;
    if (state_ == State::kOpen || (state_ == State::kHalfOpen && probing_)) {
      return CircuitOpen(core::MakeError(core::ErrorCode::kUnavailable,
                                         "circuit open for " + options_.name + " after repeated failures"));
    }
    if (state_ == State::kHalfOpen) probing_ = probe = true;
  }
  auto result = inner_.Complete(request, deadline);
  std::lock_guard lock(mu_);
  if (probe) probing_ = false;
  if (result.ok()) {
    state_ = State::kClosed;
    failures_ = 0;
  } else if (CountsAsFailure(result.error())) {
    if (probe || ++failures_ >= options_.failure_threshold) {
      state_ = State::kOpen;
      open_until_ = clock_.Monotonic() + options_.open_for;
      failures_ = 0;
    }
  }
  return result;
}

}  // namespace connectors::llm
