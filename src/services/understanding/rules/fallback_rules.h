// Rules for when nothing more specific recognised the message. See
// route_rules.h for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// The FAQ model's built-in rivals (docs/nlu.md) still recognise paraphrases
// of what live data answers ("could someone ring me back", "how do I get to
// you"): hours, delivery, branches, hand-off, party bundles.
class BuiltinRivalRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "builtin_rival"; }
};

// Nothing recognised: unknown, as sure as the best FAQ came close. Always decides.
class FallbackRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "fallback"; }
};

}  // namespace services
