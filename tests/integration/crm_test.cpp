// What conversations over /chat_api leave in the operational database (the
// server's default SQLite file), read back after a graceful stop.
#include <gtest/gtest.h>

#include <algorithm>

#include "db/sqlite/sqlite_database.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

json Chat(const ServerProcess& server, const std::string& message, std::string& session) {
  json body = {{"message", message}, {"tenant", "UK_BUTCHER"}};
  if (!session.empty()) body["session_id"] = session;
  HttpReply r = Request(server.port(), "POST", "/chat_api", body.dump());
  EXPECT_EQ(r.status, 200) << message << ": " << r.body;
  if (r.status != 200) return json::object();
  json j = r.Json();
  session = j["session_id"];
  return j;
}

size_t Count(const std::vector<db::Event>& events, const std::string& kind) {
  return static_cast<size_t>(
      std::count_if(events.begin(), events.end(), [&](const db::Event& e) { return e.kind == kind; }));
}

TEST(CrmIntegrationTest, ConversationLeavesEventsTranscriptMergedLeadAndOrder) {
  ServerProcess server;
  ASSERT_TRUE(server.Start()) << server.output();

  // A shopper known by phone from an earlier conversation...
  std::string known;
  Chat(server, "hello", known);
  Chat(server, "my number is 07700 900555", known);
  // ...comes back anonymously, then orders and gives the same number.
  std::string anonymous;
  Chat(server, "do you have lamb chops?", anonymous);
  Chat(server, "add 1kg beef mince", anonymous);
  json done = Chat(server, "checkout for collection from Bradford, my name is Sara and my phone is 07700 900555",
                   anonymous);
  ASSERT_TRUE(done.contains("order_id")) << done.dump();
  // Hand-off: the bot answers with the holding text until staff release it.
  std::string waiting;
  Chat(server, "can I speak to a real person", waiting);
  json held = Chat(server, "how much are lamb chops?", waiting);
  EXPECT_EQ(held["intent"], "human_handoff") << held.dump();
  EXPECT_TRUE(held["items"].empty()) << held.dump();
  ASSERT_EQ(server.Stop(), 0) << server.output();

  auto opened = db::SqliteDatabase::Open(server.dir() / "data" / "aiv7.db");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  db::SqliteDatabase& store = **opened;

  db::EventQuery all_events;
  all_events.tenant = "UK_BUTCHER";
  auto events = store.events().QueryEvents(all_events);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(Count(*events, "turn"), 7u);
  EXPECT_EQ(Count(*events, "lead_captured"), 2u);
  EXPECT_EQ(Count(*events, "checkout"), 1u);
  EXPECT_EQ(Count(*events, "handoff"), 1u);
  for (const auto& e : *events) EXPECT_EQ(e.channel, "web");

  db::LeadQuery by_phone;
  by_phone.tenant = "UK_BUTCHER";
  by_phone.search = "+447700900555";
  auto leads = store.leads().ListLeads(by_phone);
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads->total, 1) << "the anonymous lead is folded into the known one";
  const db::Lead& lead = leads->leads[0];
  EXPECT_EQ(lead.session, anonymous);
  EXPECT_EQ(lead.name, "Sara");
  EXPECT_NE(std::find(lead.tags.begin(), lead.tags.end(), "lamb"), lead.tags.end());
  EXPECT_NE(std::find(lead.tags.begin(), lead.tags.end(), "order"), lead.tags.end());
  EXPECT_GT(lead.value_estimate_minor, 0);
  EXPECT_EQ(lead.currency, "GBP");

  auto transcript = store.leads().Transcript("UK_BUTCHER", anonymous);
  ASSERT_TRUE(transcript.ok());
  ASSERT_EQ(transcript->size(), 6u);
  EXPECT_EQ((*transcript)[0].role, "user");
  EXPECT_EQ((*transcript)[0].text, "do you have lamb chops?");
  EXPECT_EQ((*transcript)[1].role, "bot");
  EXPECT_NE((*transcript)[1].facts, "[]");

  auto orders = store.orders().QueryOrders("UK_BUTCHER", db::Time{}, db::Time::max());
  ASSERT_TRUE(orders.ok());
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].order_id, done["order_id"]);
  EXPECT_EQ((*orders)[0].lead_id, lead.id);
  EXPECT_EQ((*orders)[0].fulfilment, "collection");

  db::LeadQuery all_leads;
  all_leads.tenant = "UK_BUTCHER";
  auto paused = store.leads().ListLeads(all_leads);
  ASSERT_TRUE(paused.ok());
  bool found = false;
  for (const auto& l : paused->leads) found |= l.session == waiting && l.handoff;
  EXPECT_TRUE(found) << "the hand-off session's lead is flagged";
}

}  // namespace
