// CrmService through the real pipeline on the demo tenants: what each turn
// records, the hand-off pause and its release, a refusing record sink, and
// the owner's lead edits (over the in-memory database fakes).
#include "services/records/crm_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes/direct_record_sink.h"
#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"
#include "fakes/recording_record_sink.h"
#include "support/tenants.h"

namespace {

using nlohmann::json;
using services::ChatInput;
using testing_support::SourceDir;
using testing_support::TempDir;

class CountingIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "crm-session-" + std::to_string(n_++); }

 private:
  int n_ = 0;
};

const core::TenantKey kButcher = core::TenantKey::Parse("UK_BUTCHER").value();
const core::TenantKey kBikes = core::TenantKey::Parse("US_BIKES").value();

class CrmServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sessions_ = std::make_unique<services::InMemorySessionStore>(clock_, std::chrono::hours(1), 1000);
    direct_ = std::make_unique<fakes::DirectRecordSink>(database_.record_batches());
    sink_.forward = direct_.get();
    crm_ = std::make_unique<services::CrmService>(sink_, database_.leads(), database_.orders(), database_.audit(),
                                                  *sessions_, clock_);
    handler_ = std::make_unique<services::MessageHandler>(tenants_.tenants(), *sessions_, tenants_.normalizer(), mode_,
                                                          clock_, ids_, crm_.get());
  }

  core::Result<services::ChatTurn> Try(const core::TenantKey& tenant, const std::string& message) {
    auto turn = handler_->Handle({.request_id = "rid", .tenant = tenant, .channel = core::Channel::kWeb},
                                 ChatInput{.message = message, .session_id = session_});
    if (turn.ok()) session_ = turn->session_id;
    return turn;
  }
  services::ChatTurn Say(const std::string& message, const core::TenantKey& tenant = kButcher) {
    auto turn = Try(tenant, message);
    EXPECT_TRUE(turn.ok()) << message << ": " << (turn.ok() ? "" : turn.error().message);
    return turn.ok() ? *turn : services::ChatTurn{};
  }
  const db::RecordBatch& Last() { return sink_.batches.back(); }
  const db::Event& TurnEvent() { return Last().events.front(); }
  std::vector<std::string> Kinds() {
    std::vector<std::string> kinds;
    for (const auto& e : Last().events) kinds.push_back(e.kind);
    return kinds;
  }
  int64_t LeadIdOfSession() {
    auto page = crm_->ListLeads(kButcher, services::LeadListQuery{});
    EXPECT_TRUE(page.ok());
    for (const auto& l : page->leads) {
      if (l.session == session_) return l.id;
    }
    ADD_FAILURE() << "no lead for session " << session_;
    return 0;
  }

  // 2026-12-01 (a Tuesday) 10:00 UTC.
  fakes::FakeClock clock_{std::chrono::system_clock::from_time_t(1796119200)};
  testing_support::TenantsFixture tenants_{{.clock = &clock_}};
  CountingIds ids_;
  ai_modes::V5Deterministic mode_;
  std::unique_ptr<services::InMemorySessionStore> sessions_;
  fakes::InMemoryDatabase database_;
  std::unique_ptr<fakes::DirectRecordSink> direct_;
  fakes::RecordingRecordSink sink_;
  std::unique_ptr<services::CrmService> crm_;
  std::unique_ptr<services::MessageHandler> handler_;
  std::string session_;
};

