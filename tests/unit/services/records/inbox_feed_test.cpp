#include "services/records/inbox_feed.h"

#include <gtest/gtest.h>

#include "fakes/in_memory_record_stores.h"
#include "fakes/in_memory_tables.h"

namespace services {
namespace {

TEST(InboxFeedTest, TouchMovesTheTenantAndTheSessionStampsOnly) {
  InboxFeed feed;
  EXPECT_EQ(feed.TenantStamp("A"), 0);
  feed.Touch("A", "s1");
  int64_t a = feed.TenantStamp("A");
  EXPECT_GT(a, 0);
  EXPECT_EQ(feed.SessionStamp("A", "s1"), a);
  EXPECT_EQ(feed.TenantStamp("B"), 0) << "another tenant is untouched";
  feed.Touch("A", "s2");
  EXPECT_GT(feed.TenantStamp("A"), a);
  EXPECT_EQ(feed.SessionStamp("A", "s1"), a) << "another session of the same tenant is untouched";
  EXPECT_EQ(feed.SessionStamp("B", "s1"), 0);
}

TEST(InboxFeedTest, AForgottenSessionAnswersTheTenantStampSoNoWaiterMissesAChange) {
  InboxFeed feed(/*max_sessions=*/2);
  feed.Touch("A", "s1");
  int64_t seen = feed.SessionStamp("A", "s1");
  feed.Touch("A", "s2");
  feed.Touch("A", "s3");
  feed.Touch("A", "s4");  // s1 is forgotten
  EXPECT_TRUE(InboxFeed::Changed(seen, feed.SessionStamp("A", "s1")));
  EXPECT_EQ(feed.SessionStamp("A", "s1"), feed.TenantStamp("A"));
  // Touching one session over and over keeps memory bounded.
  for (int i = 0; i < 1000; ++i) feed.Touch("A", "s4");
  EXPECT_EQ(feed.SessionStamp("A", "s4"), feed.TenantStamp("A"));
}

TEST(InboxFeedTest, StampsFromAnEarlierProcessCountAsChanged) {
  InboxFeed feed;
  feed.Touch("A", "s1");
  EXPECT_TRUE(InboxFeed::Changed(1'000'000, feed.TenantStamp("A")));
  EXPECT_FALSE(InboxFeed::Changed(feed.TenantStamp("A"), feed.TenantStamp("A")));
}

TEST(InboxFeedTest, TheLeadStoreDecoratorTouchesOnlyAfterASuccessfulWrite) {
  fakes::MemoryTables tables;
  fakes::InMemoryLeadStore inner(tables);
  InboxFeed feed;
  FeedingLeadStore leads(inner, feed);
  db::Message m;
  m.tenant = "A";
  m.session = "s1";
  m.role = "staff";
  m.text = "hello";
  ASSERT_TRUE(leads.AppendMessages({m}).ok());
  EXPECT_GT(feed.SessionStamp("A", "s1"), 0);
  int64_t before = feed.TenantStamp("A");
  db::LeadPatch patch;
  patch.status = "nonsense";
  EXPECT_FALSE(leads.UpdateLead("A", 12345, patch).ok());
  EXPECT_EQ(feed.TenantStamp("A"), before) << "a refused write is no change";
  auto transcript = leads.Transcript("A", "s1");
  ASSERT_TRUE(transcript.ok());
  ASSERT_EQ(transcript->size(), 1u);
  EXPECT_EQ((*transcript)[0].role, "staff");
}

}  // namespace
}  // namespace services
