// Postcode and ZIP scanners (services/understanding/entities/postcodes.h),
// through ExtractEntities.
#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using entities_test::E;
using entities_test::Repeat;
using entities_test::Uk;
using entities_test::Us;
using entities_test::Usd;

TEST(EntityPostcodeTest, UkFullPostcodeAnywhere) {
  auto e = E("Do you deliver to LS6 1AB on Friday?");
  ASSERT_TRUE(e.postcode.has_value());
  EXPECT_EQ(e.postcode->normalized, "LS6 1AB");
  EXPECT_EQ(e.postcode->outward, "LS6");
  EXPECT_TRUE(e.postcode->full);

  EXPECT_EQ(E("my address is 3 Elm Road ls61ab thanks").postcode->normalized, "LS6 1AB");
  EXPECT_EQ(E("sw1a 1aa").postcode->normalized, "SW1A 1AA");
  EXPECT_EQ(E("ribeye x2, ec1a 1bb").postcode->normalized, "EC1A 1BB");
}

TEST(EntityPostcodeTest, UkOutwardOnlyNeedsADeliveryWordOrToStandAlone) {
  EXPECT_EQ(E("do you deliver to ls6?").postcode->normalized, "LS6");
  EXPECT_FALSE(E("do you deliver to ls6?").postcode->full);
  EXPECT_EQ(E("I'm in LS6").postcode->normalized, "LS6");
  EXPECT_EQ(E("LS6 delivery cost?").postcode->normalized, "LS6");
  EXPECT_EQ(E("what about the M1 area").postcode->normalized, "M1");
  EXPECT_EQ(E("my postcode is b33").postcode->normalized, "B33");
  EXPECT_EQ(E("LS6").postcode->normalized, "LS6");

  EXPECT_FALSE(E("a1 steak please").postcode.has_value());
  EXPECT_FALSE(E("is the A1 sauce good with b12 burgers").postcode.has_value());
}

TEST(EntityPostcodeTest, UkOutwardCodeInTextSpeakOrAnotherScript) {
  ASSERT_TRUE(E("do u deliver 2 ls6").postcode.has_value());
  EXPECT_EQ(E("do u deliver 2 ls6").postcode->normalized, "LS6");
  // Arabic "do you deliver to LS6?": the code is the only word we read.
  ASSERT_TRUE(E("هل توصلون إلى LS6؟").postcode.has_value());
  EXPECT_EQ(E("هل توصلون إلى LS6؟").postcode->normalized, "LS6");
  EXPECT_FALSE(E("2 a1 steaks").postcode.has_value());
  EXPECT_FALSE(E("المنتج a1 steak").postcode.has_value());
}

TEST(EntityPostcodeTest, UkNonPostcodes) {
  EXPECT_FALSE(E("I want 2kg of mince").postcode.has_value());
  EXPECT_FALSE(E("123 ABCDE").postcode.has_value());
  EXPECT_FALSE(E("a1 2kg please").postcode.has_value());  // a weight, not "A1 2KG"
  EXPECT_FALSE(E("deliver to 97214").postcode.has_value());
}

TEST(EntityPostcodeTest, UsZipAnywhere) {
  auto e = E("Can you ship to 97214?", Us());
  ASSERT_TRUE(e.postcode.has_value());
  EXPECT_EQ(e.postcode->normalized, "97214");
  EXPECT_TRUE(e.postcode->full);
  EXPECT_FALSE(e.quantity.has_value());

  EXPECT_EQ(E("zip 97214-1234 please", Us()).postcode->normalized, "97214");
  EXPECT_FALSE(E("zip 97214-1234 please", Us()).quantity.has_value());
  EXPECT_FALSE(E("deliver to LS6 1AB", Us()).postcode.has_value());
}

TEST(EntityPostcodeTest, UsZipIsNotMoneyOrAQuantity) {
  auto price = E("is there a bike for $12000", Us());
  EXPECT_FALSE(price.postcode.has_value());
  EXPECT_EQ(price.amount, Usd(1200000));

  auto dollars = E("I can pay 15000 dollars", Us());
  EXPECT_FALSE(dollars.postcode.has_value());
  EXPECT_EQ(dollars.amount, Usd(1500000));

  auto weight = E("10000 lbs of feed", Us());
  EXPECT_FALSE(weight.postcode.has_value());
  EXPECT_EQ(weight.quantity, 10000);
  EXPECT_EQ(weight.quantity_unit, "lb");
}

TEST(EntityPostcodeTest, TheOtherSystemsCodesAreIgnored) {
  EXPECT_FALSE(E("LS6 1AB", Us()).postcode.has_value());
  EXPECT_FALSE(E("ls6", Us()).postcode.has_value());
  EXPECT_FALSE(E("97214").postcode.has_value());
}

TEST(EntityPostcodeTest, TheFirstFullPostcodeIsKept) {
  EXPECT_EQ(E("deliver to ls6 1ab and m1 1ae").postcode->normalized, "LS6 1AB");
  EXPECT_EQ(E("deliver to LS6 1LB").postcode->normalized, "LS6 1LB");
}

TEST(EntityPostcodeTest, UncuedOutwardCodes) {
  EXPECT_FALSE(E("ls6 ls7").postcode.has_value());
  EXPECT_FALSE(E("hello ls6").postcode.has_value());
  EXPECT_FALSE(E("x2").postcode.has_value());  // a quantity
}

TEST(EntityPostcodeTest, ZipShapes) {
  EXPECT_FALSE(E("972141", Us()).postcode.has_value());
  EXPECT_FALSE(E("9721", Us()).postcode.has_value());
  EXPECT_FALSE(E("97214 people", Us()).postcode.has_value());
  EXPECT_EQ(E("97214 1234", Us()).postcode->normalized, "97214");
}

TEST(EntityPostcodeTest, LongMessagesOfCodes) {
  EXPECT_FALSE(E(Repeat("a1 ", 30 * 1024)).postcode.has_value());
  EXPECT_EQ(E(Repeat("هل ", 20 * 1024) + "ls6").postcode->normalized, "LS6");
  EXPECT_FALSE(E(Repeat("هل ", 20 * 1024) + Repeat("a1 ", 20 * 1024)).postcode.has_value());
  EXPECT_FALSE(E(Repeat("97214 lbs ", 10 * 1024), Us()).postcode.has_value());
  EXPECT_EQ(E(Repeat("steak ", 20 * 1024) + "deliver to ls6", Uk()).postcode->normalized, "LS6");
}

TEST(EntityPostcodeTest, UkOutwardCodeBeforeAPostpositionAndADeliveryWord) {
  auto e = E("kya aap BS5 mein deliver karte hain?");
  ASSERT_TRUE(e.postcode.has_value());
  EXPECT_EQ(e.postcode->normalized, "BS5");
  EXPECT_FALSE(E("a1 mein steak").postcode.has_value());
}

}  // namespace
