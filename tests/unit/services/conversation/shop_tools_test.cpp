// V7's tools over a real tenant: each is the deterministic engine answering
// the tool's request, and its effects are the same session changes as V5's.
#include "services/conversation/shop_tools.h"

#include <gtest/gtest.h>

#include "ai_modes/tool_schemas.h"
#include "support/tenants.h"

namespace services {
namespace {

using ai_modes::ToolArguments;
using ai_modes::grounding::Action;

class ShopToolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tenant_ = fixture_.Get("UK_BUTCHER");
    ASSERT_NE(tenant_, nullptr);
    session_.id = "session-1";
    session_.tenant = "UK_BUTCHER";
  }
  ai_modes::ToolOutcome Call(const std::string& name, const std::string& json) {
    auto args = ai_modes::ValidateToolArguments(name, json);
    EXPECT_TRUE(args.ok()) << name << " " << json;
    ShopTools tools(*tenant_, session_, router_, composer_, now_);
    auto outcome = tools.Call(name, args.ok() ? *args : ToolArguments{});
    if (tools.order()) order_ = tools.order();
    return outcome;
  }
  static bool HasFact(const core::Reply& r, const std::string& field, const std::string& value) {
    for (const auto& f : r.facts) {
      if (f.field == field && f.value.find(value) != std::string::npos) return true;
    }
    return false;
  }

  testing_support::TenantsFixture fixture_;
  std::shared_ptr<const retrieval::Tenant> tenant_;
  Router router_{fixture_.normalizer()};
  ReplyComposer composer_;
  Session session_;
  std::optional<OrderRequest> order_;
  std::chrono::system_clock::time_point now_ = *core::ParseIsoUtc("2026-12-01T10:00:00Z");
};

TEST_F(ShopToolsTest, ProductLookupsAnswerFromTheCatalog) {
  auto product = Call("get_product", R"({"sku":"LMB-001"})");
  EXPECT_TRUE(product.ok) << product.reply.text;
  EXPECT_NE(product.reply.text.find("Lamb Chops"), std::string::npos) << product.reply.text;
  EXPECT_NE(product.reply.text.find("15.99"), std::string::npos) << product.reply.text;
  auto search = Call("search_products", R"({"query":"lamb mince"})");
  EXPECT_TRUE(search.ok) << search.reply.text;
  EXPECT_NE(search.reply.text.find("Lamb Mince"), std::string::npos) << search.reply.text;
  auto missing = Call("get_product", R"({"sku":"ZZZ-999"})");
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.error.find("ZZZ-999"), std::string::npos);
}

TEST_F(ShopToolsTest, DeliveryHoursAndBranchesComeFromTheStores) {
  auto delivery = Call("check_delivery", R"({"postcode":"LS6 2AB"})");
  EXPECT_TRUE(delivery.ok) << delivery.reply.text;
  EXPECT_NE(delivery.reply.text.find("3.50"), std::string::npos) << delivery.reply.text;
  EXPECT_FALSE(Call("check_delivery", R"({"postcode":"not a postcode"})").ok);
  auto branches = Call("find_branch", R"({"postcode":"LS6 2AB"})");
  EXPECT_TRUE(branches.ok) << branches.reply.text;
  EXPECT_NE(branches.reply.text.find("Hyde Park"), std::string::npos) << branches.reply.text;
  auto hours = Call("opening_hours", R"({})");
  EXPECT_TRUE(hours.ok) << hours.reply.text;
  EXPECT_FALSE(hours.reply.facts.empty());
}

TEST_F(ShopToolsTest, TheBasketIsTheSessionsCartAsInV5) {
  auto add = Call("cart_add", R"({"sku":"LMB-001","quantity":2})");
  ASSERT_TRUE(add.ok) << add.reply.text;
  EXPECT_EQ(add.action, Action::kCartAdd);
  ASSERT_EQ(session_.cart.size(), 1u);
  EXPECT_EQ(session_.cart[0].sku, "LMB-001");
  EXPECT_DOUBLE_EQ(session_.cart[0].quantity, 2.0);
  auto view = Call("cart_view", "{}");
  EXPECT_NE(view.reply.text.find("Lamb Chops"), std::string::npos) << view.reply.text;
  auto remove = Call("cart_remove", R"({"sku":"LMB-001"})");
  EXPECT_TRUE(remove.ok) << remove.reply.text;
  EXPECT_EQ(remove.action, Action::kCartRemove);
  EXPECT_TRUE(session_.cart.empty());
}

TEST_F(ShopToolsTest, LeadsAndHandOffChangeTheSessionAsInV5) {
  EXPECT_FALSE(Call("capture_lead", R"({"name":"Sara"})").ok);
  auto lead = Call("capture_lead", R"({"name":"Sara","phone":"07700 900123"})");
  EXPECT_TRUE(lead.ok) << lead.reply.text;
  EXPECT_EQ(lead.action, Action::kLeadCaptured);
  EXPECT_FALSE(session_.phone.empty());
  auto handoff = Call("handoff", R"({"reason":"wants to talk to someone"})");
  EXPECT_TRUE(handoff.ok) << handoff.reply.text;
  EXPECT_EQ(handoff.action, Action::kHandoff);
  EXPECT_TRUE(session_.handoff);
}

TEST_F(ShopToolsTest, AnOpenQuestionOfTheTurnSurvivesAToolCall) {
  session_.pending = "delivery_postcode";
  Call("get_product", R"({"sku":"LMB-001"})");
  EXPECT_EQ(session_.pending, "delivery_postcode");
}

}  // namespace
}  // namespace services
