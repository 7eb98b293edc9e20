// LlmGate: who may call the model right now. Two limits, checked before a
// call and settled after it:
//   - LLM_MAX_CONCURRENCY calls in flight across the process (a turn that
//     finds them all taken is answered deterministically at once, so a slow
//     model cannot tie up every worker);
//   - a tenant's monthly token budget (overrides.json "llm_monthly_tokens";
//     0: no limit), counted per calendar month (UTC) of the turn's time.
//     Counted in process memory: a restart starts the month's count afresh.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ai_modes {

class LlmGate {
 public:
  explicit LlmGate(size_t max_concurrency) : max_concurrency_(max_concurrency == 0 ? 1 : max_concurrency) {}

  // A slot for one call; false when all are taken. Release() each one taken.
  bool TryAcquire();
  void Release();

  // False when the tenant has spent `monthly_budget` tokens this month.
  bool WithinBudget(std::string_view tenant, std::chrono::system_clock::time_point now, int64_t monthly_budget) const;
  void Spend(std::string_view tenant, std::chrono::system_clock::time_point now, int64_t tokens);
  int64_t Spent(std::string_view tenant, std::chrono::system_clock::time_point now) const;

 private:
  static std::string Key(std::string_view tenant, std::chrono::system_clock::time_point now);

  const size_t max_concurrency_;
  mutable std::mutex mu_;
  size_t in_flight_ = 0;
  std::map<std::string, int64_t, std::less<>> spent_;  // "tenant|YYYY-MM" -> tokens
};

// RAII slot of an LlmGate.
class LlmSlot {
 public:
  explicit LlmSlot(LlmGate& gate) : gate_(gate), held_(gate.TryAcquire()) {}
  ~LlmSlot() {
    if (held_) gate_.Release();
  }
  LlmSlot(const LlmSlot&) = delete;
  LlmSlot& operator=(const LlmSlot&) = delete;
  bool held() const { return held_; }

 private:
  LlmGate& gate_;
  bool held_;
};

}  // namespace ai_modes
