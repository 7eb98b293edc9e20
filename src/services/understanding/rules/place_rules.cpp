#include "services/understanding/rules/place_rules.h"

namespace services {

std::optional<IntentDecision> DeliveryToNamedPlaceRule::Decide(const TurnSignals& s) const {
  if (s.words.delivery && !s.turn.zones.empty() && !s.turn.entities.postcode) {
    return IntentDecision{Intent::kCheckDelivery, 0.9};
  }
  return std::nullopt;
}

std::optional<IntentDecision> NamedBranchRule::Decide(const TurnSignals& s) const {
  if (s.turn.branch && !s.words.hours && (s.words.branch || s.words.shop) && !s.exact()) {
    return IntentDecision{Intent::kBranchLocator, 0.9};
  }
  return std::nullopt;
}

std::optional<IntentDecision> DeliveryFollowUpRule::Decide(const TurnSignals& s) const {
  if (s.words.delivery_fee && s.postcode_known && !s.has_products()) {
    return IntentDecision{Intent::kCheckDelivery, 0.9};
  }
  return std::nullopt;
}

std::optional<IntentDecision> DeliveryRule::Decide(const TurnSignals& s) const {
  bool faq_instead = s.strong_faq && !s.turn.entities.postcode && !s.postcode_known;
  if (s.words.delivery && (!s.turn.zones.empty() || !faq_instead)) return IntentDecision{Intent::kCheckDelivery, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> PostcodeOnlyRule::Decide(const TurnSignals& s) const {
  const Entities& e = s.turn.entities;
  if (e.postcode && !s.has_products() && !s.words.hours && !s.words.branch && s.word_count <= 6 && !e.phone) {
    return IntentDecision{Intent::kCheckDelivery, 0.75};
  }
  return std::nullopt;
}

std::optional<IntentDecision> OpeningHoursRule::Decide(const TurnSignals& s) const {
  const Entities& e = s.turn.entities;
  bool faq_instead = s.strong_faq && !e.weekday && !e.today && !e.tomorrow && !s.turn.branch;
  // A branch or a day named with an hours word is about hours even when the
  // name is also a product word ("what time does bath close tonight?" next
  // to a bath soak, "open on valentine's day?" next to valentine roses),
  // unless a product is named in full.
  const bool branch_hours = (s.turn.branch || e.date || e.weekday || e.today || e.tomorrow) && !s.exact();
  if (s.words.hours && (!s.has_products() || branch_hours) && !faq_instead) {
    return IntentDecision{Intent::kOpeningHours, 0.9};
  }
  return std::nullopt;
}

std::optional<IntentDecision> BranchesRule::Decide(const TurnSignals& s) const {
  bool faq_instead = s.strong_faq && !s.turn.entities.postcode;
  if (s.words.branch && !s.has_products() && !faq_instead) return IntentDecision{Intent::kBranchLocator, 0.85};
  return std::nullopt;
}

}  // namespace services
