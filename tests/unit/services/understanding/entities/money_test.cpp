// Money and budget scanner (services/understanding/entities/money.h), through
// ExtractEntities.
#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using core::Money;
using entities_test::E;
using entities_test::Gbp;
using entities_test::Repeat;
using entities_test::Us;
using entities_test::Usd;

TEST(EntityMoneyTest, AmountsInEveryForm) {
  EXPECT_EQ(E("£10").amount, Gbp(1000));
  EXPECT_EQ(E("is it 10 pounds").amount, Gbp(1000));
  EXPECT_EQ(E("$15", Us()).amount, Usd(1500));
  EXPECT_EQ(E("15 dollars").amount, Usd(1500));  // the word names the currency
  EXPECT_EQ(E("15 bucks", Us()).amount, Usd(1500));
  EXPECT_EQ(E("it was 10.50").amount, Gbp(1050));
  EXPECT_EQ(E("it was 10.50", Us()).amount, Usd(1050));
  EXPECT_EQ(E("£1,299").amount, Gbp(129900));
  EXPECT_EQ(E("£5.99 each").amount, Gbp(599));
  EXPECT_EQ(E("50p").amount, Gbp(50));
  EXPECT_EQ(E("€12.50").amount, (Money{1250, "EUR"}));
  EXPECT_EQ(E("20 quid").amount, Gbp(2000));
  EXPECT_EQ(E("under a tenner").budget_max, Gbp(1000));
}

TEST(EntityMoneyTest, PoundsAreMoneyInAPoundShopButWeightElsewhere) {
  auto uk = E("10 pounds");
  EXPECT_EQ(uk.amount, Gbp(1000));
  EXPECT_FALSE(uk.quantity.has_value());

  auto uk_weight = E("2 pounds of mince");
  EXPECT_FALSE(uk_weight.amount.has_value());
  EXPECT_EQ(uk_weight.quantity, 2);
  EXPECT_EQ(uk_weight.quantity_unit, "lb");

  auto us = E("10 pounds of brisket", Us());
  EXPECT_FALSE(us.amount.has_value());
  EXPECT_EQ(us.quantity, 10);
  EXPECT_EQ(us.quantity_unit, "lb");
}

TEST(EntityMoneyTest, BudgetCeilings) {
  auto e = E("under 15 dollars");
  EXPECT_EQ(e.budget_max, Usd(1500));
  EXPECT_FALSE(e.amount.has_value());
  EXPECT_FALSE(e.quantity.has_value());

  EXPECT_EQ(E("something under £20").budget_max, Gbp(2000));
  EXPECT_EQ(E("less than 15 dollars", Us()).budget_max, Usd(1500));
  EXPECT_EQ(E("max $50", Us()).budget_max, Usd(5000));
  EXPECT_EQ(E("below 10").budget_max, Gbp(1000));
  EXPECT_EQ(E("up to £30").budget_max, Gbp(3000));
  EXPECT_EQ(E("cheaper than £8").budget_max, Gbp(800));
  EXPECT_EQ(E("no more than £40").budget_max, Gbp(4000));
  EXPECT_EQ(E("£50 max").budget_max, Gbp(5000));
  EXPECT_EQ(E("£25 or less").budget_max, Gbp(2500));
  EXPECT_EQ(E("my budget is 60").budget_max, Gbp(6000));
}

TEST(EntityMoneyTest, BudgetFloors) {
  EXPECT_EQ(E("over £20").budget_min, Gbp(2000));
  EXPECT_EQ(E("more than $100", Us()).budget_min, Usd(10000));
  EXPECT_EQ(E("at least 30").budget_min, Gbp(3000));
  EXPECT_EQ(E("above £15").budget_min, Gbp(1500));
  EXPECT_FALSE(E("over £20").budget_max.has_value());
}

