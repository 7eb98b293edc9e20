// The channel's services over the in-memory database and the demo tenants:
// InboxProcessor (a recorded message answered once, its replies in the
// outbox), OutboxSender (accepted, retried with backoff and Retry-After,
// refused, no credentials) with a scripted sender, and WhatsAppConversations
// (staff replies inside and outside the 24-hour window).
#include <gtest/gtest.h>

#include <deque>

#include "ai_modes/reply_mode.h"
#include "fakes/direct_record_sink.h"
#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"
#include "services/channels/channel_directory.h"
#include "services/channels/inbox_processor.h"
#include "services/channels/outbound_content.h"
#include "services/channels/outbox_sender.h"
#include "services/channels/whatsapp_conversations.h"
#include "services/records/crm_service.h"
#include "services/secrets/secret_store.h"
#include "services/session/session_store.h"
#include "support/temp_dir.h"
#include "support/tenants.h"

namespace {

using namespace std::chrono_literals;

const core::TenantKey kButcher = core::TenantKey::Parse("UK_BUTCHER").value();
const core::TenantKey kBikes = core::TenantKey::Parse("US_BIKES").value();

class ScriptedSender final : public connectors::MessageSender {
 public:
  connectors::SendOutcome Send(const connectors::SendRequest& request) override {
    requests.push_back(request);
    if (outcomes.empty()) return {true, "wamid.OK" + std::to_string(requests.size()), 200, false, std::nullopt, ""};
    auto next = outcomes.front();
    outcomes.pop_front();
    return next;
  }
  std::deque<connectors::SendOutcome> outcomes;
  std::vector<connectors::SendRequest> requests;
};

class SequentialIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "id-" + std::to_string(n_++); }

 private:
  int n_ = 0;
};

class WhatsAppChannelTest : public ::testing::Test {
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
    services::OutboxOptions options;
    options.retry_min = 1s;
    options.retry_max = 60s;
    options.max_attempts = 4;
    sender_ = std::make_unique<services::OutboxSender>(
        database_.outbox(), *directory_, secrets_,
        services::OutboxSender::Senders{{"meta", &graph_}, {"twilio", &twilio_}}, clock_, options, nullptr);
    conversations_ = std::make_unique<services::WhatsAppConversations>(*crm_, database_.inbox(), database_.outbox(),
                                                                       *directory_, sink_, clock_, nullptr);
    ASSERT_TRUE(secrets_.SetSecret(kButcher, "whatsapp.access_token", "token-a").ok());
  }

  // Records a shopper's text as a webhook would; returns the claimed message.
  db::InboundMessage Receive(const std::string& shopper, const std::string& id, const std::string& text,
                             const core::TenantKey& tenant = kButcher) {
    db::InboundMessage m;
    m.tenant = tenant.str();
    m.provider = "meta";
    m.message_id = id;
    m.shopper = shopper;
    m.profile_name = "Sam Shopper";
    m.kind = "text";
    m.text = text;
    m.sent_at = m.received_at = clock_.Now();
    auto r = database_.inbox().RecordWebhook({m}, {}, db::InboundClaim{"test", clock_.Now() + 1min});
    EXPECT_TRUE(r.ok() && r->accepted.size() == 1);
    m.id = r.ok() && !r->accepted.empty() ? r->accepted.front() : 0;
    m.attempts = 1;
    return m;
  }

  std::vector<db::OutboxMessage> Outbox(const std::string& shopper, const core::TenantKey& tenant = kButcher) {
    auto rows = database_.outbox().ListOutbound(tenant.str(), shopper, 100);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<db::OutboxMessage>{};
  }

  std::vector<db::OutboxMessage> Claim() {
    auto c = database_.outbox().ClaimOutbound("test", clock_.Now(), 1min, 100);
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : std::vector<db::OutboxMessage>{};
  }

  fakes::FakeClock clock_{std::chrono::system_clock::from_time_t(1796119200)};  // Tue 2026-12-01 10:00 UTC
  testing_support::TenantsFixture tenants_{{.clock = &clock_}};
  testing_support::TempDir dir_;
  services::FileSecretStore secrets_{{dir_.path() / "secrets", std::nullopt, &clock_}};
  fakes::InMemoryDatabase database_;
  fakes::DirectRecordSink sink_{database_.record_batches()};
  SequentialIds ids_;
  ai_modes::V5Deterministic mode_;
  ScriptedSender graph_, twilio_;
  std::unique_ptr<services::InMemorySessionStore> sessions_;
  std::unique_ptr<services::CrmService> crm_;
  std::unique_ptr<services::MessageHandler> handler_;
  std::unique_ptr<services::ChannelDirectory> directory_;
  std::unique_ptr<services::InboxProcessor> processor_;
  std::unique_ptr<services::OutboxSender> sender_;
  std::unique_ptr<services::WhatsAppConversations> conversations_;
};

