// The router's rules in order: the first rule that decides wins. The order
// is the router's behaviour; docs/architecture.md ("The router, in order")
// describes it and route_rules_test.cpp pins it.
#pragma once

#include <memory>
#include <vector>

#include "services/understanding/route_rule.h"

namespace services {

using RouteRules = std::vector<std::unique_ptr<const RouteRule>>;

// Every rule, in the order they are asked. The last (fallback) always decides.
RouteRules RouteRulesInOrder();

// The decision of the first rule in `rules` that decides. REQUIRES: the
// last rule always decides (as RouteRulesInOrder's does).
IntentDecision DecideIntent(const RouteRules& rules, const TurnSignals& signals);

}  // namespace services
