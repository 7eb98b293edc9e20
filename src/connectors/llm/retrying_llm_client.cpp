#include "connectors/llm/retrying_llm_client.h"

#include <algorithm>
#include <thread>

namespace connectors::llm {

RetryingLlmClient::RetryingLlmClient(LlmClient& inner, const core::Clock& clock, RetryOptions options)
    : inner_(inner),
      clock_(clock),
      options_(std::move(options)),
      random_(options_.seed ? options_.seed : std::random_device{}()) {
  if (!options_.sleep) options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

std::chrono::milliseconds RetryingLlmClient::Backoff(int attempt) {
  auto cap = options_.base_delay * (int64_t{1} << std::min(attempt - 1, 20));
  cap = std::min(cap, options_.max_delay);
  std::lock_guard lock(mu_);
  std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(0, cap.count()));
  return std::chrono::milliseconds(pick(random_));
}

core::Result<LlmResponse> RetryingLlmClient::Complete(const LlmRequest& request,
                                                      std::chrono::steady_clock::time_point deadline) {
  int made = 0;
  for (int attempt = 1;; ++attempt) {
    auto result = inner_.Complete(request, deadline);
    made += result.ok() ? result->attempts : 1;
    if (result.ok()) {
      result->attempts = made;
      return result;
    }
    const core::Error& error = result.error();
    if (!error.retryable || attempt >= options_.max_attempts) return result;
    std::chrono::milliseconds wait = RetryAfter(error).value_or(Backoff(attempt));
    if (clock_.Monotonic() + wait >= deadline) return result;
    options_.sleep(wait);
  }
}

}  // namespace connectors::llm
