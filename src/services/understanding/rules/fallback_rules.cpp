#include "services/understanding/rules/fallback_rules.h"

#include <algorithm>

namespace services {

std::optional<IntentDecision> BuiltinRivalRule::Decide(const TurnSignals& s) const {
  const retrieval::FaqMatch& faq = s.turn.faq;
  if (faq.rival.empty() || faq.rival_score < s.faq_score || faq.rival_score <= faq.score) return std::nullopt;
  const std::string& r = faq.rival;
  double confidence = std::min(1.0, 0.4 + faq.rival_score * 0.5);
  if (r == "@hours") return IntentDecision{Intent::kOpeningHours, confidence};
  if (r == "@delivery") return IntentDecision{Intent::kCheckDelivery, confidence};
  if (r == "@branch") return IntentDecision{Intent::kBranchLocator, confidence};
  if (r == "@human") return IntentDecision{Intent::kHumanHandoff, confidence};
  if (r == "@party" && s.turn.bundle) return IntentDecision{Intent::kSalesBundle, confidence};
  return std::nullopt;
}

std::optional<IntentDecision> FallbackRule::Decide(const TurnSignals& s) const {
  return IntentDecision{Intent::kUnknown, s.turn.faq.faq ? s.turn.faq.score : 0.0};
}

}  // namespace services
