#include "services/understanding/route_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using services::Intent;

// The order documented in docs/architecture.md ("The router, in order").
TEST(RouteRulesTest, TheOrderIsTheDocumentedOne) {
  std::vector<std::string> names;
  for (const auto& rule : services::RouteRulesInOrder()) names.emplace_back(rule->name());
  const std::vector<std::string> documented = {
      "pending_answer",
      "handoff",
      "greeting",
      "thanks",
      "goodbye",
      "recall",
      "delivery_to_named_place",
      "named_branch",
      "remove_from_cart",
      "checkout",
      "cart_total",
      "update_cart",
      "view_cart",
      "delivery_follow_up",
      "strong_faq",
      "faq_about_unknown_words",
      "add_to_cart",
      "party_bundle",
      "delivery",
      "postcode_only",
      "opening_hours",
      "branches",
      "contact_details",
      "category_only",
      "price",
      "stock",
      "paraphrased_faq",
      "bundle",
      "browse_category",
      "named_product",
      "product_from_context",
      "unresolved_reference",
      "not_sold",
      "vague_product_question",
      "builtin_rival",
      "fallback",
  };
  EXPECT_EQ(names, documented);
}

TEST(RouteRulesTest, TheFirstRuleThatDecidesWins) {
  auto rules = services::RouteRulesInOrder();
  services::TurnSignals s;
  s.words.handoff = true;
  s.words.greeting_only = true;  // "hi, human please" is a hand-off
  EXPECT_EQ(services::DecideIntent(rules, s).intent, Intent::kHumanHandoff);
}

TEST(RouteRulesTest, TheLastRuleAlwaysDecides) {
  auto rules = services::RouteRulesInOrder();
  services::TurnSignals quiet;
  ASSERT_TRUE(rules.back()->Decide(quiet));
  EXPECT_EQ(services::DecideIntent(rules, quiet).intent, Intent::kUnknown);
}

}  // namespace
