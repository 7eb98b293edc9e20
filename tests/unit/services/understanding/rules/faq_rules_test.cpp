#include "services/understanding/rules/faq_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;
using services::TurnSignals;

TEST(StrongFaqRuleTest, AStrongMatchAnswersWithConfidenceFromItsScore) {
  services::StrongFaqRule rule;
  EXPECT_EQ(rule.Decide(WithFaq(0.9)), Decision(Intent::kFaq, 0.4 + 0.9 * 0.6));
  EXPECT_EQ(rule.Decide(WithFaq(1.0)), Decision(Intent::kFaq, 1.0));
  EXPECT_FALSE(rule.Decide(WithFaq(0.6)));  // not strong
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(StrongFaqRuleTest, AProductMentionedInPassingDoesNotStopIt) {
  services::StrongFaqRule rule;
  auto s = WithProduct(WithFaq(0.9));  // "can I put a deposit down to hold a bike"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kFaq, 0.4 + 0.9 * 0.6));
}

TEST(StrongFaqRuleTest, QuietWhenTheMessageIsAboutAProductAPlaceOrADay) {
  services::StrongFaqRule rule;
  using Change = void (*)(TurnSignals&);
  const std::pair<const char*, Change> changes[] = {
      {"product named in full",
       [](TurnSignals& s) { s.turn.products.push_back(&kChops), s.turn.exact_product = true; }},
      {"only product words", [](TurnSignals& s) { s.turn.only_product_words = true; }},
      {"postcode", [](TurnSignals& s) { s.turn.entities.postcode = retrieval::Postcode{}; }},
      {"delivery zone", [](TurnSignals& s) { s.turn.zones.push_back(&kCentre); }},
      {"basket", [](TurnSignals& s) { s.words.cart = true; }},
      {"hours on a day", [](TurnSignals& s) { s.words.hours = true, s.turn.entities.tomorrow = true; }},
      {"hours at a branch", [](TurnSignals& s) { s.words.hours = true, s.turn.branch = &kHydePark; }},
      {"price of a product",
       [](TurnSignals& s) { s.turn.products.push_back(&kChops), s.words.product_question = true; }},
      {"live data question", [](TurnSignals& s) { s.words.live_data_question = true; }},
  };
  for (const auto& [what, change] : changes) {
    auto s = WithFaq(0.9);
    change(s);
    EXPECT_FALSE(rule.Decide(s)) << what;
  }
  auto hours_any_day = WithFaq(0.9);
  hours_any_day.words.hours = true;  // "what are your opening hours over ramadan"
  EXPECT_TRUE(rule.Decide(hours_any_day));
}

TEST(FaqAboutUnknownWordsRuleTest, AnEntryMentioningTheUnknownWordsAnswersAtHalfTheBar) {
  services::FaqAboutUnknownWordsRule rule;
  auto s = WithFaq(0.2);
  s.out_of_scope = 0.35;
  s.faq_mentions_missing = true;  // "do you have gift cards?"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kFaq, 0.4 + 0.2 * 0.6));
  auto low = s;
  low.turn.faq.score = 0.17;
  EXPECT_FALSE(rule.Decide(low));
  auto rival = s;
  rival.turn.faq.rival = "@stock";
  rival.turn.faq.rival_score = 0.2;
  EXPECT_FALSE(rule.Decide(rival));
  auto not_mentioned = s;
  not_mentioned.faq_mentions_missing = false;
  EXPECT_FALSE(rule.Decide(not_mentioned));
  EXPECT_FALSE(rule.Decide(WithPostcode(s)));
  auto basket = s;
  basket.words.cart = true;
  EXPECT_FALSE(rule.Decide(basket));
}

TEST(ParaphrasedFaqRuleTest, AnswersAtTheTenantsScore) {
  services::ParaphrasedFaqRule rule;
  auto s = WithFaq(0.55);
  s.faq_score = 0.5;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kFaq, 0.4 + 0.55 * 0.6));
  s.faq_score = 0.6;
  EXPECT_FALSE(rule.Decide(s));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(ParaphrasedFaqRuleTest, ProductWordsNeedAStrongerMatch) {
  services::ParaphrasedFaqRule rule;
  auto s = WithProduct(WithFaq(0.6));
  EXPECT_FALSE(rule.Decide(s));
  s.turn.faq.score = 0.7;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kFaq, 0.4 + 0.7 * 0.6));
  s.turn.only_product_words = true;  // the message is only a product's name
  EXPECT_FALSE(rule.Decide(s));
}

}  // namespace