TEST_F(CrmServiceTest, ProductSearchRecordsTheTurnTranscriptAndLead) {
  auto turn = Say("lamb chops");
  ASSERT_FALSE(turn.reply.items.empty()) << turn.reply.text;
  ASSERT_EQ(sink_.batches.size(), 1u);
  EXPECT_EQ(Kinds(), std::vector<std::string>{"turn"});
  const db::Event& e = TurnEvent();
  EXPECT_EQ(e.tenant, "UK_BUTCHER");
  EXPECT_EQ(e.session, turn.session_id);
  EXPECT_EQ(e.channel, "web");
  EXPECT_EQ(e.at, clock_.Now());
  EXPECT_EQ(e.intent, turn.intent);
  EXPECT_DOUBLE_EQ(e.confidence, turn.confidence);
  EXPECT_TRUE(e.resolved);
  EXPECT_FALSE(e.clarifier);
  EXPECT_FALSE(e.fallback);
  EXPECT_FALSE(e.zero_result);
  EXPECT_EQ(e.items, static_cast<int64_t>(turn.reply.items.size()));
  EXPECT_EQ(e.cart_value_minor, 0);
  EXPECT_EQ(e.currency, "GBP");
  EXPECT_EQ(e.query, "lamb chops");
  EXPECT_EQ(e.latency_us, turn.latency_us);
  json payload = json::parse(e.payload);
  ASSERT_EQ(payload["skus"].size(), turn.reply.items.size());
  EXPECT_EQ(payload["skus"][0], turn.reply.items[0].sku);

  ASSERT_EQ(Last().messages.size(), 2u);
  EXPECT_EQ(Last().messages[0].role, "user");
  EXPECT_EQ(Last().messages[0].text, "lamb chops");
  EXPECT_EQ(Last().messages[1].role, "bot");
  EXPECT_EQ(Last().messages[1].text, turn.reply.text);
  EXPECT_EQ(Last().messages[1].intent, turn.intent);
  json facts = json::parse(Last().messages[1].facts);
  ASSERT_FALSE(facts.empty());
  EXPECT_EQ(facts[0]["source"], "catalog");
  EXPECT_TRUE(facts[0].contains("key") && facts[0].contains("field") && facts[0].contains("value"));

  ASSERT_EQ(Last().leads.size(), 1u);
  const db::LeadUpsert& lead = Last().leads[0];
  EXPECT_EQ(lead.session, turn.session_id);
  EXPECT_EQ(lead.channel, "web");
  EXPECT_TRUE(lead.phone.empty());
  EXPECT_FALSE(lead.value_estimate_minor.has_value());
  EXPECT_NE(std::find(lead.tags.begin(), lead.tags.end(), "lamb"), lead.tags.end()) << json(lead.tags).dump();
  EXPECT_TRUE(Last().orders.empty());
}

TEST_F(CrmServiceTest, ProductNotFoundIsAZeroResult) {
  auto turn = Say("how much is duck breast");
  EXPECT_FALSE(turn.reply.resolved) << turn.reply.text;
  const db::Event& e = TurnEvent();
  EXPECT_EQ(e.items, 0);
  EXPECT_FALSE(e.resolved);
  EXPECT_TRUE(e.zero_result) << e.intent;
  EXPECT_EQ(e.query, "how much is duck breast");
}

TEST_F(CrmServiceTest, FaqAnswerIsResolvedNotZeroResult) {
  auto turn = Say("can i pay with google pay");
  ASSERT_EQ(turn.intent, "faq") << turn.reply.text;
  const db::Event& e = TurnEvent();
  EXPECT_EQ(e.intent, "faq");
  EXPECT_TRUE(e.resolved);
  EXPECT_FALSE(e.zero_result);
  EXPECT_FALSE(e.fallback);
  json facts = json::parse(Last().messages[1].facts);
  ASSERT_FALSE(facts.empty());
  EXPECT_EQ(facts[0]["source"], "faq");
}

TEST_F(CrmServiceTest, FallbackIsRecordedAsUnanswered) {
  auto turn = Say("what's the capital of France?", kBikes);
  EXPECT_FALSE(turn.reply.resolved);
  const db::Event& e = TurnEvent();
  EXPECT_EQ(e.tenant, "US_BIKES");
  EXPECT_EQ(e.currency, "USD");
  EXPECT_FALSE(e.resolved);
  EXPECT_EQ(e.fallback, turn.reply.fallback);
  EXPECT_TRUE(e.fallback) << turn.intent << ": " << turn.reply.text;
  EXPECT_FALSE(e.zero_result);
}

TEST_F(CrmServiceTest, ClarifyingQuestionAndIntentTag) {
  auto turn = Say("can you deliver to me on saturday?");
  ASSERT_TRUE(turn.reply.needs_clarification) << turn.reply.text;
  EXPECT_TRUE(TurnEvent().clarifier);
  EXPECT_EQ(Last().leads[0].tags.front(), "delivery");
}

