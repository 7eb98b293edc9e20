// WhatsAppWebhooks over the in-memory database, with a tenant that answers
// Twilio in the webhook's TwiML response: the turn runs inside the request,
// its reply comes back for the TwiML and is kept in the outbox as sent; a
// redelivery gets no second answer; a foreign account or an unset secret
// is refused with nothing recorded.
#include "services/channels/whatsapp_webhooks.h"

#include <gtest/gtest.h>

#include <fstream>

#include "ai_modes/reply_mode.h"
#include "fakes/direct_record_sink.h"
#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"
#include "services/channels/webhook_signatures.h"
#include "services/records/crm_service.h"
#include "services/session/session_store.h"
#include "support/temp_dir.h"
#include "support/tenants.h"

namespace {

using namespace std::chrono_literals;
using testing_support::SourceDir;
using testing_support::TempDir;

const core::TenantKey kBikes = core::TenantKey::Parse("US_BIKES").value();
constexpr const char* kSid = "AC0123456789abcdef0123456789abcdef";
constexpr const char* kToken = "twilio-token";

// US_BIKES with "reply": "twiml".
std::filesystem::path TwimlBusiness(const TempDir& dir) {
  testing_support::CopyTree(SourceDir() / "business" / "US_BIKES", dir.path() / "US_BIKES");
  std::ofstream(dir.path() / "US_BIKES" / "channels.json") << R"({"whatsapp":{"phone_number_id":"100000000000002"},
            "twilio":{"account_sid":"AC0123456789abcdef0123456789abcdef","number":"whatsapp:+15035550100","reply":"twiml"}})";
  return dir.path();
}

class SequentialIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "id-" + std::to_string(n_++); }

 private:
  int n_ = 0;
};

class WhatsAppWebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sessions_ = std::make_unique<services::InMemorySessionStore>(clock_, 2h, 1000);
    crm_ = std::make_unique<services::CrmService>(sink_, database_.leads(), database_.orders(), database_.audit(),
                                                  *sessions_, clock_);
    handler_ = std::make_unique<services::MessageHandler>(tenants_.tenants(), *sessions_, tenants_.normalizer(), mode_,
                                                          clock_, ids_, crm_.get());
    directory_ = std::make_unique<services::ChannelDirectory>(tenants_.repository(), clock_, 0ms, nullptr);
    processor_ =
        std::make_unique<services::InboxProcessor>(database_.inbox(), *directory_, tenants_.tenants(), *handler_, *crm_,
                                                   *sessions_, clock_, services::InboxOptions{}, nullptr);
    webhooks_ = std::make_unique<services::WhatsAppWebhooks>(
        *directory_, secrets_, database_.inbox(), *processor_, clock_, [this] { ++wakes_; },
        services::WebhookOptions{.public_base_url = "https://bot.example/", .worker_id = "w"});
    ASSERT_TRUE(secrets_.SetSecret(kBikes, "twilio.auth_token", kToken).ok());
  }

  // A form body: '+' and ':' percent-encoded as Twilio sends them.
  static std::string Body(const services::FormParams& params) {
    std::string body;
    for (const auto& [k, v] : params) {
      body += (body.empty() ? "" : "&") + k + "=";
      for (char c : v) body += c == '+' ? std::string("%2B") : c == ':' ? std::string("%3A") : std::string(1, c);
    }
    return body;
  }
  core::Result<services::TwilioAck> Post(const services::FormParams& params,
                                         std::optional<std::string> signature = std::nullopt) {
    return webhooks_->AcceptTwilio(
        Body(params), "/whatsapp_webhook/twilio",
        signature ? *signature
                  : services::TwilioSignature(kToken, "https://bot.example/whatsapp_webhook/twilio", params));
  }

  static services::FormParams Message(const std::string& sid, const std::string& account = kSid) {
    return {{"MessageSid", sid},
            {"AccountSid", account},
            {"From", "whatsapp:+15035550123"},
            {"To", "whatsapp:+15035550100"},
            {"Body", "hello"},
            {"NumMedia", "0"}};
  }

  fakes::FakeClock clock_{std::chrono::system_clock::from_time_t(1796119200)};
  TempDir business_;
  testing_support::TenantsFixture tenants_{{.business_dir = TwimlBusiness(business_), .clock = &clock_}};
  TempDir dir_;
  services::FileSecretStore secrets_{{dir_.path() / "secrets", std::nullopt, &clock_}};
  fakes::InMemoryDatabase database_;
  fakes::DirectRecordSink sink_{database_.record_batches()};
  SequentialIds ids_;
  ai_modes::V5Deterministic mode_;
  int wakes_ = 0;
  std::unique_ptr<services::InMemorySessionStore> sessions_;
  std::unique_ptr<services::CrmService> crm_;
  std::unique_ptr<services::MessageHandler> handler_;
  std::unique_ptr<services::ChannelDirectory> directory_;
  std::unique_ptr<services::InboxProcessor> processor_;
  std::unique_ptr<services::WhatsAppWebhooks> webhooks_;
};

