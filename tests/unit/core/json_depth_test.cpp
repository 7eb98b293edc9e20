#include "core/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace {

std::string NestedObjects(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "{\"a\":";
  s += "1";
  s.append(n, '}');
  return s;
}

TEST(JsonDepthTest, CountsArraysAndObjectsTogether) {
  EXPECT_TRUE(core::JsonNestingWithin("{}", 1));
  EXPECT_FALSE(core::JsonNestingWithin("{\"a\":[]}", 1));
  EXPECT_TRUE(core::JsonNestingWithin("{\"a\":[]}", 2));
  EXPECT_TRUE(core::JsonNestingWithin("[1,[2],{\"b\":3}]", 2));
  EXPECT_FALSE(core::JsonNestingWithin("[[[0]]]", 2));
}

TEST(JsonDepthTest, SiblingsDoNotAddUp) {
  std::string wide = "[";
  for (int i = 0; i < 1000; ++i) wide += "[1],";
  wide += "[2]]";
  EXPECT_TRUE(core::JsonNestingWithin(wide, 2));
}

TEST(JsonDepthTest, BracketsInsideStringsDoNotCount) {
  EXPECT_TRUE(core::JsonNestingWithin(R"({"message":"[[[[{{{{"})", 1));
  // An escaped quote does not end the string.
  EXPECT_TRUE(core::JsonNestingWithin(R"({"m":"say \"[[[[\" now"})", 1));
  // An escaped backslash does end it before the quote.
  EXPECT_FALSE(core::JsonNestingWithin(R"({"m":"\\",  "n":[[1]]})", 2));
}

TEST(JsonDepthTest, DefaultLimitAcceptsSixtyFourAndRefusesDeeper) {
  EXPECT_TRUE(core::JsonNestingWithin(NestedObjects(core::kMaxJsonDepth)));
  EXPECT_FALSE(core::JsonNestingWithin(NestedObjects(core::kMaxJsonDepth + 1)));
  EXPECT_FALSE(core::JsonNestingWithin(NestedObjects(60000)));
  EXPECT_FALSE(core::JsonNestingWithin(std::string(250000, '[') + std::string(250000, ']')));
}

}  // namespace
