// The word table and numeric tokens (services/understanding/entities/lexicon.h).
#include "services/understanding/entities/lexicon.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using services::entities::Lookup;
using services::entities::SplitNumeric;

TEST(EntityLexiconTest, NumericTokens) {
  auto kg = SplitNumeric("2kg");
  EXPECT_TRUE(kg.ok);
  EXPECT_FALSE(kg.pure());
  EXPECT_EQ(kg.value, 2);
  EXPECT_EQ(kg.suffix, "kg");
  auto half = SplitNumeric("2.5");
  EXPECT_TRUE(half.pure());
  EXPECT_EQ(half.value, 2.5);
  EXPECT_EQ(half.decimals, 1);
  EXPECT_EQ(SplitNumeric("10.50").decimals, 2);
  EXPECT_EQ(SplitNumeric("24th").suffix, "th");
  EXPECT_TRUE(SplitNumeric("123456789012").ok);
  for (std::string_view text : {"", "kg", "2.", "2.5.6", ".5", "1234567890123"}) {
    EXPECT_FALSE(SplitNumeric(text).ok) << text;
  }
  EXPECT_FALSE(SplitNumeric(std::string(100 * 1024, '9')).ok);
}

TEST(EntityLexiconTest, WordsAndWhatTheyMean) {
  EXPECT_EQ(Lookup("kilos").unit, "kg");
  EXPECT_EQ(Lookup("pounds").unit, "lb");
  EXPECT_EQ(Lookup("pcs").unit, "each");
  EXPECT_EQ(Lookup("six").number, 6);
  EXPECT_EQ(Lookup("fifty").number, 50);
  EXPECT_EQ(Lookup("sept").month, 9);
  EXPECT_EQ(Lookup("may").month, 5);
  EXPECT_EQ(Lookup("weds").weekday, 2);
  EXPECT_TRUE(Lookup("weds").short_day);  // "she weds"
  EXPECT_EQ(Lookup("tues").weekday, 1);
  EXPECT_FALSE(Lookup("tues").short_day);  // a day wherever it stands
  EXPECT_EQ(Lookup("sundays").weekday, 6);
  EXPECT_FALSE(Lookup("sundays").short_day);
  EXPECT_TRUE(Lookup("ppl").people);
  EXPECT_TRUE(Lookup("hrs").time);
  EXPECT_TRUE(Lookup("tonite").today);
  EXPECT_TRUE(Lookup("2moro").tomorrow);
}

TEST(EntityLexiconTest, UnknownWordsReadAsDefaults) {
  const services::entities::Lexeme& unknown = Lookup("");
  for (std::string_view w : {"steak", "KILOS", "kilo ", "\xFF", "zzzzzz", "a"}) {
    EXPECT_EQ(&Lookup(w), &unknown) << w;
  }
  EXPECT_EQ(unknown.number, 0);
  EXPECT_EQ(unknown.weekday, -1);
  EXPECT_TRUE(unknown.unit.empty());
}

TEST(EntityLexiconTest, Helpers) {
  EXPECT_EQ(services::entities::NumberWord("twelve"), 12);
  EXPECT_FALSE(services::entities::NumberWord("dozen").has_value());
  EXPECT_TRUE(services::entities::IsWeightUnit("grams"));
  EXPECT_FALSE(services::entities::IsWeightUnit("packs"));
  EXPECT_EQ(services::entities::MonthOf("dec"), 12);
  bool abbreviated = false;
  EXPECT_EQ(services::entities::WeekdayOf("sat", &abbreviated), 5);
  EXPECT_TRUE(abbreviated);
  EXPECT_FALSE(services::entities::WeekdayOf("steak", &abbreviated).has_value());
  EXPECT_FALSE(abbreviated);
}

}  // namespace
