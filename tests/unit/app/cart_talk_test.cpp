// Cart talk through the whole pipeline on the pharmacy and florist tenants
// (issue 12): several items in one message, a follow-up without a verb, the
// total in other words, another quantity or size for a line, what the
// shopper told us, and checkout from the tenant's requirements.
#include <gtest/gtest.h>

#include "ai_modes/reply_mode.h"
#include "app/eval_check.h"
#include "fakes/fake_clock.h"
#include "services/conversation/message_handler.h"
#include "services/session/session_store.h"
#include "support/tenants.h"

namespace {

using services::ChatInput;

class CartTalkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sessions_ = std::make_unique<services::InMemorySessionStore>(clock_, std::chrono::hours(1), 1000);
    handler_ = std::make_unique<services::MessageHandler>(tenants_.tenants(), *sessions_, tenants_.normalizer(), mode_,
                                                          clock_, ids_, nullptr);
  }
  services::ChatTurn Say(const std::string& tenant, const std::string& message) {
    auto turn = handler_->Handle({.tenant = core::TenantKey::Parse(tenant).value()},
                                 ChatInput{.message = message, .session_id = session_});
    EXPECT_TRUE(turn.ok()) << message;
    if (!turn.ok()) return {};
    session_ = turn->session_id;
    EXPECT_TRUE(app::UngroundedAmounts(app::Observe(*turn)).empty()) << "ungrounded amount in: " << turn->reply.text;
    return *turn;
  }
  static double Quantity(const services::ChatTurn& turn, std::string_view sku) {
    for (const auto& line : turn.reply.cart.lines) {
      if (line.sku == sku) return line.quantity;
    }
    return 0;
  }

  class Ids final : public core::IdGenerator {
   public:
    std::string NewId() override { return "abcdef0123456789abcdef012345678" + std::to_string(n_++ % 10); }

   private:
    int n_ = 0;
  };

  fakes::FakeClock clock_{std::chrono::system_clock::from_time_t(1796119200)};
  testing_support::TenantsFixture tenants_{{.clock = &clock_}};
  Ids ids_;
  ai_modes::V5Deterministic mode_;
  std::unique_ptr<services::InMemorySessionStore> sessions_;
  std::unique_ptr<services::MessageHandler> handler_;
  std::string session_;
};

TEST_F(CartTalkTest, SeveralItemsInOneMessageAllGoIn) {
  auto turn = Say("UK_PHARMACY", "add a travel first aid kit and 2 packs of blister plasters");
  EXPECT_EQ(turn.intent, "add_to_cart");
  ASSERT_EQ(turn.reply.cart.lines.size(), 2u) << turn.reply.text;
  EXPECT_EQ(Quantity(turn, "KIT-FA-TRAVEL"), 1);
  EXPECT_EQ(Quantity(turn, "PLAST-BLIS-6"), 2);
  EXPECT_NE(turn.reply.text.find("£19.97"), std::string::npos) << turn.reply.text;  // 9.99 + 2 × 4.99
}

TEST_F(CartTalkTest, AFollowUpWithoutAVerbAddsAndTheTotalInOtherWords) {
  Say("UK_PHARMACY", "add a travel first aid kit");
  auto turn = Say("UK_PHARMACY", "and two of the lip balms too");
  EXPECT_EQ(turn.intent, "add_to_cart");
  EXPECT_EQ(Quantity(turn, "LIP-BALM-SPF15"), 2) << turn.reply.text;
  auto total = Say("UK_PHARMACY", "what do I owe?");
  EXPECT_EQ(total.intent, "view_cart");
  EXPECT_NE(total.reply.text.find("£14.97"), std::string::npos) << total.reply.text;  // 9.99 + 2 × 2.49
}

TEST_F(CartTalkTest, MakeItThreeSetsTheQuantityOfTheLine) {
  Say("UK_PHARMACY", "add 2 hand creams");
  auto turn = Say("UK_PHARMACY", "make it 3");
  EXPECT_EQ(turn.intent, "update_cart");
  ASSERT_EQ(turn.reply.cart.lines.size(), 1u) << turn.reply.text;
  EXPECT_EQ(Quantity(turn, "HAND-CREAM-75"), 3);
}

