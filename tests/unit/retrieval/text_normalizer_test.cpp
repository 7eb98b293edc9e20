#include "retrieval/text_normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using retrieval::EditDistance;
using retrieval::SplitTokens;
using retrieval::TextNormalizer;

std::string N(std::string_view text) { return TextNormalizer().Normalize(text); }

TEST(TextNormalizerTest, ContractExample) { EXPECT_EQ(N("Crème  Brûlée, 2.5KG!!"), "creme brulee 2.5kg"); }

TEST(TextNormalizerTest, LowercasesAndCollapsesSeparators) {
  EXPECT_EQ(N("  Hello,   WORLD!  "), "hello world");
  EXPECT_EQ(N("ribeye\t\nsteak"), "ribeye steak");
  EXPECT_EQ(N("a--b__c//d"), "a b c d");
  EXPECT_EQ(N(""), "");
  EXPECT_EQ(N("?!..,,"), "");
}

TEST(TextNormalizerTest, StripsAccents) {
  EXPECT_EQ(N("Café JALAPEÑO naïve façade"), "cafe jalapeno naive facade");
  EXPECT_EQ(N("Ångström Øre Łódź"), "angstrom øre łodz");  // ø and ł are letters, not accented letters
  EXPECT_EQ(N("Dvořák"), "dvorak");
}

TEST(TextNormalizerTest, DecomposedAndPrecomposedInputAgree) {
  EXPECT_EQ(N("cafe\xCC\x81"), N("caf\xC3\xA9"));  // e + combining acute vs é
  EXPECT_EQ(N("cafe\xCC\x81"), "cafe");
}

TEST(TextNormalizerTest, FullCaseFolding) {
  EXPECT_EQ(N("Straße"), "strasse");
  EXPECT_EQ(N("İstanbul"), "istanbul");
}

TEST(TextNormalizerTest, KeepsOtherScriptsAsLetters) {
  EXPECT_EQ(N("Ελληνικά"), "ελληνικα");
  EXPECT_EQ(N("ΣΟΦΙΑ"), "σοφια");
  EXPECT_EQ(N("مرحبا بكم"), "مرحبا بكم");
  EXPECT_EQ(N("我想要牛肉"), "我想要牛肉");
  EXPECT_EQ(N("Привет, МИР"), "привет мир");
  EXPECT_EQ(N("한국어"), "한국어");  // Hangul survives NFD + NFC
}

TEST(TextNormalizerTest, DropsEmojiAndSymbols) {
  EXPECT_EQ(N("steak 🥩🔥 please 👍🏽"), "steak please");
  EXPECT_EQ(N("love❤️it"), "love it");
  EXPECT_EQ(N("a@b#c%d&e*f"), "a b c d e f");
  EXPECT_EQ(N("50% off"), "50 off");
}

TEST(TextNormalizerTest, DropsControlCharacters) { EXPECT_EQ(N(std::string("beef\0mince\x07", 12)), "beef mince"); }

TEST(TextNormalizerTest, DropsInvalidUtf8BytesWithoutSplittingWords) {
  EXPECT_EQ(N("caf\xFF"
              "e"),
            "cafe");
  EXPECT_EQ(N("\xC3"), "");  // truncated sequence
  EXPECT_EQ(N("ok\xED\xA0\x80"
              "ay"),
            "okay");  // encoded surrogate
  EXPECT_EQ(N("\xC0\xAF"
              "lamb"),
            "lamb");  // overlong '/'
  EXPECT_EQ(N("Caf\xC3\xA9\x80 Crème"), "cafe creme");
}

TEST(TextNormalizerTest, RemovesApostrophesInsideWords) {
  EXPECT_EQ(N("I'm"), "im");
  EXPECT_EQ(N("don't"), "dont");
  EXPECT_EQ(N("I’m sure it’s fine"), "im sure its fine");  // typographic apostrophe
  EXPECT_EQ(N("Sara's"), "saras");
  EXPECT_EQ(N("'quoted' words'"), "quoted words");
  EXPECT_EQ(N("rock 'n' roll"), "rock n roll");
}

TEST(TextNormalizerTest, KeepsDecimalPoints) {
  EXPECT_EQ(N("2.5kg"), "2.5kg");
  EXPECT_EQ(N("£10.50"), "£ 10.50");
  EXPECT_EQ(N("end. 2 more."), "end 2 more");
  EXPECT_EQ(N(".5 and 5."), "5 and 5");
  EXPECT_EQ(N("v1.2.3"), "v1.2.3");
}

TEST(TextNormalizerTest, DropsThousandsSeparators) {
  EXPECT_EQ(N("£1,299"), "£ 1299");
  EXPECT_EQ(N("1,299.50"), "1299.50");
  EXPECT_EQ(N("1,000,000 dollars"), "1000000 dollars");
}

