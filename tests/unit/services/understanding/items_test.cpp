// Several products in one message (issue 12), on the pharmacy and florist
// tenants of business/: one item per part, each with its own quantity.
#include "services/understanding/items.h"

#include <gtest/gtest.h>

#include "services/understanding/router.h"
#include "support/tenants.h"

namespace {

using services::Intent;

class ItemsTest : public ::testing::Test {
 protected:
  services::RoutedTurn Route(std::string_view tenant, std::string_view message) {
    auto t = tenants_.Get(tenant);
    if (!t) return {};
    return router_.Route(*t, services::Session{}, message, now_);
  }
  static std::vector<std::string> Skus(const services::RoutedTurn& turn) {
    std::vector<std::string> skus;
    for (const auto& item : turn.items) skus.push_back(item.products.empty() ? "" : item.products.front()->sku);
    return skus;
  }

  testing_support::TenantsFixture tenants_;
  services::Router router_{tenants_.normalizer()};
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::from_time_t(1796119200);
};

TEST_F(ItemsTest, EachPartIsAnItemWithItsOwnQuantity) {
  auto turn = Route("UK_PHARMACY", "add a travel first aid kit and 2 packs of blister plasters");
  EXPECT_EQ(turn.intent, Intent::kAddToCart);
  ASSERT_EQ(Skus(turn), (std::vector<std::string>{"KIT-FA-TRAVEL", "PLAST-BLIS-6"}));
  EXPECT_EQ(turn.items[0].entities.quantity.value_or(1), 1);
  EXPECT_EQ(turn.items[1].entities.quantity.value_or(1), 2);
}

TEST_F(ItemsTest, CommasAndAndSplitThreeItemsAndNumbersInNamesStayNames) {
  auto turn = Route("US_FLORIST", "add 12 red roses, a greeting card and a box of 8 truffles");
  EXPECT_EQ(turn.intent, Intent::kAddToCart);
  ASSERT_EQ(turn.items.size(), 3u);
  for (const auto& item : turn.items) EXPECT_FALSE(item.products.empty()) << item.phrase;
  EXPECT_NE(turn.items[2].entities.quantity.value_or(1), 8);  // the box of 8 is one box
}

TEST_F(ItemsTest, AnAndInsideAProductsNameIsOneItem) {
  auto turn = Route("UK_PHARMACY", "add honey & lemon throat lozenges");
  EXPECT_EQ(turn.intent, Intent::kAddToCart);
  EXPECT_TRUE(turn.items.empty());
  ASSERT_FALSE(turn.products.empty());
  EXPECT_EQ(turn.products.front()->sku, "THROAT-LOZ-24");
}

TEST_F(ItemsTest, OneProductOrAPartWeDoNotSellIsNoList) {
  EXPECT_TRUE(Route("UK_PHARMACY", "add a digital thermometer").items.empty());
  EXPECT_TRUE(Route("UK_PHARMACY", "add a digital thermometer and a unicorn saddle").items.empty());
  EXPECT_TRUE(Route("UK_PHARMACY", "add lip balm and lip balm").items.empty());  // said twice, one item
}

TEST_F(ItemsTest, OnlyAnAddIsSplit) {
  auto turn = Route("UK_PHARMACY", "how much are the travel first aid kit and the blister plasters?");
  EXPECT_NE(turn.intent, Intent::kAddToCart);
  EXPECT_TRUE(turn.items.empty());
}

}  // namespace
