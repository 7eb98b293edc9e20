#include "services/understanding/rules/place_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;

TEST(DeliveryToNamedPlaceRuleTest, DeliveryWordsAndAZoneNamedByPlace) {
  services::DeliveryToNamedPlaceRule rule;
  auto s = Quiet();
  s.words.delivery = true;
  s.turn.zones.push_back(&kCentre);
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckDelivery, 0.9));
  auto with_postcode = WithPostcode(s);  // the postcode decides later
  EXPECT_FALSE(rule.Decide(with_postcode));
  s.words.delivery = false;  // a place alone is not a delivery question
  EXPECT_FALSE(rule.Decide(s));
}

TEST(NamedBranchRuleTest, ABranchNamedWithAWhereOrShopWord) {
  services::NamedBranchRule rule;
  auto s = Quiet();
  s.turn.branch = &kHydePark;
  s.words.shop = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBranchLocator, 0.9));
  s.words.shop = false;
  s.words.branch = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBranchLocator, 0.9));
  auto hours = s;
  hours.words.hours = true;  // "when does the hyde park shop open"
  EXPECT_FALSE(rule.Decide(hours));
  auto exact = WithProduct(s);
  exact.turn.exact_product = true;
  EXPECT_FALSE(rule.Decide(exact));
  s.words.branch = false;  // the branch's name alone
  EXPECT_FALSE(rule.Decide(s));
}

TEST(DeliveryFollowUpRuleTest, AFeeQuestionOnceAPostcodeIsKnown) {
  services::DeliveryFollowUpRule rule;
  auto s = Quiet();
  s.words.delivery_fee = true;
  s.postcode_known = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckDelivery, 0.9));
  s.postcode_known = false;
  EXPECT_FALSE(rule.Decide(s));
  auto with_product = WithProduct();
  with_product.words.delivery_fee = true;
  with_product.postcode_known = true;
  EXPECT_FALSE(rule.Decide(with_product));
}

TEST(DeliveryRuleTest, DeliveryWordsUnlessAStrongFaqAnswersAndNoPostcodeIsKnown) {
  services::DeliveryRule rule;
  auto s = Quiet();
  s.words.delivery = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckDelivery, 0.9));
  auto faq = WithFaq(0.9, s);
  EXPECT_FALSE(rule.Decide(faq));
  faq.postcode_known = true;
  EXPECT_EQ(rule.Decide(faq), Decision(Intent::kCheckDelivery, 0.9));
  auto faq_and_place = WithFaq(0.9, s);
  faq_and_place.turn.zones.push_back(&kCentre);
  EXPECT_EQ(rule.Decide(faq_and_place), Decision(Intent::kCheckDelivery, 0.9));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(PostcodeOnlyRuleTest, APostcodeInAShortMessage) {
  services::PostcodeOnlyRule rule;
  auto s = WithPostcode();
  s.word_count = 2;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckDelivery, 0.75));
  for (auto change :
       {+[](services::TurnSignals& t) { t.word_count = 7; }, +[](services::TurnSignals& t) { t.words.hours = true; },
        +[](services::TurnSignals& t) { t.words.branch = true; },
        +[](services::TurnSignals& t) { t.turn.entities.phone = "0113"; },
        +[](services::TurnSignals& t) { t.turn.products.push_back(&kChops); }}) {
    auto quiet = s;
    change(quiet);
    EXPECT_FALSE(rule.Decide(quiet));
  }
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(OpeningHoursRuleTest, HoursWordsUnlessAStrongFaqAnswersForNoDayInParticular) {
  services::OpeningHoursRule rule;
  auto s = Quiet();
  s.words.hours = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kOpeningHours, 0.9));
  auto faq = WithFaq(0.9, s);
  EXPECT_FALSE(rule.Decide(faq));
  faq.turn.entities.weekday = 6;  // "are you open on sunday"
  EXPECT_EQ(rule.Decide(faq), Decision(Intent::kOpeningHours, 0.9));
  auto with_product = WithProduct(s);
  EXPECT_FALSE(rule.Decide(with_product));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(OpeningHoursRuleTest, ABranchOrADayNamedBeatsAProductWordUnlessTheProductIsNamedInFull) {
  services::OpeningHoursRule rule;
  auto s = WithProduct();
  s.words.hours = true;
  s.turn.branch = &kHydePark;  // "what time does bath close tonight" next to a bath soak
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kOpeningHours, 0.9));
  auto day = WithProduct();
  day.words.hours = true;
  day.turn.entities.date = "2027-02-14";  // "open on valentine's day?" next to valentine roses
  EXPECT_EQ(rule.Decide(day), Decision(Intent::kOpeningHours, 0.9));
  s.turn.exact_product = true;
  EXPECT_FALSE(rule.Decide(s));
}

TEST(BranchesRuleTest, WhereWordsUnlessAStrongFaqAnswersWithoutAPostcode) {
  services::BranchesRule rule;
  auto s = Quiet();
  s.words.branch = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBranchLocator, 0.85));
  auto faq = WithFaq(0.9, s);
  EXPECT_FALSE(rule.Decide(faq));
  EXPECT_EQ(rule.Decide(WithPostcode(faq)), Decision(Intent::kBranchLocator, 0.85));
  EXPECT_FALSE(rule.Decide(WithProduct(s)));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

}  // namespace
