// Rules about the conversation itself: answers to our last question,
// hand-off, small talk and contact details. See route_rules.h for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// A postcode answers the question asked last turn ("what's your postcode?"
// after "where is my nearest branch?" or "do you deliver?").
class PendingAnswerRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "pending_answer"; }
};

// Asking for a person is always honoured ("can I speak to someone?").
class HandoffRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "handoff"; }
};

// A message that only greets ("hi there", "salaam").
class GreetingRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "greeting"; }
};

// A message that only thanks ("thanks a lot", "shukran").
class ThanksRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "thanks"; }
};

// A short goodbye that names no product ("bye for now").
class GoodbyeRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "goodbye"; }
};

// Asks what the shopper told us ("do you remember my name?", "what email
// did I give you?").
class RecallRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "recall"; }
};

// Contact details given without a product: a phone number, an email, or a
// name in a short message ("I'm Sara, 07700 900123").
class ContactDetailsRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "contact_details"; }
};

}  // namespace services
