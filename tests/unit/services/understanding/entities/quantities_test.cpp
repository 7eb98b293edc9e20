// Quantity and party-size scanners (services/understanding/entities/quantities.h),
// through ExtractEntities.
#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using entities_test::E;
using entities_test::Repeat;

TEST(EntityQuantityTest, QuantityAndPeopleTogether) {
  auto e = E("2kg of mince for 6 people");
  EXPECT_EQ(e.quantity, 2);
  EXPECT_EQ(e.quantity_unit, "kg");
  EXPECT_EQ(e.people, 6);

  auto steaks = E("6 steaks for 4 people");
  EXPECT_EQ(steaks.quantity, 6);
  EXPECT_EQ(steaks.quantity_unit, "");
  EXPECT_EQ(steaks.people, 4);
}

TEST(EntityQuantityTest, PeoplePatterns) {
  EXPECT_EQ(E("bbq box for 6").people, 6);
  EXPECT_FALSE(E("bbq box for 6").quantity.has_value());
  EXPECT_EQ(E("something for six").people, 6);
  EXPECT_EQ(E("what feeds 8?").people, 8);
  EXPECT_EQ(E("party of 10 on saturday").people, 10);
  EXPECT_EQ(E("6 guests").people, 6);
  EXPECT_EQ(E("there are 5 of us").people, 5);
  EXPECT_EQ(E("12 ppl").people, 12);
  EXPECT_EQ(E("serves 4").people, 4);
  EXPECT_EQ(E("4 adults and 2 kids").people, 6);
  EXPECT_EQ(E("a table for two tomorrow").people, 2);
  EXPECT_EQ(E("we're 6, need burgers").people, 6);
}

TEST(EntityQuantityTest, NotPeople) {
  EXPECT_FALSE(E("open for 2 hours").people.has_value());
  EXPECT_FALSE(E("3 for 10").people.has_value());
  EXPECT_FALSE(E("for 6pm").people.has_value());
  EXPECT_FALSE(E("I need 6 burgers").people.has_value());
  EXPECT_FALSE(E("for 2kg").people.has_value());
  EXPECT_FALSE(E("price for 3?").people.has_value());
  EXPECT_EQ(E("price for 3?").quantity, 3);
}