TEST_F(CrmServiceTest, CartValueTagsThenCheckoutRecordsOrderAndBusinessEvents) {
  auto add = Say("add 1kg beef mince");
  ASSERT_TRUE(add.reply.cart_changed) << add.reply.text;
  int64_t cart = add.reply.cart.total.minor;
  ASSERT_GT(cart, 0);
  EXPECT_EQ(TurnEvent().cart_value_minor, cart);
  EXPECT_EQ(Last().leads[0].value_estimate_minor, cart);
  const auto& tags = Last().leads[0].tags;
  EXPECT_EQ(tags.front(), "cart");
  EXPECT_NE(std::find(tags.begin(), tags.end(), "beef"), tags.end()) << json(tags).dump();
  EXPECT_NE(std::find(tags.begin(), tags.end(), "beef mince"), tags.end()) << json(tags).dump();

  // A later turn that does not show the cart still knows its value.
  Say("what time do you open tomorrow?");
  EXPECT_EQ(TurnEvent().cart_value_minor, cart);

  auto done = Say("checkout for collection from Bradford, my name is Sara and my phone is 07700 900111");
  ASSERT_TRUE(done.order.has_value()) << done.reply.text;
  EXPECT_TRUE(done.contact_revealed);
  EXPECT_EQ(Kinds(), (std::vector<std::string>{"turn", "lead_captured", "checkout"}));
  EXPECT_EQ(TurnEvent().cart_value_minor, done.order->total.minor);
  const db::Event& checkout = Last().events[2];
  EXPECT_EQ(checkout.cart_value_minor, done.order->total.minor);
  json payload = json::parse(checkout.payload);
  EXPECT_EQ(payload["order_id"], done.order->order_id);
  EXPECT_EQ(payload["lines"].size(), 1u);
  EXPECT_EQ(Last().events[1].payload, R"({"via":["phone"]})");

  ASSERT_EQ(Last().orders.size(), 1u);
  const db::Order& order = Last().orders[0];
  EXPECT_EQ(order.order_id, done.order->order_id);
  EXPECT_EQ(order.fulfilment, "collection");
  EXPECT_EQ(order.total_minor, cart);
  EXPECT_EQ(order.currency, "GBP");
  json lines = json::parse(order.lines);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["sku"], "BEF-001");

  const db::LeadUpsert& lead = Last().leads[0];
  EXPECT_EQ(lead.phone, "+447700900111");
  EXPECT_EQ(lead.name, "Sara");
  EXPECT_NE(std::find(lead.tags.begin(), lead.tags.end(), "order"), lead.tags.end());

  // Written through to the database: one order, linked to the lead.
  auto orders = crm_->Orders(kButcher, db::Time{}, db::Time::max());
  ASSERT_TRUE(orders.ok());
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].lead_id, LeadIdOfSession());
}

TEST_F(CrmServiceTest, EmailRevealIsALeadCapturedOnce) {
  Say("hello");
  Say("my email is Zara@Example.com");
  EXPECT_EQ(Kinds(), (std::vector<std::string>{"turn", "lead_captured"}));
  EXPECT_EQ(Last().leads[0].email, "zara@example.com");
  EXPECT_EQ(Last().events[1].payload, R"({"via":["email"]})");
  // Contact details stay out of the analytics payload.
  EXPECT_EQ(TurnEvent().payload.find("zara"), std::string::npos) << TurnEvent().payload;
  Say("and my number is 07700 900222");
  EXPECT_EQ(Kinds(), std::vector<std::string>{"turn"});
  EXPECT_EQ(Last().leads[0].phone, "+447700900222");
}

