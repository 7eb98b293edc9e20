// ScanState (services/understanding/entities/scan_state.h): token access at
// any index, used marks, and ConsumeRaw's cursor.
#include "services/understanding/entities/scan_state.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace {

using services::ExtractionContext;
using services::entities::ScanState;

TEST(EntityScanStateTest, TokensPastTheEndAreEmptyUnknownAndNotFree) {
  const ExtractionContext context;
  ScanState s("two kg", "two kg", context);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.Tok(0), "two");
  EXPECT_EQ(s.Lex(0).number, 2);
  EXPECT_EQ(s.Lex(1).unit, "kg");
  EXPECT_TRUE(s.Free(1));
  for (size_t past : {size_t{2}, SIZE_MAX}) {
    EXPECT_EQ(s.Tok(past), "");
    EXPECT_FALSE(s.Free(past));
    EXPECT_FALSE(s.Num(past).ok);
    EXPECT_TRUE(s.Lex(past).word.empty());
    EXPECT_EQ(s.Lex(past).weekday, -1);
  }
  EXPECT_EQ(s.Before(0), "");
  EXPECT_EQ(s.Before(1), "two");
  EXPECT_EQ(s.Before(1, 2), "");
}

TEST(EntityScanStateTest, TokensAreReadOnce) {
  const ExtractionContext context;
  ScanState s("", "  2kg   sunday 10.50 ", context);
  ASSERT_EQ(s.size(), 3u);  // no empty tokens from repeated spaces
  EXPECT_EQ(s.Num(0).value, 2);
  EXPECT_EQ(s.Num(0).suffix, "kg");
  EXPECT_EQ(s.Lex(1).weekday, 6);
  EXPECT_EQ(s.Num(2).decimals, 2);
}

TEST(EntityScanStateTest, UseMarksAnInclusiveRangeClippedToTheEnd) {
  const ExtractionContext context;
  ScanState s("a b c", "a b c", context);
  s.Use(2, 1);  // empty range
  EXPECT_TRUE(s.Free(1) && s.Free(2));
  s.Use(1, SIZE_MAX);
  EXPECT_TRUE(s.Free(0));
  EXPECT_FALSE(s.Free(1));
  EXPECT_FALSE(s.Free(2));
}

TEST(EntityScanStateTest, ConsumeRawMarksTheBytesAndTheirTokens) {
  const ExtractionContext context;
  std::string raw = "call 07700 900123 now";
  ScanState s(raw, raw, context);
  ScanState::RawCursor cursor;
  s.ConsumeRaw(5, 17, &cursor);
  EXPECT_FALSE(s.RawUsed(4));
  EXPECT_TRUE(s.RawUsed(5));
  EXPECT_TRUE(s.RawUsed(16));
  EXPECT_FALSE(s.RawUsed(17));
  EXPECT_TRUE(s.Free(0));
  EXPECT_FALSE(s.Free(1));
  EXPECT_FALSE(s.Free(2));
  EXPECT_TRUE(s.Free(3));
  EXPECT_EQ(cursor.token, 3u);
  EXPECT_EQ(cursor.raw, 17u);
}

TEST(EntityScanStateTest, ConsumeRawTakesTheFirstFreeMatchFromTheCursor) {
  const ExtractionContext context;
  ScanState s("12:30 or 12:30", "12 30 or 12 30", context);
  ScanState::RawCursor cursor{3, 0};
  s.ConsumeRaw(0, 5, &cursor);
  EXPECT_EQ(cursor.token, 5u);
  EXPECT_TRUE(s.Free(0));
  EXPECT_FALSE(s.Free(3));
  cursor = {};
  s.ConsumeRaw(9, 14, &cursor);  // the first free "12 30" near the cursor, whichever bytes
  EXPECT_EQ(cursor.token, 2u);
  EXPECT_FALSE(s.Free(0));
  ScanState::RawCursor past{2, 0};
  s.ConsumeRaw(0, 5, &past);  // nothing free left to match
  EXPECT_EQ(past.token, 2u);
  EXPECT_TRUE(s.Free(2));
}

TEST(EntityScanStateTest, ConsumeRawWithoutAMatchMarksOnlyTheBytes) {
  const ExtractionContext context;
  ScanState s("24/7x", "24 7x", context);
  ScanState::RawCursor cursor;
  s.ConsumeRaw(0, 4, &cursor);
  EXPECT_TRUE(s.RawUsed(3));
  EXPECT_FALSE(s.RawUsed(4));
  EXPECT_TRUE(s.Free(0));
  EXPECT_TRUE(s.Free(1));
  EXPECT_EQ(cursor.token, 0u);
}

TEST(EntityScanStateTest, EmptyMessage) {
  const ExtractionContext context;
  ScanState s("", "", context);
  EXPECT_EQ(s.size(), 0u);
  ScanState::RawCursor cursor;
  s.ConsumeRaw(0, 0, &cursor);
  EXPECT_EQ(cursor.token, 0u);
  EXPECT_FALSE(s.Free(0));
}

TEST(EntityScanStateTest, TakeFoundReturnsWhatTheScannersFilled) {
  const ExtractionContext context;
  ScanState s("x", "x", context);
  s.found().email = "jo@shop.com";
  s.found().weekday = 3;
  services::Entities e = s.TakeFound();
  EXPECT_EQ(e.email, "jo@shop.com");
  EXPECT_EQ(e.weekday, 3);
}

TEST(EntityScanStateTest, ConsumeRawLooksOnlyNearTheCursor) {
  // "24/12,24/12" normalises to "24 1224 12" in context: nothing matches
  // "24 12", and a long run of such failures must not rescan the message.
  const ExtractionContext context;
  std::string raw = "a 24/12 b 24/12";
  ScanState s(raw, "a 24 12 b 24 12", context);
  ScanState::RawCursor cursor;
  s.ConsumeRaw(2, 7, &cursor);
  EXPECT_EQ(cursor.token, 3u);
  s.ConsumeRaw(10, 15, &cursor);
  EXPECT_FALSE(s.Free(4));
  EXPECT_FALSE(s.Free(5));
  const std::string far_raw = "24/12 " + std::string(200, 'x') + " 24/12";
  const std::string far_normalized = "24 12 " + std::string(200, 'x') + " 24 12";
  ScanState far(far_raw, far_normalized, context);  // keeps views: the strings outlive it
  ScanState::RawCursor fresh;
  far.ConsumeRaw(0, 5, &fresh);
  EXPECT_FALSE(far.Free(0));
  EXPECT_TRUE(far.Free(3));  // the other "24 12" is not the text consumed
}

}  // namespace
