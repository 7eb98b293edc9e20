#include "services/understanding/rules/conversation_rules.h"

namespace services {

std::optional<IntentDecision> PendingAnswerRule::Decide(const TurnSignals& s) const {
  if (!s.turn.entities.postcode) return std::nullopt;
  if (s.pending == "branch_postcode") return IntentDecision{Intent::kBranchLocator, 0.9};
  if (s.pending == "delivery_postcode") return IntentDecision{Intent::kCheckDelivery, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> HandoffRule::Decide(const TurnSignals& s) const {
  if (s.words.handoff) return IntentDecision{Intent::kHumanHandoff, 0.95};
  return std::nullopt;
}

std::optional<IntentDecision> GreetingRule::Decide(const TurnSignals& s) const {
  if (s.words.greeting_only) return IntentDecision{Intent::kGreeting, 0.95};
  return std::nullopt;
}

std::optional<IntentDecision> ThanksRule::Decide(const TurnSignals& s) const {
  if (s.words.thanks_only) return IntentDecision{Intent::kThanks, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> GoodbyeRule::Decide(const TurnSignals& s) const {
  if (s.words.goodbye && s.word_count <= 8 && !s.has_products()) return IntentDecision{Intent::kGoodbye, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> RecallRule::Decide(const TurnSignals& s) const {
  const Entities& e = s.turn.entities;
  if (s.words.recall && !e.name && !e.phone && !e.email && !s.has_products()) {
    return IntentDecision{Intent::kRecall, 0.85};
  }
  return std::nullopt;
}

std::optional<IntentDecision> ContactDetailsRule::Decide(const TurnSignals& s) const {
  const Entities& e = s.turn.entities;
  if ((e.phone || e.email || (e.name && s.word_count <= 6)) && !s.has_products()) {
    return IntentDecision{Intent::kLeadCapture, 0.85};
  }
  return std::nullopt;
}

}  // namespace services
