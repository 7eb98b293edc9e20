#include "services/understanding/rules/faq_rules.h"

#include <algorithm>

namespace services {

namespace {

IntentDecision AnswerFaq(const TurnSignals& s) {
  return IntentDecision{Intent::kFaq, std::min(1.0, 0.4 + s.turn.faq.score * 0.6)};
}

}  // namespace

std::optional<IntentDecision> StrongFaqRule::Decide(const TurnSignals& s) const {
  const RoutedTurn& t = s.turn;
  const Entities& e = t.entities;
  const bool day_specific = e.weekday || e.today || e.tomorrow || e.date || t.branch;
  if (s.strong_faq && !s.exact() && !t.only_product_words && !e.postcode && t.zones.empty() && !s.words.cart &&
      !(s.words.hours && day_specific) && !(s.has_products() && s.words.product_question) &&
      !s.words.live_data_question) {
    return AnswerFaq(s);
  }
  return std::nullopt;
}

std::optional<IntentDecision> FaqAboutUnknownWordsRule::Decide(const TurnSignals& s) const {
  const retrieval::FaqMatch& faq = s.turn.faq;
  if (s.faq_mentions_missing && faq.score >= s.out_of_scope / 2 && faq.score > faq.rival_score && !s.exact() &&
      !s.turn.entities.postcode && !s.words.cart) {
    return AnswerFaq(s);
  }
  return std::nullopt;
}

std::optional<IntentDecision> ParaphrasedFaqRule::Decide(const TurnSignals& s) const {
  if (s.faq_answers() && !s.turn.only_product_words && !(s.has_products() && s.turn.faq.score < 0.7)) {
    return AnswerFaq(s);
  }
  return std::nullopt;
}

}  // namespace services
