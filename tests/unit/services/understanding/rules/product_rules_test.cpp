#include "services/understanding/rules/product_rules.h"

#include <gtest/gtest.h>

#include "test_signals.h"

namespace {

using namespace rules_test;
using services::Intent;

TEST(PartyBundleRuleTest, ABundleWithAPartySizeOrABundleWord) {
  services::PartyBundleRule rule;
  auto s = Quiet();
  s.turn.bundle = &kBbqPack;
  EXPECT_FALSE(rule.Decide(s));
  s.turn.entities.people = 10;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSalesBundle, 0.9));
  s.turn.entities.people.reset();
  s.words.bundle = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSalesBundle, 0.9));
  auto no_bundle = Quiet();
  no_bundle.turn.entities.people = 10;
  EXPECT_FALSE(rule.Decide(no_bundle));
}

TEST(CategoryOnlyRuleTest, EveryProductWordNamesTheCategory) {
  services::CategoryOnlyRule rule;
  auto s = Quiet();
  s.turn.category = &kLamb;
  s.category_only = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBrowseCategory, 0.85));
  auto exact = WithProduct(s);
  exact.turn.exact_product = true;
  EXPECT_FALSE(rule.Decide(exact));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(PriceAndStockRulesTest, APriceOrStockQuestionAboutProductsOrACategory) {
  services::PriceRule price;
  services::StockRule stock;
  auto s = WithProduct();
  s.words.price = true;
  EXPECT_EQ(price.Decide(s), Decision(Intent::kPriceCheck, 0.9));
  EXPECT_FALSE(stock.Decide(s));
  s = Quiet();
  s.turn.category = &kLamb;
  s.words.stock = true;
  EXPECT_EQ(stock.Decide(s), Decision(Intent::kStockCheck, 0.7));
  s.words.price = true;
  EXPECT_EQ(price.Decide(s), Decision(Intent::kPriceCheck, 0.7));
  auto nothing_named = Quiet();
  nothing_named.words.price = true;
  nothing_named.words.stock = true;
  EXPECT_FALSE(price.Decide(nothing_named));
  EXPECT_FALSE(stock.Decide(nothing_named));
}

TEST(StockRuleTest, AStrongFaqAnswersInstead) {
  services::StockRule rule;
  auto s = WithProduct(WithFaq(0.9));
  s.words.stock = true;
  EXPECT_FALSE(rule.Decide(s));
}

TEST(BundleRuleTest, ABundleNamedWithoutProducts) {
  services::BundleRule rule;
  auto s = Quiet();
  s.turn.bundle = &kBbqPack;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSalesBundle, 0.7));
  EXPECT_FALSE(rule.Decide(WithProduct(s)));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(BrowseCategoryRuleTest, ACategoryWithoutAProductNamedInSeveralWords) {
  services::BrowseCategoryRule rule;
  auto s = Quiet();
  s.turn.category = &kLamb;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kBrowseCategory, 0.8));
  auto one_word = WithProduct(s);
  one_word.turn.product_phrase = "lamb";
  EXPECT_FALSE(rule.Decide(one_word));  // a product, and no browse word
  one_word.words.browse = true;         // "what lamb do you have"
  EXPECT_EQ(rule.Decide(one_word), Decision(Intent::kBrowseCategory, 0.8));
  auto named = one_word;
  named.turn.product_phrase = "lamb chops";
  EXPECT_FALSE(rule.Decide(named));
}

TEST(BrowseCategoryRuleTest, QuietNextToSomethingTheShopHasNoWordFor) {
  services::BrowseCategoryRule rule;
  auto s = Quiet();
  s.turn.category = &kLamb;
  s.turn.missing_words = "kayak";  // "rent a kayak"
  EXPECT_FALSE(rule.Decide(s));
  s.category_only = true;
  EXPECT_TRUE(rule.Decide(s));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(NamedProductRuleTest, ThePriceWhenAskedElseTheProducts) {
  services::NamedProductRule rule;
  auto s = WithProduct();
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSearchProduct, 0.85));
  s.turn.corrected_query = "lamb shoulder";
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSearchProduct, 0.7));
  s.words.price = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kPriceCheck, 0.85));
  auto context = WithProduct();
  context.turn.products_from_context = true;
  EXPECT_FALSE(rule.Decide(context));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(ProductFromContextRuleTest, PriceOrStockOfTheLastTurnsProducts) {
  services::ProductFromContextRule rule;
  auto s = WithProduct();
  s.turn.products_from_context = true;
  EXPECT_FALSE(rule.Decide(s));
  s.words.stock = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kStockCheck, 0.8));
  s.words.price = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kPriceCheck, 0.8));
  auto named = WithProduct();
  named.words.price = true;
  EXPECT_FALSE(rule.Decide(named));
}

TEST(NotSoldRuleTest, AFewUnknownWordsInAShortMessage) {
  services::NotSoldRule rule;
  auto s = Quiet();
  s.turn.missing_words = "venison";
  s.knows_some = true;  // "venison steaks?"
  s.word_count = 2;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSearchProduct, 0.6));
  auto longer = s;
  longer.word_count = 4;
  EXPECT_FALSE(rule.Decide(longer));
  longer.words.price = true;  // "how much are venison steaks"
  EXPECT_TRUE(rule.Decide(longer));
  auto three = s;
  three.turn.missing_words = "venison ostrich emu";
  EXPECT_FALSE(rule.Decide(three));
  auto unknown = s;
  unknown.knows_some = false;  // "asdf"
  EXPECT_FALSE(rule.Decide(unknown));
  auto faq = WithFaq(0.6, s);
  EXPECT_FALSE(rule.Decide(faq));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(VagueProductQuestionRuleTest, APriceOrStockQuestionAboutNothingNamed) {
  services::VagueProductQuestionRule rule;
  auto s = Quiet();
  s.words.price = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSearchProduct, 0.4));
  auto context = WithProduct(s);
  context.turn.products_from_context = true;
  EXPECT_EQ(rule.Decide(context), Decision(Intent::kPriceCheck, 0.4));
  EXPECT_FALSE(rule.Decide(Quiet()));
}

TEST(UnresolvedReferenceRuleTest, APriceOrStockQuestionAboutNothingShownAsksWhich) {
  services::UnresolvedReferenceRule rule;
  auto s = Quiet();
  s.turn.unresolved_reference = true;  // "what does that one cost?" as the first message
  EXPECT_FALSE(rule.Decide(s));        // no price or stock question
  s.words.price = true;
  EXPECT_EQ(rule.Decide(s), Decision(Intent::kSearchProduct, 0.7));
  auto named = WithProduct(s);  // "how much is that lamb chop one?"
  EXPECT_FALSE(rule.Decide(named));
  auto plain = Quiet();
  plain.words.stock = true;  // "is lamb in stock?" refers to nothing
  EXPECT_FALSE(rule.Decide(plain));
}

}  // namespace
