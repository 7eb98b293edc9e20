#include "services/understanding/rules/cart_rules.h"

namespace services {

std::optional<IntentDecision> RemoveFromCartRule::Decide(const TurnSignals& s) const {
  if (s.words.remove && (s.words.cart || s.has_products())) return IntentDecision{Intent::kRemoveFromCart, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> CheckoutRule::Decide(const TurnSignals& s) const {
  if (s.words.checkout || (!s.cart_empty && s.words.done)) return IntentDecision{Intent::kCheckout, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> CartTotalRule::Decide(const TurnSignals& s) const {
  if (s.words.cart_total && (!s.cart_empty || s.words.cart) && !s.exact() && !s.words.delivery) {
    return IntentDecision{Intent::kViewCart, 0.9};
  }
  return std::nullopt;
}

std::optional<IntentDecision> UpdateCartRule::Decide(const TurnSignals& s) const {
  if (s.cart_empty || s.words.add || s.words.remove) return std::nullopt;
  const Entities& e = s.turn.entities;
  if (s.words.set_quantity && e.quantity && !s.exact()) return IntentDecision{Intent::kUpdateCart, 0.85};
  if (s.words.change_line && s.has_products() && !s.turn.products_from_context) {
    return IntentDecision{Intent::kUpdateCart, 0.85};
  }
  return std::nullopt;
}

std::optional<IntentDecision> ViewCartRule::Decide(const TurnSignals& s) const {
  if (s.words.cart && !s.words.add && s.words.view_cart) return IntentDecision{Intent::kViewCart, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> AddToCartRule::Decide(const TurnSignals& s) const {
  const MessageWords& w = s.words;
  const Entities& e = s.turn.entities;
  const bool has_products = s.has_products();
  const bool from_context = s.turn.products_from_context;
  if ((w.add || w.take || w.want) && (has_products || w.cart) && !w.order_question &&
      (w.add || w.take || e.quantity || from_context)) {
    return IntentDecision{Intent::kAddToCart, has_products ? 0.9 : 0.6};
  }
  if (e.quantity && (!e.quantity_unit.empty() || e.quantity_marked) && has_products && !from_context &&
      !w.quantity_question) {
    return IntentDecision{Intent::kAddToCart, 0.8};
  }
  if (s.last_intent == "add_to_cart" && w.also && has_products && !from_context && !w.price && !w.stock &&
      !w.delivery && !w.order_question) {
    return IntentDecision{Intent::kAddToCart, 0.8};
  }
  if (!has_products && !s.turn.missing_words.empty() && w.add && w.cart) {
    return IntentDecision{Intent::kAddToCart, 0.6};
  }
  return std::nullopt;
}

}  // namespace services
