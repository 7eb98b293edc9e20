// The whole V5 pipeline on the demo tenants, in process: message handler,
// router, stores, composer and sessions.
#include <gtest/gtest.h>

#include "app/eval_check.h"
#include "app/tenant_registry.h"
#include "core/clock.h"
#include "fakes/fake_clock.h"
#include "routes/chat_routes.h"
#include "services/conversation/message_handler.h"
#include "support/temp_dir.h"
#include "support/tenants.h"
#include "support/tenant_fixture.h"

namespace {

using services::ChatInput;
using testing_support::SourceDir;
using testing_support::TempDir;

class SequentialIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "0123456789abcdef0123456789abcde" + std::to_string(n_++ % 10); }

 private:
  int n_ = 0;
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sessions_ = std::make_unique<services::InMemorySessionStore>(clock_, std::chrono::hours(1), 1000);
    handler_ = std::make_unique<services::MessageHandler>(tenants_.tenants(), *sessions_, tenants_.normalizer(), mode_,
                                                          clock_, ids_, nullptr);
  }
  services::ChatTurn Say(const std::string& tenant, const std::string& message) {
    auto turn = handler_->Handle({.tenant = core::TenantKey::Parse(tenant).value()}, ChatInput{.message = message, .session_id = session_});
    EXPECT_TRUE(turn.ok()) << message << ": " << (turn.ok() ? "" : turn.error().message);
    if (!turn.ok()) return {};
    session_ = turn->session_id;
    EXPECT_TRUE(app::UngroundedAmounts(app::Observe(*turn)).empty()) << "ungrounded amount in: " << turn->reply.text;
    return *turn;
  }

  TempDir dir_;
  // 2026-12-01 (a Tuesday) 10:00 UTC.
  fakes::FakeClock clock_{std::chrono::system_clock::from_time_t(1796119200)};
  testing_support::TenantsFixture tenants_{{.clock = &clock_}};
  SequentialIds ids_;
  ai_modes::V5Deterministic mode_;
  std::unique_ptr<services::InMemorySessionStore> sessions_;
  std::unique_ptr<services::MessageHandler> handler_;
  std::string session_;
};

TEST_F(PipelineTest, RejectsBadInputClearly) {
  auto key = core::TenantKey::Parse("UK_BUTCHER").value();
  auto empty = handler_->Handle({.tenant = key}, ChatInput{.message = "   "});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidArgument);
  auto longer = handler_->Handle({.tenant = key}, ChatInput{.message = std::string(5000, 'a')});
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().code, core::ErrorCode::kPayloadTooLarge);
  auto bad_session = handler_->Handle({.tenant = key}, ChatInput{.message = "hi", .session_id = "../../x"});
  ASSERT_FALSE(bad_session.ok());
  auto unknown = handler_->Handle({.tenant = core::TenantKey::Parse("NOPE").value()}, ChatInput{.message = "hi"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kUnknownTenant);
}

TEST_F(PipelineTest, NewSessionsGetAnId) {
  auto turn = Say("UK_BUTCHER", "hello");
  EXPECT_EQ(turn.intent, "greeting");
  EXPECT_EQ(turn.session_id.size(), 32u);
}

TEST_F(PipelineTest, DeliveryFollowUpUsesRememberedPostcode) {
  auto ask = Say("UK_BUTCHER", "can you deliver to me on saturday?");
  EXPECT_EQ(ask.intent, "check_delivery");
  EXPECT_TRUE(ask.reply.needs_clarification) << ask.reply.text;
  auto answer = Say("UK_BUTCHER", "LS6 2AB");
  EXPECT_NE(answer.reply.text.find("LS6"), std::string::npos) << answer.reply.text;
  bool has_fee = false;
  for (const auto& f : answer.reply.facts) has_fee |= f.field == "fee" && f.source == "policy";
  EXPECT_TRUE(has_fee) << answer.reply.text;
}

TEST_F(PipelineTest, ProductThenPriceThenAddToCart) {
  auto search = Say("UK_BUTCHER", "lamb chops");
  ASSERT_FALSE(search.reply.items.empty()) << search.reply.text;
  auto price = Say("UK_BUTCHER", "how much is it?");
  EXPECT_EQ(price.intent, "price_check") << price.reply.text;
  auto add = Say("UK_BUTCHER", "add 2kg of those");
  EXPECT_EQ(add.intent, "add_to_cart") << add.reply.text;
  EXPECT_TRUE(add.reply.cart_changed);
  ASSERT_EQ(add.reply.cart.lines.size(), 1u) << add.reply.text;
  EXPECT_DOUBLE_EQ(add.reply.cart.lines[0].quantity, 2.0);
}