TEST_F(WhatsAppWebhooksTest, TwimlModeAnswersInTheResponseOnce) {
  auto ack = Post(Message("SM0000000000000000000000000000000A"));
  ASSERT_TRUE(ack.ok()) << ack.error().message;
  EXPECT_EQ(ack->ack.accepted, 1);
  ASSERT_FALSE(ack->twiml_messages.empty()) << "the reply comes back for the TwiML";
  EXPECT_EQ(wakes_, 0) << "nothing left for the workers";
  EXPECT_EQ(*database_.outbox().CountUnsentOutbound(), 0) << "kept as sent, never sent again";
  EXPECT_EQ(*database_.inbox().CountPendingInbound(), 0);
  auto rows = database_.outbox().ListOutbound("US_BIKES", "+15035550123", 10);
  ASSERT_EQ(rows->size(), ack->twiml_messages.size());
  EXPECT_EQ(rows->front().state, "sent");

  auto again = Post(Message("SM0000000000000000000000000000000A"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ack.duplicates, 1);
  EXPECT_TRUE(again->twiml_messages.empty()) << "a redelivery is not answered twice";
}

TEST_F(WhatsAppWebhooksTest, ForeignAccountsBadSignaturesAndMissingSecretsRecordNothing) {
  // Signed with the right token, but for another account.
  auto foreign = Post(Message("SM0000000000000000000000000000000B", "AC99999999999999999999999999999999"));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kForbidden);
  auto forged = Post(Message("SM0000000000000000000000000000000C"),
                     services::TwilioSignature("guess", "https://bot.example/whatsapp_webhook/twilio",
                                               Message("SM0000000000000000000000000000000C")));
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, core::ErrorCode::kForbidden);
  auto unsigned_hook = webhooks_->AcceptTwilio(Body(Message("SM0000000000000000000000000000000D")),
                                               "/whatsapp_webhook/twilio", std::nullopt);
  ASSERT_FALSE(unsigned_hook.ok());
  EXPECT_EQ(unsigned_hook.error().code, core::ErrorCode::kForbidden);
  // Meta for US_BIKES: no app secret set, so nothing can be verified.
  auto meta = webhooks_->AcceptMeta(
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"100000000000002"},"messages":[{"from":"15035550123","id":"wamid.Z","timestamp":"1796119200","type":"text","text":{"body":"hi"}}]}}]}]})",
      std::string("sha256=00"));
  ASSERT_FALSE(meta.ok());
  EXPECT_EQ(meta.error().code, core::ErrorCode::kUnauthorized);
  EXPECT_EQ(*database_.inbox().CountPendingInbound(), 0);
  EXPECT_TRUE(database_.inbox().ListInbound("US_BIKES", "+15035550123", 10)->empty());
}

}  // namespace
