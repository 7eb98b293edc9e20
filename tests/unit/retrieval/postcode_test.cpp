#include "retrieval/postcode.h"

#include <gtest/gtest.h>

namespace {

using retrieval::ParsePostcode;
using retrieval::PostcodeSystem;

constexpr auto kUk = PostcodeSystem::kUk;
constexpr auto kUs = PostcodeSystem::kUsZip;

void ExpectUk(std::string_view text, std::string_view normalized, std::string_view outward, bool full) {
  auto code = ParsePostcode(text, kUk);
  ASSERT_TRUE(code.has_value()) << text;
  EXPECT_EQ(code->normalized, normalized) << text;
  EXPECT_EQ(code->outward, outward) << text;
  EXPECT_EQ(code->full, full) << text;
}

TEST(PostcodeTest, UkFullCodesInEveryOutwardShape) {
  ExpectUk("M1 1AE", "M1 1AE", "M1", true);        // A9
  ExpectUk("B33 8TH", "B33 8TH", "B33", true);     // A99
  ExpectUk("LS6 1AB", "LS6 1AB", "LS6", true);     // AA9
  ExpectUk("DN55 1PT", "DN55 1PT", "DN55", true);  // AA99
  ExpectUk("W1A 0AX", "W1A 0AX", "W1A", true);     // A9A
  ExpectUk("EC1A 1BB", "EC1A 1BB", "EC1A", true);  // AA9A
}

TEST(PostcodeTest, UkAnyCaseAndSpacing) {
  ExpectUk("ls61ab", "LS6 1AB", "LS6", true);
  ExpectUk("  sw1a 1aa ", "SW1A 1AA", "SW1A", true);
  ExpectUk("Ls6   1aB", "LS6 1AB", "LS6", true);
  ExpectUk("ec1a1bb", "EC1A 1BB", "EC1A", true);
}

TEST(PostcodeTest, UkOutwardOnly) {
  ExpectUk("ls6", "LS6", "LS6", false);
  ExpectUk("SW1A", "SW1A", "SW1A", false);
  ExpectUk("m1", "M1", "M1", false);
  ExpectUk("B33", "B33", "B33", false);
  ExpectUk("dn55", "DN55", "DN55", false);
  ExpectUk("w1a", "W1A", "W1A", false);
}

TEST(PostcodeTest, UkRejectsOtherShapes) {
  for (std::string_view bad : {"LS", "123", "ABCDE", "LS6 1A", "", "   ", "L", "6LS", "LS6 1ABC", "LSS6 1AB", "LS6-1AB",
                               "LS6 AAB", "LS6 11B", "ls6!", "97214", "SW1AA", "LS6 1AB X"}) {
    EXPECT_FALSE(ParsePostcode(bad, kUk).has_value()) << "'" << bad << "'";
  }
}

TEST(PostcodeTest, UsZipCodes) {
  for (std::string_view text : {"97214", " 97214 ", "97214-1234", "97214 1234", "97214 - 1234", "97214\t1234"}) {
    auto code = ParsePostcode(text, kUs);
    ASSERT_TRUE(code.has_value()) << text;
    EXPECT_EQ(code->normalized, "97214") << text;
    EXPECT_EQ(code->outward, "97214") << text;
    EXPECT_TRUE(code->full) << text;
  }
  EXPECT_EQ(ParsePostcode("02134", kUs)->normalized, "02134");  // leading zero kept
}

TEST(PostcodeTest, UsRejectsOtherShapes) {
  for (std::string_view bad : {"9721", "972145", "97214-123", "97214-12345", "97214-", "ABCDE", "9721A", "", "97214x",
                               "972141234", "97214--1234", "LS6 1AB"}) {
    EXPECT_FALSE(ParsePostcode(bad, kUs).has_value()) << "'" << bad << "'";
  }
}

TEST(PostcodeTest, SystemsDoNotMix) {
  EXPECT_FALSE(ParsePostcode("LS6 1AB", kUs).has_value());
  EXPECT_FALSE(ParsePostcode("97214", kUk).has_value());
}

}  // namespace