TEST(TextNormalizerTest, CommaOutsideThousandsIsADecimalOrASeparator) {
  EXPECT_EQ(N("2,5 kg"), "2.5 kg");
  EXPECT_EQ(N("1,2,3"), "1 2 3");
  EXPECT_EQ(N("steak, chips, 2"), "steak chips 2");
  EXPECT_EQ(N("pies,2"), "pies 2");
}

TEST(TextNormalizerTest, CurrencySignsAreTheirOwnTokens) {
  EXPECT_EQ(N("£10"), "£ 10");
  EXPECT_EQ(N("$15 or €20"), "$ 15 or € 20");
  EXPECT_EQ(N("10£"), "10 £");
  EXPECT_EQ(N("under £20, please"), "under £ 20 please");
  EXPECT_EQ(N("¥500"), "500");  // other currency signs are symbols
}

TEST(TextNormalizerTest, NonBreakingSpaceSeparates) { EXPECT_EQ(N("2\xC2\xA0kg"), "2 kg"); }

TEST(TextNormalizerTest, AsciiAndIcuPathsAgree) {
  // The same words with and without a character that forces the ICU path.
  EXPECT_EQ(N("I'm after 2,5KG of £10 Beef, 1,299 - don't!"), "im after 2.5kg of £ 10 beef 1299 dont");
  EXPECT_EQ(N("I'm after 2,5KG of £10 Beef, 1,299 - don't! é"), "im after 2.5kg of £ 10 beef 1299 dont e");
}

TEST(TextNormalizerTest, VeryLongInputDoesNotCrash) {
  std::string ascii;
  while (ascii.size() < 100 * 1024) ascii += "Steak & Chips, £12.50! ";
  std::string folded = N(ascii);
  EXPECT_EQ(folded.substr(0, 26), "steak chips £ 12.50 steak");
  EXPECT_EQ(folded.back(), '0');

  std::string mixed;
  while (mixed.size() < 100 * 1024) mixed += "Crème brûlée 🥩 Ελληνικά \xFF 1,299 ";
  EXPECT_EQ(N(mixed).rfind("creme brulee ελληνικα 1299 creme brulee", 0), 0u);

  std::string separators(100 * 1024, '!');
  EXPECT_EQ(N(separators), "");
  std::string number(100 * 1024, '1');
  for (size_t i = 1; i < number.size(); i += 2) number[i] = ',';
  EXPECT_FALSE(N(number).empty());
}

TEST(TextNormalizerTest, TokenizeSplitsNormalizedText) {
  EXPECT_EQ(TextNormalizer().Tokenize("Crème Brûlée, £2.50"),
            (std::vector<std::string>{"creme", "brulee", "£", "2.50"}));
  EXPECT_TRUE(TextNormalizer().Tokenize("  !! ").empty());
}

TEST(SplitTokensTest, SplitsOnSpacesAndIgnoresEmptyPieces) {
  EXPECT_EQ(SplitTokens("a bb ccc"), (std::vector<std::string>{"a", "bb", "ccc"}));
  EXPECT_EQ(SplitTokens(" a  b "), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitTokens("").empty());
}

TEST(EditDistanceTest, ClassicDistances) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(EditDistance("", "abc", 5), 3);
  EXPECT_EQ(EditDistance("abc", "", 5), 3);
  EXPECT_EQ(EditDistance("", "", 0), 0);
  EXPECT_EQ(EditDistance("brisket", "brisket", 0), 0);
  EXPECT_EQ(EditDistance("sirloin", "sirlion", 2), 1);  // adjacent transposition costs one
  EXPECT_EQ(EditDistance("ca", "abc", 5), 3);           // optimal string alignment, not full Damerau
  EXPECT_EQ(EditDistance("ribeye", "rib eye", 3), 1);
}

TEST(EditDistanceTest, IsSymmetric) {
  EXPECT_EQ(EditDistance("sausage", "sasuage", 5), EditDistance("sasuage", "sausage", 5));
  EXPECT_EQ(EditDistance("lamb", "lambchop", 9), EditDistance("lambchop", "lamb", 9));
}

TEST(EditDistanceTest, StopsAtMaxDistancePlusOne) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 2), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(EditDistance("abc", "xyz", 3), 3);
  EXPECT_EQ(EditDistance("abc", "xyz", 2), 3);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3);  // length difference alone exceeds the limit
  EXPECT_EQ(EditDistance("chicken", "chicken", 0), 0);
  EXPECT_EQ(EditDistance("chicken", "chickem", 0), 1);
}

TEST(EditDistanceTest, WorksPastTheStackBuffer) {
  std::string a(300, 'a');
  std::string b = a;
  b[150] = 'b';
  std::swap(b[10], b[11]);
  EXPECT_EQ(EditDistance(a, b, 5), 1);
  b[200] = 'c';
  EXPECT_EQ(EditDistance(a, b, 5), 2);
  EXPECT_EQ(EditDistance(a, std::string(300, 'z'), 4), 5);
}

TEST(EditDistanceTest, ComparesBytes) {
  EXPECT_EQ(EditDistance("é", "e", 5), 2);  // two bytes against one
}

}  // namespace
