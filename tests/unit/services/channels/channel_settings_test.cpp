// channels.json: validated like every tenant file (schema errors with the
// JSON pointer), and read into ChannelSettings with defaults.
#include "services/channels/channel_settings.h"

#include <gtest/gtest.h>

#include "retrieval/tenant_validation.h"
#include "support/tenant_fixture.h"
#include "support/tenants.h"

namespace {

using nlohmann::json;
using testing_support::MinimalTenantTexts;
using testing_support::SourceDir;

TEST(ChannelSettingsTest, TheDemoTenantsChannelsAreRead) {
  testing_support::TenantsFixture fixture;
  auto butcher = fixture.repository().Load(*core::TenantKey::Parse("UK_BUTCHER"));
  ASSERT_TRUE(butcher.ok()) << butcher.error().message;
  services::ChannelSettings s = services::ChannelSettingsOf(**butcher);
  EXPECT_TRUE(s.meta.enabled);
  EXPECT_EQ(s.meta.phone_number_id, "100000000000001");
  ASSERT_TRUE(s.meta.follow_up);
  EXPECT_EQ(s.meta.follow_up->name, "order_follow_up");
  EXPECT_EQ(s.meta.follow_up->parameters, (std::vector<std::string>{"name", "text"}));
  EXPECT_FALSE(s.twilio.enabled);
  EXPECT_EQ(s.texts.list_button, "See our cuts");
  EXPECT_EQ(s.texts.choices_button, "Choose") << "a default for what the file leaves out";

  auto bikes = fixture.repository().Load(*core::TenantKey::Parse("US_BIKES"));
  ASSERT_TRUE(bikes.ok());
  services::ChannelSettings b = services::ChannelSettingsOf(**bikes);
  EXPECT_TRUE(b.twilio.enabled);
  EXPECT_EQ(b.twilio.number, "whatsapp:+15035550100");
  EXPECT_FALSE(b.twilio.twiml);
}

TEST(ChannelSettingsTest, ABadChannelsFileIsRefusedWithThePointer) {
  auto schemas = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
  ASSERT_TRUE(schemas.ok());
  retrieval::FileTexts texts = MinimalTenantTexts();
  texts["channels.json"] = json({{"whatsapp", {{"phone_number_id", "+44 113"}}},
                                 {"twilio", {{"account_sid", "AC1"}, {"number", "+15035550100"}}},
                                 {"secrets", {{"app_secret", "x"}}}})
                               .dump();
  auto r = retrieval::ValidateTenantFiles(**schemas, texts);
  ASSERT_FALSE(r.ok());
  auto has = [&](const std::string& pointer) {
    for (const auto& d : r.error().details) {
      if (d.file == "channels.json" && d.pointer == pointer) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("/whatsapp/phone_number_id")) << retrieval::FormatDetails(r.error().details);
  EXPECT_TRUE(has("/twilio/account_sid"));
  EXPECT_TRUE(has("/twilio/number"));
  EXPECT_TRUE(has("")) << "no secrets in channels.json: " << retrieval::FormatDetails(r.error().details);
}

TEST(ChannelSettingsTest, DisabledOrIncompleteChannelsAreOff) {
  auto schemas = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
  ASSERT_TRUE(schemas.ok());
  retrieval::FileTexts texts = MinimalTenantTexts();
  texts["channels.json"] = R"({"whatsapp":{"phone_number_id":"12345","enabled":false},
      "twilio":{"account_sid":"AC0123456789abcdef0123456789abcdef","number":"whatsapp:+15035550100","reply":"twiml"}})";
  auto docs = retrieval::ValidateTenantFiles(**schemas, texts);
  ASSERT_TRUE(docs.ok()) << retrieval::FormatDetails(docs.error().details);
  retrieval::TenantData data{*core::TenantKey::Parse("SHOP"), 1, "", *docs};
  services::ChannelSettings s = services::ChannelSettingsOf(data);
  EXPECT_FALSE(s.meta.enabled) << "switched off";
  EXPECT_TRUE(s.twilio.enabled);
  EXPECT_TRUE(s.twilio.twiml);
  retrieval::TenantData none{*core::TenantKey::Parse("SHOP"), 1, "", {}};
  EXPECT_FALSE(services::ChannelSettingsOf(none).meta.enabled);
  EXPECT_FALSE(services::ChannelSettingsOf(none).twilio.enabled);
}

}  // namespace
