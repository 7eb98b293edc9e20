// db::EventStore, db::OrderStore and db::AuditStore contract cases, and the
// tenant scope of every conversation record. Against every backend of
// store_contract.h.
#include "unit/db/store_contract.h"

namespace {

using namespace std::chrono_literals;
using store_contract::kT0;
using store_contract::Time;
using testing_support::LeadUpsertBuilder;

template <class Backend>
class RecordStoresTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(RecordStoresTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(RecordStoresTest, EventsRoundTripAndFilterByRangeAndChannel) {
  std::vector<db::Event> batch = {this->Turn("a", "s1", kT0), this->Turn("a", "s1", kT0 + 1h, "whatsapp"),
                                  this->Turn("a", "s2", kT0 + 2h), this->Turn("b", "s9", kT0 + 1h)};
  batch[1].fallback = true;
  batch[1].zero_result = true;
  batch[1].clarifier = true;
  ASSERT_TRUE(this->events().AppendEvents(batch).ok());

  auto all = this->events().QueryEvents(this->AllEvents("a"));
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  const db::Event& e = (*all)[0];
  EXPECT_GT(e.id, 0);
  EXPECT_EQ(e.tenant, "a");
  EXPECT_EQ(e.session, "s1");
  EXPECT_EQ(e.kind, "turn");
  EXPECT_EQ(e.at, kT0);
  EXPECT_DOUBLE_EQ(e.confidence, 0.75);
  EXPECT_TRUE(e.resolved);
  EXPECT_FALSE(e.fallback);
  EXPECT_EQ(e.items, 3);
  EXPECT_EQ(e.cart_value_minor, 1250);
  EXPECT_EQ(e.currency, "GBP");
  EXPECT_EQ(e.latency_us, 900);
  EXPECT_EQ(e.query, "lamb chops");
  EXPECT_EQ(e.payload, R"({"k":1})");
  EXPECT_TRUE((*all)[1].fallback && (*all)[1].zero_result && (*all)[1].clarifier);

  auto range = this->events().QueryEvents({"a", kT0 + 1h, kT0 + 2h, ""});
  ASSERT_EQ(range->size(), 1u);  // [from, to)
  EXPECT_EQ((*range)[0].channel, "whatsapp");
  auto web = this->events().QueryEvents({"a", kT0, Time::max(), "web"});
  ASSERT_EQ(web->size(), 2u);
  EXPECT_EQ(this->events().QueryEvents({"a", kT0, Time::max(), "sms"})->size(), 0u);
}

TYPED_TEST(RecordStoresTest, BatchIsAllOrNothing) {
  ASSERT_TRUE(this->orders().AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0}).ok());
  auto dup = this->orders().AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(this->orders().QueryOrders("a", kT0, Time::max())->size(), 1u);
}

TYPED_TEST(RecordStoresTest, OrdersLinkToLeadsOfTheSameTenantOnly) {
  auto lead = this->leads().UpsertLead(this->Seen("a", "s1", kT0));
  auto id = this->orders().AddOrder(
      {0, "a", "o1", "s1", lead->id, "delivery", 4200, "GBP", R"([{"sku":"L1","qty":2}])", kT0 + 1min});
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto orders = this->orders().QueryOrders("a", kT0, kT0 + 1h);
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].lead_id, lead->id);
  EXPECT_EQ((*orders)[0].total_minor, 4200);
  EXPECT_EQ((*orders)[0].lines, R"([{"sku":"L1","qty":2}])");
  // B cannot attach an order to A's lead; the same order id is fine in B.
  EXPECT_FALSE(this->orders().AddOrder({0, "b", "o1", "s1", lead->id, "pickup", 1, "GBP", "[]", kT0}).ok());
  EXPECT_TRUE(this->orders().AddOrder({0, "b", "o1", "s1", std::nullopt, "pickup", 1, "GBP", "[]", kT0}).ok());
}

TYPED_TEST(RecordStoresTest, TenantBNeverSeesTenantA) {
  ASSERT_TRUE(this->events().AppendEvents({this->Turn("a", "s1", kT0)}).ok());
  db::LeadUpsert u = this->Seen("a", "s1", kT0).Phone("+447700900123").Email("sam@example.com");
  auto a_lead = this->leads().UpsertLead(u);
  ASSERT_TRUE(a_lead.ok());
  ASSERT_TRUE(this->leads().AppendMessages({{0, "a", "s1", kT0, "user", "hi", "", 0, "[]"}}).ok());
  ASSERT_TRUE(this->orders().AddOrder({0, "a", "o1", "s1", a_lead->id, "pickup", 1, "GBP", "[]", kT0}).ok());
  ASSERT_TRUE(this->audit().AppendAudit({0, "a", "owner@a.test", kT0, "catalog.replace", "catalog", "{}"}).ok());

  EXPECT_TRUE(this->events().QueryEvents(this->AllEvents("b"))->empty());
  EXPECT_EQ(this->leads().ListLeads(this->Leads("b"))->total, 0);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("b", "sam"))->total, 0);
  EXPECT_EQ(this->leads().GetLead("b", a_lead->id).error().code, core::ErrorCode::kNotFound);
  db::LeadPatch patch;
  patch.notes = "hijack";
  EXPECT_EQ(this->leads().UpdateLead("b", a_lead->id, patch).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->leads().GetLead("a", a_lead->id)->notes, "");
  EXPECT_TRUE(this->leads().Transcript("b", "s1")->empty());
  EXPECT_TRUE(this->orders().QueryOrders("b", Time{}, Time::max())->empty());
  EXPECT_TRUE(this->audit().ListAudit("b", 10)->empty());

  // B's shopper with the same phone and session gets B's own lead.
  auto b = u;
  b.tenant = "b";
  auto b_lead = this->leads().UpsertLead(b);
  ASSERT_TRUE(b_lead.ok());
  EXPECT_NE(b_lead->id, a_lead->id);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a"))->total, 1);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("b"))->total, 1);
}

TYPED_TEST(RecordStoresTest, AuditAppendsAndListsNewestFirst) {
  ASSERT_TRUE(
      this->audit().AppendAudit({0, "a", "owner@a.test", kT0, "catalog.replace", "catalog", R"({"v":2})"}).ok());
  ASSERT_TRUE(this->audit().AppendAudit({0, "a", "owner@a.test", kT0 + 1min, "lead.update", "lead/1", "{}"}).ok());
  auto log = this->audit().ListAudit("a", 10);
  ASSERT_TRUE(log.ok()) << log.error().message;
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "lead.update");
  EXPECT_EQ((*log)[1].detail, R"({"v":2})");
  EXPECT_EQ((*log)[1].user, "owner@a.test");
  EXPECT_EQ((*log)[1].at, kT0);
  EXPECT_EQ(this->audit().ListAudit("a", 1)->size(), 1u);
}

}  // namespace
