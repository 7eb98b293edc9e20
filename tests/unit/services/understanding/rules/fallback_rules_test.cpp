#include "services/understanding/rules/fallback_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;

services::TurnSignals Rival(const std::string& label, double score) {
  auto s = Quiet();
  s.faq_score = 0.5;
  s.turn.faq.rival = label;
  s.turn.faq.rival_score = score;
  return s;
}

TEST(BuiltinRivalRuleTest, AConfidentRivalRoutesToWhatLiveDataAnswers) {
  services::BuiltinRivalRule rule;
  const double c = 0.4 + 0.8 * 0.5;
  EXPECT_EQ(rule.Decide(Rival("@hours", 0.8)), Decision(Intent::kOpeningHours, c));
  EXPECT_EQ(rule.Decide(Rival("@delivery", 0.8)), Decision(Intent::kCheckDelivery, c));
  EXPECT_EQ(rule.Decide(Rival("@branch", 0.8)), Decision(Intent::kBranchLocator, c));
  EXPECT_EQ(rule.Decide(Rival("@human", 0.8)), Decision(Intent::kHumanHandoff, c));
  auto party = Rival("@party", 0.8);
  EXPECT_FALSE(rule.Decide(party));  // no bundle to offer
  party.turn.bundle = &kBbqPack;
  EXPECT_EQ(rule.Decide(party), Decision(Intent::kSalesBundle, c));
}

TEST(BuiltinRivalRuleTest, QuietForOtherRivalsWeakRivalsOrABetterFaq) {
  services::BuiltinRivalRule rule;
  EXPECT_FALSE(rule.Decide(Rival("@off_topic", 0.9)));
  EXPECT_FALSE(rule.Decide(Rival("@price", 0.9)));
  EXPECT_FALSE(rule.Decide(Rival("@hours", 0.4)));
  auto faq = Rival("@hours", 0.8);
  faq.turn.faq.faq = &kReturnsFaq;
  faq.turn.faq.score = 0.8;
  EXPECT_FALSE(rule.Decide(faq));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(FallbackRuleTest, AlwaysDecidesUnknownAsSureAsTheBestFaqCameClose) {
  services::FallbackRule rule;
  EXPECT_EQ(rule.Decide(Quiet()), Decision(Intent::kUnknown, 0.0));
  EXPECT_EQ(rule.Decide(WithFaq(0.3)), Decision(Intent::kUnknown, 0.3));
}

}  // namespace
