#include "services/understanding/turn_signals.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using nlohmann::json;
using testing_support::TempDir;

class TurnSignalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    retrieval::FileDocs files;
    for (const auto& [name, text] : testing_support::MinimalTenantTexts()) files[name] = json::parse(text);
    auto data = std::make_shared<const retrieval::TenantData>(
        retrieval::TenantData{core::TenantKey::Parse("TEST").value(), 1, "", std::move(files)});
    auto tenant =
        retrieval::BuildTenant(std::move(data), normalizer_, testing_support::SourceLexicon(), dir_ / "index");
    ASSERT_TRUE(tenant.ok()) << tenant.error().message;
    tenant_ = *tenant;
  }
  services::TurnSignals Read(std::string_view message) {
    return services::ReadTurn(*tenant_, session_, message, now_, normalizer_);
  }

  TempDir dir_;
  retrieval::TextNormalizer normalizer_;
  std::shared_ptr<const retrieval::Tenant> tenant_;
  services::Session session_;
  // 2026-12-01 (a Tuesday) 10:00 UTC.
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::from_time_t(1796119200);
};

TEST_F(TurnSignalsTest, WordClassesAsTheRulesAskAboutThem) {
  auto s = Read("Can you deliver to my postcode?");
  EXPECT_TRUE(s.words.delivery);
  EXPECT_FALSE(s.words.hours);
  EXPECT_EQ(s.word_count, 6u);
  EXPECT_TRUE(Read("hiya, good morning").words.greeting_only);
  EXPECT_FALSE(Read("hiya, any sourdough").words.greeting_only);
  EXPECT_TRUE(Read("thank you so much").words.thanks_only);
  auto basket = Read("I'll take two, put them in my basket");
  EXPECT_TRUE(basket.words.take);
  EXPECT_TRUE(basket.words.add);
  EXPECT_TRUE(basket.words.cart);
}

TEST_F(TurnSignalsTest, CloseMeaningNearIsNotAboutHours) {
  EXPECT_FALSE(Read("any of your shops close to me?").words.hours);
  EXPECT_TRUE(Read("any of your shops close to me?").words.branch);
  EXPECT_TRUE(Read("what time do you close?").words.hours);
  EXPECT_TRUE(Read("are you open close to christmas?").words.hours);
}

TEST_F(TurnSignalsTest, ProductsNamedMissingAndReferredBack) {
  auto named = Read("sourdough please");
  ASSERT_EQ(named.turn.products.size(), 1u);
  EXPECT_EQ(named.turn.products[0]->sku, "BR-1");
  EXPECT_TRUE(named.turn.exact_product);
  EXPECT_EQ(named.turn.product_phrase, "sourdough");
  EXPECT_FALSE(named.turn.products_from_context);

  auto missing = Read("venison?");
  EXPECT_TRUE(missing.turn.products.empty());
  EXPECT_EQ(missing.turn.missing_words, "venison");
  EXPECT_EQ(missing.MissingCount(), 1u);

  session_.last_skus = {"BR-2"};
  auto back = Read("how much is it?");
  ASSERT_EQ(back.turn.products.size(), 1u);
  EXPECT_EQ(back.turn.products[0]->sku, "BR-2");
  EXPECT_TRUE(back.turn.products_from_context);
  EXPECT_FALSE(back.exact());
}

TEST_F(TurnSignalsTest, CategoryOnlyWhenEveryProductWordNamesIt) {
  auto s = Read("show me your bread");
  ASSERT_NE(s.turn.category, nullptr);
  EXPECT_TRUE(s.category_only);
  EXPECT_FALSE(Read("sourdough bread").category_only);
}

TEST_F(TurnSignalsTest, AHolidayNamedInsteadOfADate) {
  EXPECT_EQ(Read("are you open on christmas eve?").turn.entities.date, "2026-12-24");
  EXPECT_EQ(Read("open on new years day?").turn.entities.date, "2027-01-01");
  // Thanksgiving 2027 is the fourth Thursday of November.
  EXPECT_EQ(Read("are you open on thanksgiving").turn.entities.date, "2027-11-25");
  EXPECT_EQ(Read("open tomorrow?").turn.entities.date, std::nullopt);
}

TEST_F(TurnSignalsTest, NegationAndZonesNamedByPlace) {
  EXPECT_TRUE(Read("no thanks").turn.negated);
  EXPECT_TRUE(Read("that is not it").turn.negated);
  EXPECT_FALSE(Read("I know").turn.negated);
  auto zone = Read("do you deliver to the centre?");
  ASSERT_EQ(zone.turn.zones.size(), 1u);
  EXPECT_EQ(zone.turn.zones[0]->id, "z1");
}

TEST_F(TurnSignalsTest, TheSessionAndThresholdsTravelWithTheSignals) {
  session_.pending = "delivery_postcode";
  session_.cart.push_back({});
  auto s = Read("LS1 1AA");
  EXPECT_EQ(s.pending, "delivery_postcode");
  EXPECT_FALSE(s.cart_empty);
  EXPECT_FALSE(s.postcode_known);
  EXPECT_TRUE(s.turn.entities.postcode);
  EXPECT_DOUBLE_EQ(s.faq_score, tenant_->settings.faq_score);
}

}  // namespace
