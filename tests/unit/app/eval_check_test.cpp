#include "app/eval_check.h"

#include <gtest/gtest.h>

namespace {

using app::CheckTurn;
using app::ObservedTurn;
using nlohmann::json;

ObservedTurn Turn() {
  ObservedTurn t;
  t.session_id = "eval-session-1";
  t.reply = "Lamb Chops are £15.99/kg. Added to your basket.";
  t.intent = "add_to_cart";
  t.entities = {{"postcode", "LS6"}, {"quantity", 2.0}};
  t.items = 1;
  t.cart_skus = {"LMB-001"};
  t.fact_values = {"£15.99/kg"};
  return t;
}

TEST(EvalCheckTest, PassingTurnHasNoProblems) {
  json expect = {{"intent", {"price_check", "add_to_cart"}},
                 {"contains", {"lamb chops"}},
                 {"not_contains", {"sorry"}},
                 {"contains_any", {"nope", "basket"}},
                 {"resolved", true},
                 {"fallback", false},
                 {"needs_clarification", false},
                 {"items_min", 1},
                 {"items_max", 1},
                 {"cart_lines", 1},
                 {"cart_contains", {"LMB-001"}},
                 {"entities", {{"postcode", "LS6"}, {"quantity", 2}}}};
  EXPECT_TRUE(CheckTurn(expect, Turn()).empty());
}

TEST(EvalCheckTest, EveryBrokenExpectationIsReported) {
  json expect = {{"intent", "price_check"},          {"contains", {"mutton"}},  {"not_contains", {"basket"}},
                 {"contains_any", {"beef", "veal"}}, {"fallback", true},        {"items_max", 0},
                 {"cart_lines", 2},                  {"cart_contains", {"BEEF-1"}},
                 {"entities", {{"postcode", "LS7"}}}};
  auto problems = CheckTurn(expect, Turn());
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_EQ(problems.size(), 9u) << all;
  for (const char* part : {"intent add_to_cart", "missing \"mutton\"", "must not say \"basket\"", "none of",
                           "fallback is false", "1 items", "1 cart lines", "cart lacks BEEF-1", "entity postcode"}) {
    EXPECT_NE(all.find(part), std::string::npos) << part << " not in:\n" << all;
  }
}

TEST(EvalCheckTest, UngroundedAmountsAreFlagged) {
  ObservedTurn t;
  t.reply = "Lamb is £12.99/kg and delivery $3.50, €1,250.00 in total.";
  t.fact_values = {"£12.99", "€1,250.00"};
  auto missing = app::UngroundedAmounts(t);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0], "$3.50");
  auto problems = CheckTurn(json::object(), t);
  ASSERT_EQ(problems.size(), 1u) << "grounding is checked even without expectations";
  EXPECT_EQ(problems[0], "ungrounded amount $3.50");
}

TEST(EvalCheckTest, ChatApiBodyIsObserved) {
  json body = {{"reply", "Your basket: ..."}, {"session_id", "abc"},        {"intent", "view_cart"},
               {"entities", json::object()},  {"needs_clarification", false}, {"resolved", true},
               {"fallback", false},           {"items", json::array()},
               {"facts", {{{"source", "catalog"}, {"key", "cart"}, {"field", "total"}, {"value", "£31.98"}}}},
               {"cart", {{"lines", {{{"sku", "LMB-001"}, {"quantity", 2}}}}, {"total", 31.98}}}};
  auto t = app::ObserveChatApi(body);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->intent, "view_cart");
  EXPECT_EQ(t->cart_skus, std::vector<std::string>{"LMB-001"});
  EXPECT_EQ(t->fact_values, std::vector<std::string>{"£31.98"});
  EXPECT_TRUE(t->error_code.empty());
}

TEST(EvalCheckTest, ChatApiBodyWithoutACheckedFieldIsAnError) {
  json body = {{"reply", "hi"},      {"session_id", "abc"},          {"intent", "greeting"},
               {"entities", json::object()}, {"needs_clarification", false}, {"resolved", true},
               {"items", json::array()},     {"facts", json::array()}};
  auto t = app::ObserveChatApi(body);
  ASSERT_FALSE(t.ok()) << "without \"fallback\" a fallback expectation could not be checked";
  EXPECT_NE(t.error().message.find("fallback"), std::string::npos);
  EXPECT_FALSE(app::ObserveChatApi(json("not an object")).ok());
}

}  // namespace