TEST(EntityMoneyTest, BudgetRange) {
  auto e = E("between £10 and £20");
  EXPECT_EQ(e.budget_min, Gbp(1000));
  EXPECT_EQ(e.budget_max, Gbp(2000));
  auto us = E("between 10 and 20 dollars", Us());
  EXPECT_EQ(us.budget_min, Usd(1000));
  EXPECT_EQ(us.budget_max, Usd(2000));
}

TEST(EntityMoneyTest, BudgetWordsBeforeCountsAreNotMoney) {
  auto e = E("more than 2 steaks");
  EXPECT_FALSE(e.budget_min.has_value());
  EXPECT_EQ(e.quantity, 2);
  auto weight = E("under 5 kg");
  EXPECT_FALSE(weight.budget_max.has_value());
  EXPECT_EQ(weight.quantity, 5);
  EXPECT_FALSE(E("over 6 people").budget_min.has_value());
  EXPECT_EQ(E("over 6 people").people, 6);
}

TEST(EntityMoneyTest, CurrencyWordsAloneAreNothing) {
  for (std::string_view text : {"£", "$", "€", "£ £ £", "$$$", "p", "quid", "cents"}) {
    EXPECT_TRUE(entities_test::Nothing(E(text))) << text;
  }
}

TEST(EntityMoneyTest, CuesTurnedAround) {
  EXPECT_EQ(E("no less than £10").budget_min, Gbp(1000));
  EXPECT_EQ(E("not more than £40").budget_max, Gbp(4000));
  EXPECT_EQ(E("£25 and up").budget_min, Gbp(2500));
  EXPECT_EQ(E("£30 plus").budget_min, Gbp(3000));
  EXPECT_EQ(E("at most £20").budget_max, Gbp(2000));
  EXPECT_EQ(E("maximum of £20").budget_max, Gbp(2000));
  EXPECT_EQ(E("budget of 50").budget_max, Gbp(5000));
}

TEST(EntityMoneyTest, IncompleteRangesAreNoRange) {
  for (std::string_view text : {"between", "between 10", "between 10 and", "between and 20", "between £10 and"}) {
    auto e = E(text);
    EXPECT_FALSE(e.budget_min || e.budget_max) << text;
  }
  EXPECT_EQ(E("between £10 and").amount, Gbp(1000));
}

TEST(EntityMoneyTest, EachSlotKeepsTheFirstAmount) {
  EXPECT_EQ(E("£10 or £20").amount, Gbp(1000));
  EXPECT_EQ(E("under £20 or under £30").budget_max, Gbp(2000));
  auto both = E("£5 under £20");
  EXPECT_EQ(both.amount, Gbp(500));
  EXPECT_EQ(both.budget_max, Gbp(2000));
}

TEST(EntityMoneyTest, TheDollarSignFollowsTheShop) {
  services::ExtractionContext cad = Us();
  cad.currency = "CAD";
  EXPECT_EQ(E("$10", cad).amount, (Money{1000, "CAD"}));
  EXPECT_EQ(E("5 cents", cad).amount, (Money{5, "CAD"}));
  EXPECT_EQ(E("10 dollars", cad).amount, Usd(1000));  // the word names US dollars
  EXPECT_EQ(E("5 cents").amount, Usd(5));             // a pound shop has no cents of its own
}

TEST(EntityMoneyTest, TwoDecimalsBeforeAWeightAreAWeight) {
  auto e = E("10.50 kg");
  EXPECT_FALSE(e.amount.has_value());
  EXPECT_EQ(e.quantity, 10.5);
  EXPECT_EQ(e.quantity_unit, "kg");
}

TEST(EntityMoneyTest, NumbersTooLongForMoney) {
  EXPECT_FALSE(E("£1234567890123").amount.has_value());
  EXPECT_FALSE(E("£" + std::string(100 * 1024, '9')).amount.has_value());
  EXPECT_EQ(E(Repeat("£10 ", 20 * 1024)).amount, Gbp(1000));
  EXPECT_FALSE(E(Repeat("between ", 20 * 1024)).budget_min.has_value());
}

}  // namespace