TEST_F(WhatsAppChannelTest, AMessageIsAnsweredOnceEvenWhenItsTurnRunsTwice) {
  db::InboundMessage m = Receive("+447700900001", "wamid.1", "how much are lamb chops?");
  auto replies = processor_->Answer(m);
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  ASSERT_FALSE(replies->empty());
  auto rows = Outbox("+447700900001");
  ASSERT_EQ(rows.size(), replies->size());
  EXPECT_EQ(rows[0].dedupe_key, "reply:" + std::to_string(m.id) + ":0");
  EXPECT_EQ(rows[0].session, "wa-447700900001");
  EXPECT_EQ(rows[0].state, "pending");
  // The completion was lost (a crash) and the turn runs again: no new rows.
  ASSERT_TRUE(processor_->Answer(m).ok());
  EXPECT_EQ(Outbox("+447700900001").size(), rows.size());
  // The session knows the shopper's number and name; the lead was recorded.
  auto session = sessions_->Get(kButcher, "wa-447700900001");
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->phone, "+447700900001");
  EXPECT_EQ((*session)->name, "Sam Shopper");
}

TEST_F(WhatsAppChannelTest, SendsAreAcceptedRetriedWithBackoffOrRefused) {
  db::InboundMessage m = Receive("+447700900002", "wamid.2", "hello");
  ASSERT_TRUE(processor_->Answer(m).ok());
  graph_.outcomes = {{false, "", 500, true, std::nullopt, "Graph API HTTP 500"},
                     {false, "", 429, true, std::chrono::seconds(30), "Graph API HTTP 429"}};
  auto first = Claim();
  ASSERT_FALSE(first.empty());
  ASSERT_TRUE(sender_->Send(first[0]).ok());
  auto row = *database_.outbox().GetOutbound("UK_BUTCHER", first[0].id);
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.next_attempt, clock_.Now() + 1s) << "first retry after retry_min";
  EXPECT_EQ(graph_.requests[0].credential, "token-a");
  EXPECT_EQ(graph_.requests[0].from, "100000000000001");
  EXPECT_EQ(graph_.requests[0].to, "+447700900002");
  EXPECT_EQ(graph_.requests[0].reference, std::to_string(first[0].id));
  clock_.Advance(1s);
  auto second = Claim();
  ASSERT_EQ(second.size(), 1u);
  ASSERT_TRUE(sender_->Send(second[0]).ok());
  EXPECT_EQ(database_.outbox().GetOutbound("UK_BUTCHER", first[0].id)->next_attempt, clock_.Now() + 30s)
      << "Retry-After is longer than the backoff";
  clock_.Advance(30s);
  auto third = Claim();
  ASSERT_EQ(third.size(), 1u);
  ASSERT_TRUE(sender_->Send(third[0]).ok());
  row = *database_.outbox().GetOutbound("UK_BUTCHER", first[0].id);
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.provider_message_id, "wamid.OK3");

  // A refusal that retrying cannot fix fails at once.
  db::InboundMessage other = Receive("+447700900003", "wamid.3", "hello");
  ASSERT_TRUE(processor_->Answer(other).ok());
  graph_.outcomes = {{false, "", 400, false, std::nullopt, "Graph API HTTP 400 131026: undeliverable"}};
  auto refused = Claim();
  ASSERT_FALSE(refused.empty());
  ASSERT_TRUE(sender_->Send(refused[0]).ok());
  row = *database_.outbox().GetOutbound("UK_BUTCHER", refused[0].id);
  EXPECT_EQ(row.state, "failed");
  EXPECT_NE(row.error.find("131026"), std::string::npos);
}