TEST(EntityQuantityTest, QuantityPatterns) {
  auto q = [](std::string_view text) {
    auto e = E(text);
    return std::make_pair(e.quantity.value_or(-1), e.quantity_unit);
  };
  EXPECT_EQ(q("500g of bacon"), std::make_pair(500.0, std::string("g")));
  EXPECT_EQ(q("1.5 kilos"), std::make_pair(1.5, std::string("kg")));
  EXPECT_EQ(q("2 lbs"), std::make_pair(2.0, std::string("lb")));
  EXPECT_EQ(q("two ribeyes"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("a dozen eggs"), std::make_pair(12.0, std::string("")));
  EXPECT_EQ(q("dozen sausages"), std::make_pair(12.0, std::string("")));
  EXPECT_EQ(q("two dozen wings"), std::make_pair(24.0, std::string("")));
  EXPECT_EQ(q("half a kilo of mince"), std::make_pair(0.5, std::string("kg")));
  EXPECT_EQ(q("a kilo of mince"), std::make_pair(1.0, std::string("kg")));
  EXPECT_EQ(q("3 packs of sausages"), std::make_pair(3.0, std::string("pack")));
  EXPECT_EQ(q("ribeye x2"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("4 pieces"), std::make_pair(4.0, std::string("each")));
  EXPECT_EQ(q("I want 3"), std::make_pair(3.0, std::string("")));
  EXPECT_EQ(q("2,5 kg"), std::make_pair(2.5, std::string("kg")));
  EXPECT_EQ(q("1 and a half kilos"), std::make_pair(1.5, std::string("kg")));
  EXPECT_EQ(q("1/2 kg of mince"), std::make_pair(0.5, std::string("kg")));
  EXPECT_EQ(q("1 1/2 lb brisket"), std::make_pair(1.5, std::string("lb")));
}

TEST(EntityQuantityTest, NumbersThatAreNotQuantities) {
  EXPECT_FALSE(E("open at 6pm?").quantity.has_value());
  EXPECT_FALSE(E("collect at 6:30").quantity.has_value());
  EXPECT_FALSE(E("order number 12345").quantity.has_value());
  EXPECT_FALSE(E("the red one").quantity.has_value());
  EXPECT_FALSE(E("delivery in 2 days").quantity.has_value());
  EXPECT_FALSE(E("£20").quantity.has_value());
}

TEST(EntityQuantityTest, CountWords) {
  auto q = [](std::string_view text) {
    auto e = E(text);
    return std::make_pair(e.quantity.value_or(-1), e.quantity_unit);
  };
  EXPECT_EQ(q("a couple of steaks"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("half a dozen"), std::make_pair(6.0, std::string("")));
  EXPECT_EQ(q("2 x"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("x2 x3"), std::make_pair(2.0, std::string("")));  // the first one
  EXPECT_EQ(q("quarter of a pound"), std::make_pair(0.25, std::string("lb")));
  EXPECT_EQ(q("an ounce"), std::make_pair(1.0, std::string("oz")));
}

TEST(EntityQuantityTest, CountsOutOfRange) {
  auto big_party = E("for 1001");
  EXPECT_FALSE(big_party.people.has_value());
  EXPECT_EQ(big_party.quantity, 1001);
  EXPECT_FALSE(E("100001 burgers").quantity.has_value());
  EXPECT_FALSE(E("since 2019").quantity.has_value());
  for (std::string_view text : {"x", "2.5.6kg", "half", "a", "dozen of"}) {
    EXPECT_FALSE(E(text).people.has_value()) << text;
  }
}

TEST(EntityQuantityTest, PartyListsAddUp) {
  EXPECT_EQ(E("4 adults and 2 kids and 1 guest").people, 7);
  auto e = E("4 adults" + Repeat(" and 2 kids", 20 * 1024));
  EXPECT_EQ(e.people, 4 + 2 * 20 * 1024);
  EXPECT_FALSE(e.quantity.has_value());
}

TEST(EntityQuantityTest, LongMessagesKeepTheFirstQuantity) {
  auto e = E(Repeat("2kg ", 25 * 1024));
  EXPECT_EQ(e.quantity, 2);
  EXPECT_EQ(e.quantity_unit, "kg");
  EXPECT_FALSE(E(std::string(100 * 1024, 'x')).quantity.has_value());
  EXPECT_EQ(E(Repeat("half a ", 20 * 1024) + "kilo").quantity, 0.5);
}

TEST(EntityQuantityTest, AbsurdQuantitiesAreRefused) {
  for (std::string_view text :
       {"x99999999999999999999", "99999999999999999999 roses", "add x100001", "100001kg of mince", "x0", "0 kg"}) {
    auto e = E(text);
    EXPECT_FALSE(e.quantity.has_value()) << text << " -> " << e.quantity.value_or(-1);
  }
  EXPECT_EQ(E("x100000").quantity, 100000);
  EXPECT_EQ(E("x99999999999999999999 and 2 roses").quantity, 2);  // the refused one counts nothing
}

TEST(EntityQuantityTest, ARangeOfPeopleIsItsUpperEnd) {
  for (std::string_view text : {"between 10 and 20 people", "for between 10 and 20 guests", "10 to 20 people",
                                "10-20 people", "a bouquet for 10 or 12"}) {
    auto e = E(text);
    EXPECT_EQ(e.people, text.find("12") != std::string_view::npos ? 12 : 20) << text;
    EXPECT_FALSE(e.quantity.has_value()) << text << " -> " << e.quantity.value_or(-1);
  }
  EXPECT_EQ(E("4 adults and 2 kids").people, 6);  // a sum, not a range
  EXPECT_EQ(E("3 for 10").people, std::nullopt);
}

}  // namespace
