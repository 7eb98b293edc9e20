#include "ai_modes/grounding/claims.h"

#include <gtest/gtest.h>

namespace ai_modes::grounding {
namespace {

std::vector<std::string> Keys(std::string_view text, ClaimKind kind) {
  std::vector<Claim> claims;
  ExtractClaims(text, claims);
  std::vector<std::string> out;
  for (const auto& c : claims) {
    if (c.kind == kind) out.push_back(c.key);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(ClaimsTest, Money) {
  EXPECT_EQ(Keys("Lamb Chops are £15.99/kg, a whole leg £89 and delivery $1,299.00.", ClaimKind::kMoney),
            (V{"GBP:1599", "GBP:8900", "USD:129900"}));
  EXPECT_EQ(Keys("only 6.99 pounds, 5 dollars, 50p or 20 cents", ClaimKind::kMoney),
            (V{"GBP:699", "USD:500", "GBP:50", "USD:20"}));
  EXPECT_EQ(Keys("just five pounds", ClaimKind::kMoney), (V{"GBP:500"}));
  EXPECT_EQ(Keys("€12.5", ClaimKind::kMoney), (V{"EUR:1250"}));
}

TEST(ClaimsTest, PercentagesAndConcessions) {
  EXPECT_EQ(Keys("Get 90% off, or ten percent, or 5 per cent", ClaimKind::kPercent), (V{"90", "10", "5"}));
  EXPECT_EQ(Keys("90% off with a voucher; half price; £5 off; price match", ClaimKind::kConcession),
            (V{"off", "voucher", "half price", "off", "price"}));
}

TEST(ClaimsTest, TimesAndDates) {
  EXPECT_EQ(Keys("Open 08:00–18:00, or 9am to 5.30pm, closes at noon; 6 pm", ClaimKind::kTime),
            (V{"480", "1080", "540", "1050", "720", "1080"}));
  EXPECT_EQ(Keys("on 2026-12-24, 24th December, Dec 25th, 1st of May, 31/12", ClaimKind::kDate),
            (V{"12-24", "12-24", "12-25", "05-01", "12-31"}));
  EXPECT_EQ(Keys("on 2026-12-24", ClaimKind::kNumber), (V{"2026"}));
}

TEST(ClaimsTest, QuantitiesStockAndNumbers) {
  EXPECT_EQ(Keys("2kg, 500 g, 3.5 km, two kilos, 1-2 days, 16-20kg", ClaimKind::kQuantity),
            (V{"2|kg", "500|g", "3.5|km", "2|kg", "1|day", "2|day", "16|kg", "20|kg"}));
  EXPECT_EQ(Keys("Only 3 left and 12 in stock", ClaimKind::kStock), (V{"3", "12"}));
  EXPECT_EQ(Keys("Aisle 7, 1,299 bikes, 015 and 3.50", ClaimKind::kNumber), (V{"7", "1299", "15", "3.5"}));
  // List markers are not claims.
  EXPECT_EQ(Keys("1. Lamb\n2) Beef", ClaimKind::kNumber), V{});
}

TEST(ClaimsTest, ContactDetailsAndIdentifiers) {
  EXPECT_EQ(Keys("Call 0113 496 0100, +44 7700 900123 or (503) 555-0134", ClaimKind::kPhone),
            (V{"134960100", "700900123", "035550134"}));
  EXPECT_EQ(
      Keys("Mail Orders@Shop.example or see https://www.shop.example/deals/ and www.maps.example", ClaimKind::kUrl),
      (V{"shop.example/deals", "maps.example"}));
  EXPECT_EQ(Keys("Mail Orders@Shop.example", ClaimKind::kEmail), (V{"orders@shop.example"}));
  EXPECT_EQ(Keys("SKU LMB-001 and BK-ROAD-001", ClaimKind::kSku), (V{"LMB-001", "BK-ROAD-001"}));
  EXPECT_EQ(Keys("use SAVE90", ClaimKind::kCode), (V{"SAVE90"}));
  EXPECT_EQ(Keys("to LS6 2AB, ls62ab, BD3 or ZZ9 9ZZ", ClaimKind::kPostcode), (V{"LS62AB", "LS62AB", "BD3", "ZZ99ZZ"}));
}

TEST(ClaimsTest, NamesSkipSentenceOpenersAndGreetings) {
  EXPECT_EQ(Keys("Absolutely. Try our Golden Wagyu Ribeye. Hi Sara! Lamb Chops are great.", ClaimKind::kName),
            (V{"golden wagyu ribeye", "sara", "lamb chops"}));
  EXPECT_EQ(Keys("Sure, it's from Leeds.", ClaimKind::kName), (V{"leeds"}));
  EXPECT_EQ(Keys("Our Wagyu is great.", ClaimKind::kName), (V{"wagyu"}));
}

TEST(ClaimsTest, Actions) {
  std::vector<Claim> claims;
  ExtractClaims(
      "I've added 2 kg to your basket. I've placed your order and refunded you. "
      "I'll pass you to our team. I've noted your number.",
      claims);
  std::vector<std::string> actions;
  for (const auto& c : claims) {
    if (c.kind == ClaimKind::kAction) actions.push_back(c.key);
  }
  EXPECT_EQ(actions, (V{"cart_add", "order_placed", "refund", "handoff", "lead_captured"}));
}

TEST(ClaimsTest, ArabicIndicDigitsAreDigits) {
  EXPECT_EQ(Keys("السعر £١٥٫٩٩ أو £١٢", ClaimKind::kMoney).back(), "GBP:1200");
}

TEST(ClaimsTest, WordCorpus) {
  EXPECT_EQ(WordCorpus("Lamb Chops (E-Bike), £15.99!"), " lamb chops e bike 15 99 ");
  EXPECT_EQ(WordCorpus("Café–Bar’s €5 • Crème"), " café bar s 5 crème ");
}

}  // namespace
}  // namespace ai_modes::grounding
