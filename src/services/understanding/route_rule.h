// RouteRule: one step of the router, with one job ("a hand-off phrase is a
// hand-off", "a postcode answers the question we asked"). Rules read the
// turn's signals and either decide its intent or let the next rule decide;
// route_rules.h holds the order. Implementations are stateless and
// thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "services/understanding/routed_turn.h"
#include "services/understanding/turn_signals.h"

namespace services {

struct IntentDecision {
  Intent intent = Intent::kUnknown;
  double confidence = 0;
  friend bool operator==(const IntentDecision&, const IntentDecision&) = default;
};

class RouteRule {
 public:
  virtual ~RouteRule() = default;
  // The turn's intent when this rule recognises it, else nullopt.
  virtual std::optional<IntentDecision> Decide(const TurnSignals& signals) const = 0;
  // Short snake_case name ("handoff"): the rule's place in the documented order.
  virtual std::string_view name() const = 0;
};

}  // namespace services
