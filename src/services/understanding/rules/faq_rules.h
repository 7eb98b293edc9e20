// Rules that answer from the tenant's FAQ (docs/nlu.md, "How the product
// uses it"). See route_rules.h for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// A well-matched FAQ beats product words that only brush past it ("can I
// put a deposit down to hold a bike" is the layaway question), unless the
// message names a product in full or asks about it, gives a postcode or a
// place, names the basket, or asks about a specific day's hours.
class StrongFaqRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "strong_faq"; }
};

// An FAQ entry that mentions the words the catalog has no name for ("do you
// have gift cards?"): two signals agree, so half the usual bar.
class FaqAboutUnknownWordsRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "faq_about_unknown_words"; }
};

// An FAQ paraphrase at the tenant's answering score, unless the message
// only names a product (or names one and the match is not strong).
class ParaphrasedFaqRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "paraphrased_faq"; }
};

}  // namespace services
