// Numbers inside product names and SKUs are not quantities (issue 12), on
// the pharmacy and florist tenants of business/.
#include "services/understanding/name_numbers.h"

#include <gtest/gtest.h>

#include "services/understanding/router.h"
#include "support/tenants.h"

namespace {

using services::Intent;

class NameNumbersTest : public ::testing::Test {
 protected:
  services::RoutedTurn Route(std::string_view tenant, std::string_view message) {
    auto t = tenants_.Get(tenant);
    if (!t) return {};
    return router_.Route(*t, services::Session{}, message, now_);
  }
  static std::string Sku(const services::RoutedTurn& turn) {
    return turn.products.empty() ? "" : turn.products.front()->sku;
  }
  static double Quantity(const services::RoutedTurn& turn) { return turn.entities.quantity.value_or(1); }

  testing_support::TenantsFixture tenants_;
  services::Router router_{tenants_.normalizer()};
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::from_time_t(1796119200);
};

TEST_F(NameNumbersTest, ATypedSkuIsItsProductAndItsDigitsAreNoQuantity) {
  auto turn = Route("UK_PHARMACY", "add 2 SPF50-200");
  EXPECT_EQ(turn.intent, Intent::kAddToCart);
  EXPECT_EQ(Sku(turn), "SPF50-200");
  EXPECT_EQ(Quantity(turn), 2);
  turn = Route("UK_PHARMACY", "add TP-SENS-75");
  EXPECT_EQ(Sku(turn), "TP-SENS-75");
  EXPECT_EQ(Quantity(turn), 1);
}

TEST_F(NameNumbersTest, NumbersOfTheNameAreNotCounts) {
  auto turn = Route("US_FLORIST", "add one 6-inch peace lily");
  EXPECT_EQ(Sku(turn), "PL-PEACE-6");
  EXPECT_EQ(Quantity(turn), 1);
  turn = Route("US_FLORIST", "add two 8-inch boston ferns");
  EXPECT_EQ(Sku(turn), "PL-FERN-8");
  EXPECT_EQ(Quantity(turn), 2);
  turn = Route("UK_PHARMACY", "put 1 sun cream spf 30 200ml in my basket");
  EXPECT_EQ(Sku(turn), "SPF30-200");
  EXPECT_EQ(Quantity(turn), 1);
  turn = Route("UK_PHARMACY", "add the magnesium 375mg, just one");
  EXPECT_EQ(Sku(turn), "MAG-375-60");
  EXPECT_EQ(Quantity(turn), 1);
}

TEST_F(NameNumbersTest, ANumberSaidPicksTheSizeWhoseNameHasIt) {
  auto turn = Route("US_FLORIST", "price of 24 red roses");
  ASSERT_EQ(turn.products.size(), 1u);
  EXPECT_EQ(Sku(turn), "ROSE-RED-24");
  turn = Route("UK_PHARMACY", "how much is the 100ml spf 50 sun cream?");
  ASSERT_EQ(turn.products.size(), 1u);
  EXPECT_EQ(Sku(turn), "SPF50-100");
}

TEST_F(NameNumbersTest, ACountInsideASynonymOfTheProductIsPartOfItsName) {
  auto turn = Route("US_FLORIST", "add a dozen red roses");
  EXPECT_EQ(Sku(turn), "ROSE-RED-12");
  EXPECT_EQ(Quantity(turn), 1);
}

TEST_F(NameNumbersTest, OtherCountsStillCount) {
  auto turn = Route("UK_BUTCHER", "add 2kg lamb chops");
  EXPECT_EQ(Sku(turn), "LMB-001");
  EXPECT_EQ(Quantity(turn), 2);
  EXPECT_EQ(turn.entities.quantity_unit, "kg");
  turn = Route("UK_PHARMACY", "2 x omega-3 1000mg capsules please");
  EXPECT_EQ(turn.intent, Intent::kAddToCart);
  EXPECT_EQ(Quantity(turn), 2);
}

}  // namespace
