// db::RecordBatchStore contract cases: the group commit of db::RecordQueue
// (all or nothing, checkpoints, exactly once, lead merges and orders as the
// other roles do them). Against every backend of store_contract.h.
#include "unit/db/store_contract.h"

namespace {

using namespace std::chrono_literals;
using store_contract::kT0;
using store_contract::Time;
using testing_support::LeadUpsertBuilder;

template <class Backend>
class RecordBatchStoreTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(RecordBatchStoreTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(RecordBatchStoreTest, WriteBatchCommitsEverythingWithTheCheckpoint) {
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 0);
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0), this->Turn("a", "s2", kT0 + 1s)};
  batch.messages = {{0, "a", "s1", kT0, "user", "lamb chops?", "product_search", 0.9, "[]"},
                    {0, "a", "s1", kT0 + 1ms, "bot", "Yes: 4.50", "product_search", 0.9, R"(["sku:L1"])"}};
  batch.leads = {this->Seen("a", "s1", kT0).Tags({"lamb"})};
  batch.orders = {{0, "a", "o1", "s1", std::nullopt, "pickup", 900, "GBP", "[]", kT0}};
  auto st = this->batches().WriteBatch(batch, "records", 42);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 42);
  EXPECT_EQ(*this->batches().ReadCheckpoint("other"), 0);
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 2u);
  auto transcript = this->leads().Transcript("a", "s1");
  ASSERT_EQ(transcript->size(), 2u);
  EXPECT_EQ((*transcript)[1].facts, R"(["sku:L1"])");
  auto leads = this->leads().ListLeads(this->Leads("a"));
  ASSERT_EQ(leads->total, 1);
  EXPECT_EQ(leads->leads[0].tags, std::vector<std::string>{"lamb"});
  EXPECT_EQ(this->orders().QueryOrders("a", kT0, Time::max())->size(), 1u);

  // An empty batch only moves the checkpoint.
  ASSERT_TRUE(this->batches().WriteBatch({}, "records", 43).ok());
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 43);
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 2u);
}

TYPED_TEST(RecordBatchStoreTest, WriteBatchWithABadRecordRollsBackEntirely) {
  ASSERT_TRUE(this->batches().WriteBatch({}, "records", 7).ok());
  auto other_tenants_lead = this->leads().UpsertLead(this->Seen("b", "sb", kT0));
  ASSERT_TRUE(other_tenants_lead.ok());
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  batch.messages = {{0, "a", "s1", kT0, "user", "hi", "", 0, "[]"}};
  batch.leads = {this->Seen("a", "s1", kT0)};
  // An order naming another tenant's lead: the batch must not half-apply.
  batch.orders = {{0, "a", "o1", "s1", other_tenants_lead->id, "pickup", 1, "GBP", "[]", kT0}};
  auto st = this->batches().WriteBatch(batch, "records", 8);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 7);
  EXPECT_TRUE(this->events().QueryEvents(this->AllEvents("a"))->empty());
  EXPECT_TRUE(this->leads().Transcript("a", "s1")->empty());
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a"))->total, 0);
  EXPECT_TRUE(this->orders().QueryOrders("a", kT0, Time::max())->empty());
  // The connection is fine afterwards.
  batch.orders[0].lead_id.reset();
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 8).ok());
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 8);
}

TYPED_TEST(RecordBatchStoreTest, WriteBatchMergesLeadsLikeUpsertLead) {
  // Three turns of one shopper in one group: anonymous, then a phone, then
  // a second anonymous session that gives the same phone.
  db::RecordBatch batch;
  batch.leads = {
      this->Seen("a", "s1", kT0).Tags({"lamb"}).Value(2500),
      this->Seen("a", "s1", kT0 + 1min).Phone("+447700900123").Name("Sam"),
      this->Seen("a", "s2", kT0 + 1h).Tags({"beef"}),
      this->Seen("a", "s2", kT0 + 2h).Phone("+447700900123").Email("sam@example.com"),
  };
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 1).ok());
  auto leads = this->leads().ListLeads(this->Leads("a"));
  ASSERT_EQ(leads->total, 1);
  const db::Lead& lead = leads->leads[0];
  EXPECT_EQ(lead.session, "s2");
  EXPECT_EQ(lead.name, "Sam");
  EXPECT_EQ(lead.phone, "+447700900123");
  EXPECT_EQ(lead.email, "sam@example.com");
  EXPECT_EQ(lead.tags, (std::vector<std::string>{"lamb", "beef"}));
  EXPECT_EQ(lead.value_estimate_minor, 2500);
  EXPECT_EQ(lead.created_at, kT0);
  EXPECT_EQ(lead.last_seen, kT0 + 2h);
}

TYPED_TEST(RecordBatchStoreTest, WriteBatchSkipsAnExistingOrder) {
  ASSERT_TRUE(this->orders().AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0}).ok());
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  batch.orders = {{0, "a", "o1", "s1", std::nullopt, "delivery", 999, "GBP", "[]", kT0 + 1s},
                  {0, "a", "o2", "s1", std::nullopt, "pickup", 200, "GBP", "[]", kT0 + 2s}};
  auto st = this->batches().WriteBatch(batch, "records", 3);
  ASSERT_TRUE(st.ok()) << st.error().message;
  auto orders = this->orders().QueryOrders("a", kT0, Time::max());
  ASSERT_EQ(orders->size(), 2u);
  EXPECT_EQ((*orders)[0].order_id, "o1");
  EXPECT_EQ((*orders)[0].total_minor, 100);  // the first one stays
  EXPECT_EQ((*orders)[1].order_id, "o2");
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 1u);
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 3);
  // Replaying the same batch (same orders) is harmless for orders.
  db::RecordBatch orders_again;
  orders_again.orders = batch.orders;
  ASSERT_TRUE(this->batches().WriteBatch(orders_again, "records", 4).ok());
  EXPECT_EQ(this->orders().QueryOrders("a", kT0, Time::max())->size(), 2u);
}

TYPED_TEST(RecordBatchStoreTest, WriteBatchLinksACheckoutOrderToTheLeadOfItsSession) {
  db::RecordBatch batch;
  batch.leads = {LeadUpsertBuilder("a", "s9").Channel("").Phone("+447700900123").At(kT0)};
  batch.orders = {{0, "a", "o9", "s9", std::nullopt, "pickup", 500, "GBP", "[]", kT0},
                  {0, "a", "o10", "other-session", std::nullopt, "pickup", 100, "GBP", "[]", kT0}};
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 1).ok());
  auto leads = this->leads().ListLeads(this->Leads("a"));
  ASSERT_EQ(leads->total, 1);
  auto orders = this->orders().QueryOrders("a", kT0, Time::max());
  ASSERT_EQ(orders->size(), 2u);
  EXPECT_EQ((*orders)[0].lead_id, leads->leads[0].id);
  EXPECT_FALSE((*orders)[1].lead_id.has_value()) << "no lead for that session in the batch";
}

TYPED_TEST(RecordBatchStoreTest, WriteBatchIsIdempotentForACheckpointAlreadyStored) {
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 7).ok());
  // The same group again (a retry after a lost COMMIT answer): no duplicate.
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 7).ok());
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records", 5).ok());
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 1u);
  EXPECT_EQ(*this->batches().ReadCheckpoint("records"), 7);
  // Another stream has its own checkpoint.
  ASSERT_TRUE(this->batches().WriteBatch(batch, "records-other", 1).ok());
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 2u);
}

}  // namespace