TEST_F(PipelineTest, SessionsExpireAfterTheTenantsTtl) {
  Say("US_BIKES", "my name is Dana");  // US_BIKES keeps sessions 60 minutes
  clock_.Advance(std::chrono::minutes(59));
  EXPECT_NE(Say("US_BIKES", "hello").reply.text.find("Dana"), std::string::npos);
  clock_.Advance(std::chrono::minutes(61));
  EXPECT_EQ(Say("US_BIKES", "hello").reply.text.find("Dana"), std::string::npos);
}

TEST_F(PipelineTest, OutOfScopeGetsHonestFallback) {
  auto turn = Say("US_BIKES", "what's the capital of France?");
  EXPECT_FALSE(turn.reply.resolved);
  EXPECT_TRUE(turn.reply.items.empty());
}

TEST_F(PipelineTest, BelowTheTenantsConfidenceThresholdItAsksInsteadOfGuessing) {
  // Same data, but an owner who wants near-certainty before answering.
  testing_support::CopyTree(SourceDir() / "business/US_BIKES", dir_ / "strict/STRICT");
  auto overrides = nlohmann::json::parse(testing_support::ReadText(dir_ / "strict/STRICT/overrides.json"));
  overrides["thresholds"]["intent_confidence"] = 0.99;
  testing_support::WriteText(dir_ / "strict/STRICT/overrides.json", overrides.dump());
  testing_support::TenantsFixture strict_tenants({.business_dir = dir_ / "strict", .clock = &clock_});
  services::MessageHandler strict(strict_tenants.tenants(), *sessions_, strict_tenants.normalizer(), mode_, clock_, ids_,
                                  nullptr);
  auto turn = strict.Handle({.tenant = core::TenantKey::Parse("STRICT").value()},
                            ChatInput{.message = "how much is the commuter mips helmet"});
  ASSERT_TRUE(turn.ok());
  EXPECT_FALSE(turn->reply.resolved) << turn->reply.text;
  EXPECT_TRUE(turn->reply.items.empty()) << turn->reply.text;
  // The normal tenant answers the same question.
  auto normal = Say("US_BIKES", "how much is the commuter mips helmet");
  EXPECT_EQ(normal.intent, "price_check");
  EXPECT_FALSE(normal.reply.items.empty());
}

TEST_F(PipelineTest, TurnTimeFromTheInputWinsOverTheClock) {
  auto key = core::TenantKey::Parse("UK_BUTCHER").value();
  ChatInput christmas{.message = "are you open today?", .now = core::ParseIsoUtc("2026-12-25T11:00:00Z")};
  auto turn = handler_->Handle({.tenant = key}, christmas);
  ASSERT_TRUE(turn.ok());
  EXPECT_NE(turn->reply.text.find("Christmas Day"), std::string::npos) << turn->reply.text;
  auto plain = handler_->Handle({.tenant = key}, ChatInput{.message = "are you open today?"});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->reply.text.find("Christmas"), std::string::npos) << "the clock says 1 December: " << plain->reply.text;
}

// `aiv7 eval --url` judges the /chat_api body, in-process eval the ChatTurn:
// both must observe the same thing, or the two modes would disagree.
TEST_F(PipelineTest, ChatApiBodyShowsEverythingThePackChecksRead) {
  bool saw_basket_without_change = false, saw_fallback_or_unresolved = false, saw_clarification = false;
  for (const char* message : {"hello", "lamb chops", "how much is it?", "add 2kg of those", "what's in my basket?",
                              "add 1kg sirloin steak", "remove the lamb chops", "can you deliver to me on saturday?",
                              "LS6 2AB", "what's the capital of France?", "do you sell bicycles?", "checkout"}) {
    services::ChatTurn turn = Say("UK_BUTCHER", message);
    auto over_http = app::ObserveChatApi(routes::ChatTurnToJson(turn));
    ASSERT_TRUE(over_http.ok()) << message << ": " << over_http.error().message;
    EXPECT_EQ(app::Observe(turn), *over_http) << message << ": " << routes::ChatTurnToJson(turn).dump();
    saw_basket_without_change |= !turn.reply.cart_changed && !turn.reply.cart.lines.empty();
    saw_fallback_or_unresolved |= turn.reply.fallback || !turn.reply.resolved;
    saw_clarification |= turn.reply.needs_clarification;
  }
  EXPECT_TRUE(saw_basket_without_change) << "the conversation should show the basket without changing it";
  EXPECT_TRUE(saw_fallback_or_unresolved);
  EXPECT_TRUE(saw_clarification);
}

}  // namespace