TEST_F(CartTalkTest, SwapChangesTheLineToTheOtherSize) {
  Say("UK_PHARMACY", "add sun cream spf 50 200ml");
  auto turn = Say("UK_PHARMACY", "actually can you swap that for the 100ml one");
  EXPECT_EQ(turn.intent, "update_cart");
  ASSERT_EQ(turn.reply.cart.lines.size(), 1u) << turn.reply.text;
  EXPECT_EQ(Quantity(turn, "SPF50-100"), 1) << turn.reply.text;
}

TEST_F(CartTalkTest, WhatWeWereToldIsRememberedAndWhatWeWereNotIsSaid) {
  Say("US_FLORIST", "this is Emma");
  auto name = Say("US_FLORIST", "what's my name?");
  EXPECT_EQ(name.intent, "recall");
  EXPECT_NE(name.reply.text.find("Emma"), std::string::npos) << name.reply.text;
  auto email = Say("US_FLORIST", "what email did I give you?");
  EXPECT_EQ(email.intent, "recall");
  EXPECT_NE(email.reply.text.find("haven't told me your email"), std::string::npos) << email.reply.text;
}

TEST_F(CartTalkTest, CheckoutAsksOnlyForWhatTheShopNeedsAndReadsTheOrderBackFirst) {
  // UK_PHARMACY's overrides.json: "checkout": {"collect": ["name", "phone"], "confirm": true}.
  Say("UK_PHARMACY", "add 2 emollient creams");
  auto ask = Say("UK_PHARMACY", "checkout, deliver to BS7 8AA please, I'm Priya Shah, priya@example.com");
  EXPECT_EQ(ask.intent, "checkout");
  EXPECT_TRUE(ask.reply.needs_clarification);
  EXPECT_NE(ask.reply.text.find("phone"), std::string::npos) << ask.reply.text;  // the email is not enough here
  EXPECT_EQ(ask.reply.text.find("name"), std::string::npos) << ask.reply.text;   // the name was given
  EXPECT_FALSE(ask.order);
  auto check = Say("UK_PHARMACY", "07700 900777");
  EXPECT_FALSE(check.order);
  EXPECT_TRUE(check.reply.needs_clarification);
  for (std::string_view amount : {"£15.98", "£2.95", "£18.93"}) {
    EXPECT_NE(check.reply.text.find(amount), std::string::npos) << amount << " in " << check.reply.text;
  }
  auto placed = Say("UK_PHARMACY", "confirm");
  ASSERT_TRUE(placed.order) << placed.reply.text;
  EXPECT_EQ(placed.order->total.minor, 1893);
  EXPECT_EQ(placed.order->phone, "07700900777");
  EXPECT_TRUE(placed.reply.cart.lines.empty());
}

TEST_F(CartTalkTest, ATenantThatSaysNothingOrdersAsSoonAsItHasANameAndAContact) {
  Say("UK_BUTCHER", "add 1kg beef mince");
  auto placed = Say("UK_BUTCHER", "checkout for collection from Bradford, my name is Sara, sara@example.com");
  ASSERT_TRUE(placed.order) << placed.reply.text;
  EXPECT_NE(placed.reply.text.find("Bradford"), std::string::npos) << placed.reply.text;
}

TEST_F(CartTalkTest, APastDateIsSaidToBePastAndAnExplicitDateBeatsItsWeekday) {
  // The fixture's clock: Tuesday 1 December 2026.
  auto past = Say("UK_PHARMACY", "were you open on 28 November 2026?");
  EXPECT_NE(past.reply.text.find("already passed"), std::string::npos) << past.reply.text;
  auto delivery = Say("UK_PHARMACY", "can you deliver to BS8 on 30/11/2026?");
  EXPECT_EQ(delivery.intent, "check_delivery");
  EXPECT_NE(delivery.reply.text.find("already passed"), std::string::npos) << delivery.reply.text;
  auto hours = Say("US_FLORIST", "are you open on Monday 7 December?");
  EXPECT_NE(hours.reply.text.find("2026-12-07"), std::string::npos) << hours.reply.text;
}

TEST_F(CartTalkTest, ThatOneWithNothingShownAsksWhichProduct) {
  auto turn = Say("UK_PHARMACY", "what does that one cost?");
  EXPECT_TRUE(turn.reply.needs_clarification);
  EXPECT_FALSE(turn.reply.fallback);
  EXPECT_NE(turn.reply.text.find("Which product"), std::string::npos) << turn.reply.text;
}

}  // namespace
