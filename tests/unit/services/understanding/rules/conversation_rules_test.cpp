#include "services/understanding/rules/conversation_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;

TEST(PendingAnswerRuleTest, APostcodeAnswersTheQuestionAskedLastTurn) {
  services::PendingAnswerRule rule;
  auto s = WithPostcode();
  s.pending = "branch_postcode";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBranchLocator, 0.9));
  s.pending = "delivery_postcode";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckDelivery, 0.9));
}

TEST(PendingAnswerRuleTest, QuietWithoutAPostcodeOrAQuestion) {
  services::PendingAnswerRule rule;
  auto s = Quiet();
  s.pending = "delivery_postcode";
  EXPECT_FALSE(rule.Decide(s));               // no postcode given
  EXPECT_FALSE(rule.Decide(WithPostcode()));  // nothing asked
  auto other = WithPostcode();
  other.pending = "add_which";
  EXPECT_FALSE(rule.Decide(other));
}

TEST(HandoffRuleTest, HandOffWhereverAHandoffPhraseOccurs) {
  services::HandoffRule rule;
  auto s = WithProduct();
  s.words.handoff = true;
  s.words.price = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kHumanHandoff, 0.95));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(SmallTalkRulesTest, GreetingAndThanksOnlyWhenThatIsAllTheMessageSays) {
  services::GreetingRule greeting;
  services::ThanksRule thanks;
  auto s = Quiet();
  s.words.greeting_only = true;
  EXPECT_EQ(greeting.Decide(s), Decision(Intent::kGreeting, 0.95));
  EXPECT_FALSE(thanks.Decide(s));
  s = Quiet();
  s.words.thanks_only = true;
  EXPECT_EQ(thanks.Decide(s), Decision(Intent::kThanks, 0.9));
  EXPECT_FALSE(greeting.Decide(s));
  EXPECT_FALSE(greeting.Decide(Quiet()));
  EXPECT_FALSE(thanks.Decide(Quiet()));
}

TEST(GoodbyeRuleTest, AShortGoodbyeWithoutProducts) {
  services::GoodbyeRule rule;
  auto s = Quiet();
  s.words.goodbye = true;
  s.word_count = 8;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kGoodbye, 0.9));
  s.word_count = 9;  // "see you ..." inside a longer message
  EXPECT_FALSE(rule.Decide(s));
  auto with_product = WithProduct();
  with_product.words.goodbye = true;
  with_product.word_count = 3;
  EXPECT_FALSE(rule.Decide(with_product));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(ContactDetailsRuleTest, PhoneEmailOrANameInAShortMessage) {
  services::ContactDetailsRule rule;
  auto s = Quiet();
  s.turn.entities.phone = "07700900123";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kLeadCapture, 0.85));
  s = Quiet();
  s.turn.entities.email = "sara@example.com";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kLeadCapture, 0.85));
  s = Quiet();
  s.turn.entities.name = "Sara";
  s.word_count = 6;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kLeadCapture, 0.85));
  s.word_count = 7;  // a name in a longer message is not the point of it
  EXPECT_FALSE(rule.Decide(s));
  auto with_product = WithProduct();
  with_product.turn.entities.phone = "07700900123";
  EXPECT_FALSE(rule.Decide(with_product));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(RecallRuleTest, AsksWhatWeWereToldWithoutTellingIt) {
  services::RecallRule rule;
  auto s = Quiet();
  s.words.recall = true;  // "do you remember my name?"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kRecall, 0.85));
  auto telling = s;
  telling.turn.entities.email = "a@example.com";  // "remember my email is a@example.com"
  EXPECT_FALSE(rule.Decide(telling));
  auto product = WithProduct(s);  // "have you got my usual lamb chops"
  EXPECT_FALSE(rule.Decide(product));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

}  // namespace
