#include "services/understanding/rules/cart_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;

TEST(RemoveFromCartRuleTest, RemoveWordsWithTheBasketOrAProduct) {
  services::RemoveFromCartRule rule;
  auto s = Quiet();
  s.words.remove = true;
  EXPECT_FALSE(rule.Decide(s));  // "drop" alone
  s.words.cart = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kRemoveFromCart, 0.9));
  auto product = WithProduct();
  product.words.remove = true;
  EXPECT_EQ(rule.Decide(product), Decision(Intent::kRemoveFromCart, 0.9));
}

TEST(CheckoutRuleTest, CheckoutWordsOrDoneWithSomethingInTheBasket) {
  services::CheckoutRule rule;
  auto s = Quiet();
  s.words.checkout = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckout, 0.9));
  s = Quiet();
  s.words.done = true;  // "that's all"
  EXPECT_FALSE(rule.Decide(s));
  s.cart_empty = false;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kCheckout, 0.9));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(ViewCartRuleTest, ABasketWordWithAViewWordButNoAddWord) {
  services::ViewCartRule rule;
  auto s = Quiet();
  s.words.cart = true;
  s.words.view_cart = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kViewCart, 0.9));
  s.words.add = true;  // "put it in my basket"
  EXPECT_FALSE(rule.Decide(s));
  s = Quiet();
  s.words.cart = true;
  EXPECT_FALSE(rule.Decide(s));
}

TEST(AddToCartRuleTest, AnAddWordWithAProductOrTheBasket) {
  services::AddToCartRule rule;
  auto s = WithProduct();
  s.words.add = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.9));
  s = WithProduct();
  s.words.take = true;  // "I'll take the lamb chops"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.9));
  s = Quiet();
  s.words.add = true;
  s.words.cart = true;  // "add to my basket": which product comes next
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.6));
}

TEST(AddToCartRuleTest, AWantWordNeedsAQuantityOrAProductFromTheConversation) {
  services::AddToCartRule rule;
  auto s = WithProduct();
  s.words.want = true;  // "I want lamb chops": a search, not an order
  EXPECT_FALSE(rule.Decide(s));
  s.turn.entities.quantity = 2;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.9));
  s = WithProduct();
  s.words.want = true;
  s.turn.products_from_context = true;  // "I want those"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.9));
}

TEST(AddToCartRuleTest, QuietWhenTheMessageAsksAPriceOrAboutDelivery) {
  services::AddToCartRule rule;
  auto s = WithProduct();
  s.words.add = true;
  s.words.order_question = true;  // "how much to add delivery"
  EXPECT_FALSE(rule.Decide(s));
  EXPECT_FALSE(rule.Decide(WithProduct()));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(AddToCartRuleTest, AQuantityWithAUnitNextToAProduct) {
  services::AddToCartRule rule;
  auto s = WithProduct();
  s.turn.entities.quantity = 1;
  s.turn.entities.quantity_unit = "kg";  // "and 1kg beef mince please"
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.8));
  auto question = s;
  question.words.quantity_question = true;  // "how much is 1kg beef mince"
  EXPECT_FALSE(rule.Decide(question));
  auto context = s;
  context.turn.products_from_context = true;
  EXPECT_FALSE(rule.Decide(context));
  s.turn.entities.quantity_unit.clear();  // "2 lamb chops"
  EXPECT_FALSE(rule.Decide(s));
}

TEST(AddToCartRuleTest, AddingSomethingWeDoNotSellToTheBasketEvenWithAPriceWord) {
  services::AddToCartRule rule;
  auto s = Quiet();
  s.words.add = true;
  s.words.cart = true;
  s.words.order_question = true;  // "add venison to my basket, what price?"
  EXPECT_FALSE(rule.Decide(s));
  s.turn.missing_words = "venison";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.6));
}

TEST(CartTotalRuleTest, ATotalWordWithABasketIsTheBasket) {
  services::CartTotalRule rule;
  auto s = Quiet();
  s.words.cart_total = true;     // "what do I owe?"
  EXPECT_FALSE(rule.Decide(s));  // nothing in the basket, no basket word
  s.cart_empty = false;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kViewCart, 0.9));
  auto delivery = s;
  delivery.words.delivery = true;  // "what's the total with delivery to BS1?"
  EXPECT_FALSE(rule.Decide(delivery));
  auto empty = Quiet();
  empty.words.cart_total = true;
  empty.words.cart = true;  // "what's my basket total?"
  EXPECT_EQ(rule.Decide(empty), Decision(Intent::kViewCart, 0.9));
}

TEST(UpdateCartRuleTest, AnotherQuantityOrAnotherProductForALine) {
  services::UpdateCartRule rule;
  auto s = Quiet();
  s.words.set_quantity = true;
  s.turn.entities.quantity = 3;  // "make it 3"
  EXPECT_FALSE(rule.Decide(s));  // an empty basket has no line to change
  s.cart_empty = false;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kUpdateCart, 0.85));
  auto change = WithProduct();
  change.cart_empty = false;
  change.words.change_line = true;  // "swap that for the 100ml one"
  EXPECT_EQ(rule.Decide(change), Decision(Intent::kUpdateCart, 0.85));
  change.turn.products_from_context = true;  // "change it" names nothing new
  EXPECT_FALSE(rule.Decide(change));
  auto add = s;
  add.words.add = true;  // "add 3 more": an add, not a change
  EXPECT_FALSE(rule.Decide(add));
}

TEST(AddToCartRuleTest, RightAfterAnAddAnAlsoWordWithAProductAddsIt) {
  services::AddToCartRule rule;
  auto s = WithProduct();
  s.words.also = true;           // "and two of the lip balms too"
  EXPECT_FALSE(rule.Decide(s));  // nothing was just added
  s.last_intent = "add_to_cart";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kAddToCart, 0.8));
  auto price = s;
  price.words.price = true;  // "and how much is the lip balm?"
  EXPECT_FALSE(rule.Decide(price));
  auto context = s;
  context.turn.products_from_context = true;
  EXPECT_FALSE(rule.Decide(context));
}

}  // namespace
