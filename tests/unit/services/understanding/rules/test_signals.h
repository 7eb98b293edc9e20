// Hand-built turn signals for the rules' unit tests: no tenant data needed.
#pragma once

#include <optional>

#include "services/understanding/route_rule.h"

namespace rules_test {

// A product, category, bundle, branch, zone and FAQ entry to point at.
inline const retrieval::Product kChops = [] {
  retrieval::Product p;
  p.sku = "L-1";
  p.name = "Lamb Chops";
  return p;
}();
inline const retrieval::Category kLamb{"lamb", "Lamb", ""};
inline const retrieval::Bundle kBbqPack = [] {
  retrieval::Bundle b;
  b.id = "bbq";
  b.name = "BBQ Pack";
  return b;
}();
inline const retrieval::Branch kHydePark = [] {
  retrieval::Branch b;
  b.id = "hyde-park";
  b.name = "Hyde Park";
  return b;
}();
inline const retrieval::DeliveryZone kCentre = [] {
  retrieval::DeliveryZone z;
  z.id = "centre";
  z.name = "Centre";
  return z;
}();
inline const retrieval::Faq kReturnsFaq = [] {
  retrieval::Faq f;
  f.id = "returns";
  f.question = "Can I return an order?";
  return f;
}();

// Signals of a message that says nothing in particular.
inline services::TurnSignals Quiet() { return services::TurnSignals{}; }

inline services::TurnSignals WithProduct(services::TurnSignals s = Quiet()) {
  s.turn.products.push_back(&kChops);
  return s;
}

inline services::TurnSignals WithPostcode(services::TurnSignals s = Quiet()) {
  s.turn.entities.postcode = retrieval::Postcode{};
  return s;
}

inline services::TurnSignals WithFaq(double score, services::TurnSignals s = Quiet()) {
  s.turn.faq.faq = &kReturnsFaq;
  s.turn.faq.score = score;
  s.strong_faq = score >= 0.7;
  return s;
}

inline std::optional<services::IntentDecision> Decision(services::Intent intent, double confidence) {
  return services::IntentDecision{intent, confidence};
}

}  // namespace rules_test