TEST_F(CrmServiceTest, HandoffPausesTheBotUntilStaffReleaseIt) {
  auto ask = Say("can I speak to a real person");
  ASSERT_EQ(ask.intent, "human_handoff") << ask.reply.text;
  EXPECT_TRUE(ask.handoff_started);
  EXPECT_EQ(Kinds(), (std::vector<std::string>{"turn", "handoff"}));
  EXPECT_EQ(Last().leads[0].handoff, std::optional<bool>(true));

  auto waiting = Say("how much are lamb chops?");
  EXPECT_TRUE(waiting.bot_paused);
  EXPECT_EQ(waiting.intent, "human_handoff");
  EXPECT_TRUE(waiting.reply.items.empty());
  auto tenant = tenants_.tenants().Get(kButcher);
  EXPECT_EQ(waiting.reply.text, (*tenant)->settings.handoff_message);
  EXPECT_EQ(Kinds(), std::vector<std::string>{"turn"});
  EXPECT_FALSE(TurnEvent().resolved);
  EXPECT_FALSE(TurnEvent().zero_result);
  EXPECT_EQ(Last().messages[0].text, "how much are lamb chops?");
  EXPECT_EQ(Last().messages[1].text, waiting.reply.text);

  // Contact details given while waiting still reach the lead.
  auto number = Say("you can call me on 07700 900333");
  EXPECT_TRUE(number.bot_paused);
  EXPECT_EQ(Kinds(), (std::vector<std::string>{"turn", "lead_captured"}));
  EXPECT_EQ(Last().leads[0].phone, "+447700900333");

  int64_t lead_id = LeadIdOfSession();
  auto lead = crm_->GetLead(kButcher, lead_id);
  ASSERT_TRUE(lead.ok());
  EXPECT_TRUE(lead->handoff);
  auto transcript = crm_->Transcript(kButcher, lead_id);
  ASSERT_TRUE(transcript.ok());
  ASSERT_EQ(transcript->size(), 6u);
  EXPECT_EQ((*transcript)[2].text, "how much are lamb chops?");

  auto released = crm_->SetHandoff(kButcher, lead_id, false, "owner@shop.example");
  ASSERT_TRUE(released.ok()) << released.error().message;
  EXPECT_FALSE(released->handoff);
  auto answered = Say("how much are lamb chops?");
  EXPECT_FALSE(answered.bot_paused);
  EXPECT_EQ(answered.intent, "price_check");
  EXPECT_FALSE(answered.reply.items.empty());
  auto audit = database_.audit().ListAudit("UK_BUTCHER", 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ((*audit)[0].action, "lead.handoff");
  EXPECT_EQ((*audit)[0].user, "owner@shop.example");
}

TEST_F(CrmServiceTest, StaffCanTakeOverALiveConversation) {
  Say("hello");
  int64_t lead_id = LeadIdOfSession();
  ASSERT_TRUE(crm_->SetHandoff(kButcher, lead_id, true, "staff@shop.example").ok());
  auto turn = Say("do you have lamb chops?");
  EXPECT_TRUE(turn.bot_paused);
  EXPECT_FALSE(turn.handoff_started);  // staff started it, not this turn
  EXPECT_EQ(Kinds(), std::vector<std::string>{"turn"});
  // Another tenant cannot touch this lead.
  auto other = crm_->SetHandoff(kBikes, lead_id, false, "staff@bikes.example");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(Say("hello?").bot_paused);
}

TEST_F(CrmServiceTest, RefusedRecordsFailTheTurnAndKeepTheSession) {
  session_ = "refused-session-1";
  Say("add 1kg beef mince");
  sink_.refuse = true;
  auto refused = Try(kButcher, "add 1kg lamb chops");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
  EXPECT_TRUE(refused.error().retryable);
  EXPECT_FALSE(refused.error().UserMessage().empty());
  sink_.refuse = false;
  auto view = Say("what's in my basket?");
  EXPECT_EQ(view.intent, "view_cart");
  ASSERT_EQ(view.reply.cart.lines.size(), 1u) << view.reply.text;
  EXPECT_EQ(view.reply.cart.lines[0].sku, "BEF-001");
  auto session = sessions_->Get(kButcher, session_).value();
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->turns, 2);  // the refused turn did not count

  // A refused first message leaves no session behind.
  session_ = "refused-session-2";
  sink_.refuse = true;
  EXPECT_FALSE(Try(kButcher, "hello").ok());
  EXPECT_FALSE(sessions_->Get(kButcher, "refused-session-2").value().has_value());
}

