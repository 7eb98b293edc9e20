// Rules about where and when: delivery, branches and opening hours. See
// route_rules.h for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// Delivery to a place a delivery zone is named after ("do you deliver to
// beaverton?"), no postcode needed.
class DeliveryToNamedPlaceRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "delivery_to_named_place"; }
};

// A branch named outright with a where or shop word ("the hyde park
// shop"), unless the question is about hours or names a product in full.
class NamedBranchRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "named_branch"; }
};

// "What's the fee?" once the shopper has given a postcode.
class DeliveryFollowUpRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "delivery_follow_up"; }
};

// Delivery words, unless a strong FAQ answers and no postcode is known.
class DeliveryRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "delivery"; }
};

// A postcode in a short message with nothing else asked ("LS6 2AB?"): can
// we deliver there.
class PostcodeOnlyRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "postcode_only"; }
};

// Opening hours, unless a strong FAQ answers a question about no day or
// branch in particular. Products named in passing do not stop it when a
// branch or a day is named too ("does bath close tonight?"), only a product
// named in full does.
class OpeningHoursRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "opening_hours"; }
};

// Where the branches are, unless a strong FAQ answers and no postcode is given.
class BranchesRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "branches"; }
};

}  // namespace services
