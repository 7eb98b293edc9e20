#include "ai_modes/llm_gate.h"

namespace ai_modes {

bool LlmGate::TryAcquire() {
  std::lock_guard lock(mu_);
  if (in_flight_ >= max_concurrency_) return false;
  ++in_flight_;
  return true;
}

void LlmGate::Release() {
  std::lock_guard lock(mu_);
  if (in_flight_ > 0) --in_flight_;
}

std::string LlmGate::Key(std::string_view tenant, std::chrono::system_clock::time_point now) {
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  int year = static_cast<int>(ymd.year());
  unsigned month = static_cast<unsigned>(ymd.month());
  std::string key(tenant);
  key += '|' + std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
  return key;
}

bool LlmGate::WithinBudget(std::string_view tenant, std::chrono::system_clock::time_point now,
                           int64_t monthly_budget) const {
  if (monthly_budget <= 0) return true;
  return Spent(tenant, now) < monthly_budget;
}

void LlmGate::Spend(std::string_view tenant, std::chrono::system_clock::time_point now, int64_t tokens) {
  if (tokens <= 0) return;
  std::lock_guard lock(mu_);
  spent_[Key(tenant, now)] += tokens;
}

int64_t LlmGate::Spent(std::string_view tenant, std::chrono::system_clock::time_point now) const {
  std::lock_guard lock(mu_);
  auto it = spent_.find(Key(tenant, now));
  return it == spent_.end() ? 0 : it->second;
}

}  // namespace ai_modes