TEST_F(CrmServiceTest, UpdateLeadValidatesAndAudits) {
  Say("hello");
  int64_t id = LeadIdOfSession();
  auto invalid = [&](services::LeadEdit patch) {
    auto r = crm_->UpdateLead(kButcher, id, patch, "owner@shop.example");
    EXPECT_FALSE(r.ok());
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
    }
  };
  auto status = [](std::string s) {
    services::LeadEdit p;
    p.status = std::move(s);
    return p;
  };
  auto tags = [](std::vector<std::string> t) {
    services::LeadEdit p;
    p.tags = std::move(t);
    return p;
  };
  invalid(status("maybe"));
  std::vector<std::string> many;
  for (int i = 0; i < 21; ++i) many.push_back("tag" + std::to_string(i));
  invalid(tags(many));
  invalid(tags({std::string(41, 'x')}));
  services::LeadEdit long_notes;
  long_notes.notes = std::string(4001, 'n');
  invalid(long_notes);

  services::LeadEdit edit = tags({" VIP ", "vip", "Eid  Order"});
  edit.status = "won";
  edit.notes = "call back";
  auto updated = crm_->UpdateLead(kButcher, id, edit, "owner@shop.example");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->status, "won");
  EXPECT_EQ(updated->tags, (std::vector<std::string>{"vip", "eid order"}));
  EXPECT_EQ(updated->notes, "call back");
  auto audit = database_.audit().ListAudit("UK_BUTCHER", 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "lead.update");
  EXPECT_EQ((*audit)[0].user, "owner@shop.example");
  EXPECT_EQ((*audit)[0].target, "lead:" + std::to_string(id));
  json detail = json::parse((*audit)[0].detail);
  EXPECT_EQ(detail["changed"]["status"]["to"], "won");
  EXPECT_EQ(detail["changed"]["notes"]["bytes"], 9);

  // The same patch again changes nothing and is not audited.
  ASSERT_TRUE(crm_->UpdateLead(kButcher, id, status("won"), "owner@shop.example").ok());
  EXPECT_EQ(database_.audit().ListAudit("UK_BUTCHER", 10)->size(), 1u);

  // A handoff edit pauses the session too.
  services::LeadEdit take_over;
  take_over.handoff = true;
  ASSERT_TRUE(crm_->UpdateLead(kButcher, id, take_over, "owner@shop.example").ok());
  EXPECT_TRUE(Say("anyone there?").bot_paused);

  // Tenant scope.
  auto other = crm_->UpdateLead(kBikes, id, status("lost"), "owner@bikes.example");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(crm_->GetLead(kBikes, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(crm_->Transcript(kBikes, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(crm_->ListLeads(kBikes, {})->total, 0);
  services::LeadListQuery bad_status;
  bad_status.status = "maybe";
  EXPECT_FALSE(crm_->ListLeads(kButcher, bad_status).ok());
}

TEST(CrmViewsTest, LeadSortsAndStatusesAreAllowLists) {
  EXPECT_EQ(services::ParseLeadSort("last_seen_desc"), services::LeadSort::kLastSeenDesc);
  EXPECT_EQ(services::ParseLeadSort("created_desc"), services::LeadSort::kCreatedDesc);
  EXPECT_EQ(services::ParseLeadSort("created_asc"), services::LeadSort::kCreatedAsc);
  EXPECT_EQ(services::ParseLeadSort("name_asc"), services::LeadSort::kNameAsc);
  EXPECT_EQ(services::ParseLeadSort("value_desc"), services::LeadSort::kValueDesc);
  EXPECT_FALSE(services::ParseLeadSort("NAME_ASC").has_value());
  EXPECT_FALSE(services::ParseLeadSort("name; DROP TABLE leads").has_value());
  for (const char* status : {"new", "active", "won", "lost"}) EXPECT_TRUE(services::IsLeadStatus(status)) << status;
  EXPECT_FALSE(services::IsLeadStatus("deleted"));
  EXPECT_FALSE(services::IsLeadStatus(""));
}

TEST_F(CrmServiceTest, ListsSortsAndPagesLeadsAsViews) {
  for (const char* message : {"hello", "lamb chops", "my email is amy@example.com"}) {
    session_.clear();
    clock_.Advance(std::chrono::minutes(1));
    Say(message);
  }
  services::LeadListQuery query;
  query.sort = services::LeadSort::kCreatedAsc;
  query.limit = 2;
  auto first = crm_->ListLeads(kButcher, query);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->total, 3);
  ASSERT_EQ(first->leads.size(), 2u);
  EXPECT_LT(first->leads[0].created_at, first->leads[1].created_at);
  query.offset = 2;
  auto rest = crm_->ListLeads(kButcher, query);
  ASSERT_EQ(rest->leads.size(), 1u);
  EXPECT_EQ(rest->leads[0].email, "amy@example.com");
  EXPECT_EQ(rest->leads[0].channel, "web");
  EXPECT_EQ(rest->leads[0].status, "new");
  query = {};
  query.search = "AMY@";
  EXPECT_EQ(crm_->ListLeads(kButcher, query)->total, 1);
}

}  // namespace
