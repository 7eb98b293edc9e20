#include "services/understanding/rules/product_rules.h"

namespace services {

std::optional<IntentDecision> PartyBundleRule::Decide(const TurnSignals& s) const {
  if (s.turn.bundle && (s.turn.entities.people || s.words.bundle)) return IntentDecision{Intent::kSalesBundle, 0.9};
  return std::nullopt;
}

std::optional<IntentDecision> CategoryOnlyRule::Decide(const TurnSignals& s) const {
  if (s.category_only && !s.exact()) return IntentDecision{Intent::kBrowseCategory, 0.85};
  return std::nullopt;
}

std::optional<IntentDecision> PriceRule::Decide(const TurnSignals& s) const {
  if (s.words.price && (s.has_products() || s.turn.category)) {
    return IntentDecision{Intent::kPriceCheck, s.has_products() ? 0.9 : 0.7};
  }
  return std::nullopt;
}

std::optional<IntentDecision> StockRule::Decide(const TurnSignals& s) const {
  if (s.words.stock && (s.has_products() || s.turn.category) && !s.strong_faq) {
    return IntentDecision{Intent::kStockCheck, s.has_products() ? 0.9 : 0.7};
  }
  return std::nullopt;
}

std::optional<IntentDecision> BundleRule::Decide(const TurnSignals& s) const {
  if (s.turn.bundle && !s.has_products()) return IntentDecision{Intent::kSalesBundle, 0.7};
  return std::nullopt;
}

std::optional<IntentDecision> BrowseCategoryRule::Decide(const TurnSignals& s) const {
  const RoutedTurn& t = s.turn;
  bool unknown_thing = !t.missing_words.empty() && !s.category_only;
  if (!t.category || unknown_thing || (s.has_products() && !s.words.browse)) return std::nullopt;
  bool named_product = s.has_products() && !t.products_from_context && t.product_phrase.find(' ') != std::string::npos;
  if (named_product) return std::nullopt;
  return IntentDecision{Intent::kBrowseCategory, 0.8};
}

std::optional<IntentDecision> NamedProductRule::Decide(const TurnSignals& s) const {
  if (!s.has_products() || s.turn.products_from_context) return std::nullopt;
  if (s.words.price) return IntentDecision{Intent::kPriceCheck, 0.85};
  return IntentDecision{Intent::kSearchProduct, s.turn.corrected_query.empty() ? 0.85 : 0.7};
}

std::optional<IntentDecision> ProductFromContextRule::Decide(const TurnSignals& s) const {
  if (!s.turn.products_from_context) return std::nullopt;
  if (s.words.price) return IntentDecision{Intent::kPriceCheck, 0.8};
  if (s.words.stock) return IntentDecision{Intent::kStockCheck, 0.8};
  return std::nullopt;
}

std::optional<IntentDecision> UnresolvedReferenceRule::Decide(const TurnSignals& s) const {
  if (s.turn.unresolved_reference && (s.words.price || s.words.stock) && !s.has_products() && !s.strong_faq) {
    return IntentDecision{Intent::kSearchProduct, 0.7};
  }
  return std::nullopt;
}

std::optional<IntentDecision> NotSoldRule::Decide(const TurnSignals& s) const {
  const MessageWords& w = s.words;
  if (!s.turn.missing_words.empty() && s.MissingCount() <= 2 && (s.knows_some || w.price || w.stock) &&
      (s.word_count <= 3 || w.price || w.stock) && !s.faq_answers()) {
    return IntentDecision{Intent::kSearchProduct, 0.6};
  }
  return std::nullopt;
}

std::optional<IntentDecision> VagueProductQuestionRule::Decide(const TurnSignals& s) const {
  if (!s.words.price && !s.words.stock) return std::nullopt;
  return IntentDecision{s.has_products() ? Intent::kPriceCheck : Intent::kSearchProduct, 0.4};
}

}  // namespace services