TEST_F(WhatsAppChannelTest, MissingCredentialsAreRetriedThenGivenUp) {
  ASSERT_TRUE(secrets_.DeleteSecret(kButcher, "whatsapp.access_token").ok());
  db::InboundMessage m = Receive("+447700900004", "wamid.4", "hello");
  ASSERT_TRUE(processor_->Answer(m).ok());
  int64_t id = 0;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    auto claimed = Claim();
    ASSERT_FALSE(claimed.empty()) << attempt;
    id = claimed[0].id;
    ASSERT_TRUE(sender_->Send(claimed[0]).ok());
    clock_.Advance(1min);
  }
  EXPECT_TRUE(graph_.requests.empty()) << "nothing is sent without a token";
  auto row = *database_.outbox().GetOutbound("UK_BUTCHER", id);
  EXPECT_EQ(row.state, "failed");
  EXPECT_NE(row.error.find("whatsapp.access_token is not set"), std::string::npos) << row.error;
}

TEST_F(WhatsAppChannelTest, StaffRepliesAreTextInsideTheWindowAndTheTemplateOutside) {
  db::InboundMessage m = Receive("+447700900005", "wamid.5", "my name is Sam, do you deliver to LS1?");
  ASSERT_TRUE(processor_->Answer(m).ok());
  auto page = crm_->ListLeads(kButcher, services::LeadListQuery{});
  ASSERT_TRUE(page.ok());
  int64_t lead = 0;
  for (const auto& l : page->leads) {
    if (l.phone == "+447700900005") lead = l.id;
  }
  ASSERT_NE(lead, 0) << "the WhatsApp shopper became a lead with their number";

  auto inside = conversations_->SendStaffReply(kButcher, lead, "Yes, tomorrow morning.", "jo@butcher.test", "r1");
  ASSERT_TRUE(inside.ok()) << inside.error().message;
  EXPECT_FALSE(inside->templated);
  EXPECT_EQ(inside->provider, "meta");
  auto text = services::DecodeOutbound(database_.outbox().GetOutbound("UK_BUTCHER", inside->outbox_ids[0])->content);
  EXPECT_EQ(text->text, "Yes, tomorrow morning.");
  EXPECT_TRUE(crm_->GetLead(kButcher, lead)->handoff) << "staff took the conversation over";
  auto again = conversations_->SendStaffReply(kButcher, lead, "Yes, tomorrow morning.", "jo@butcher.test", "r1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outbox_ids, inside->outbox_ids) << "the same request queues once";
  auto transcript = crm_->Transcript(kButcher, lead);
  ASSERT_TRUE(transcript.ok());
  int staff_lines = 0;
  for (const auto& turn : *transcript) staff_lines += turn.role == "staff";
  EXPECT_EQ(staff_lines, 1) << "kept in the transcript once";

  clock_.Advance(25h);
  auto outside = conversations_->SendStaffReply(kButcher, lead, "Your order is ready.", "jo@butcher.test", "r2");
  ASSERT_TRUE(outside.ok()) << outside.error().message;
  EXPECT_TRUE(outside->templated);
  auto tpl = services::DecodeOutbound(database_.outbox().GetOutbound("UK_BUTCHER", outside->outbox_ids[0])->content);
  ASSERT_TRUE(tpl.ok());
  EXPECT_EQ(tpl->kind, connectors::OutboundMessage::Kind::kTemplate);
  EXPECT_EQ(tpl->template_name, "order_follow_up");
  EXPECT_EQ(tpl->template_language, "en_GB");
  EXPECT_EQ(tpl->template_parameters, (std::vector<std::string>{"Sam Shopper", "Your order is ready."}));

  EXPECT_EQ(conversations_->SendStaffReply(kButcher, lead, " ", "jo", "r3").error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(conversations_->SendStaffReply(kBikes, lead, "hi", "jo", "r4").error().code, core::ErrorCode::kNotFound)
      << "another tenant's lead";
}

TEST_F(WhatsAppChannelTest, WithoutATemplateAReplyOutsideTheWindowIsRefused) {
  db::InboundMessage m = Receive("+15035550199", "wamid.6", "do you sell helmets?", kBikes);
  ASSERT_TRUE(processor_->Answer(m).ok());
  auto page = crm_->ListLeads(kBikes, services::LeadListQuery{});
  ASSERT_TRUE(page.ok() && !page->leads.empty());
  clock_.Advance(25h);
  auto refused = conversations_->SendStaffReply(kBikes, page->leads[0].id, "Still interested?", "jo", "r1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("template"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(Outbox("+15035550199", kBikes).size() >= 1u);
}

}  // namespace
