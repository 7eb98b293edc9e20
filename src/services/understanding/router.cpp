#include "services/understanding/router.h"

#include "services/understanding/items.h"
#include "services/understanding/route_rules.h"
#include "services/understanding/turn_signals.h"

namespace services {

Router::Router(const retrieval::TextNormalizer& normalizer) : normalizer_(normalizer), rules_(RouteRulesInOrder()) {}

Router::~Router() = default;

RoutedTurn Router::Route(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                         std::chrono::system_clock::time_point now) const {
  TurnSignals signals = ReadTurn(tenant, session, message, now, normalizer_);
  IntentDecision decision = DecideIntent(rules_, signals);
  signals.turn.intent = decision.intent;
  signals.turn.confidence = decision.confidence;
  if (decision.intent == Intent::kAddToCart) {
    signals.turn.items = ReadItems(tenant, session, message, now, normalizer_, signals.turn);
  }
  return std::move(signals.turn);
}

}  // namespace services
