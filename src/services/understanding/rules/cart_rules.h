// Rules about the basket: remove, check out, view, add. See route_rules.h
// for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// "Remove the chops", "take the lamb out of my basket".
class RemoveFromCartRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "remove_from_cart"; }
};

// "Checkout", or "that's all" with something in the basket.
class CheckoutRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "checkout"; }
};

// What the basket comes to, in any words ("what do I owe?", "how much is
// that altogether?"), with something in it and no product named.
class CartTotalRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "cart_total"; }
};

// Changes a basket line: another size or product ("swap that for the 100ml
// one", "change it to the deluxe") or another quantity ("make it 3").
class UpdateCartRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "update_cart"; }
};

// "What's in my basket?" (but "put it in my basket" adds).
class ViewCartRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "view_cart"; }
};

// Adding to the basket: an add or take word with a product or the basket
// ("add two of those", "I'll take the lamb chops"), a want word with a
// quantity or a product from the conversation, a quantity with a unit next
// to a product ("and 1kg beef mince please"), or "add <something we don't
// sell> to my basket", or right after an add a product named with an "also"
// word and no verb ("and two of the chicken thighs too"). Not when the
// message asks a price or about delivery.
class AddToCartRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "add_to_cart"; }
};

}  // namespace services
