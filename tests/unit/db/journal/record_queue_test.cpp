#include "db/journal/record_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fakes/fake_clock.h"
#include "fakes/fake_record_store.h"
#include "support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using db::RecordQueue;
using db::RecordQueueOptions;
using fakes::FakeRecordStore;
using testing_support::TempDir;

constexpr auto kLongWait = 30s;  // a safety net against hangs, never a measurement

db::RecordBatch Turn(int n, const std::string& kind = "turn") {
  db::RecordBatch b;
  db::Event e;
  e.tenant = "UK_BUTCHER";
  e.session = "s" + std::to_string(n % 7);
  e.kind = kind;
  e.query = "q" + std::to_string(n);
  b.events.push_back(e);
  db::Message m;
  m.tenant = e.tenant;
  m.session = e.session;
  m.role = "user";
  m.text = e.query;
  b.messages.push_back(m);
  return b;
}

std::vector<std::string> Queries(const FakeRecordStore& store) {
  std::vector<std::string> out;
  for (const auto& e : store.events()) out.push_back(e.query);
  return out;
}

std::vector<std::string> Expected(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back("q" + std::to_string(i));
  return out;
}

int CountFiles(const std::filesystem::path& dir, const std::string& prefix) {
  int n = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().filename().string().starts_with(prefix)) ++n;
  }
  return n;
}

// Polls a condition the code under test reaches on its own thread; the
// timeout only keeps a broken build from hanging.
template <class Pred>
bool WaitUntil(Pred pred) {
  auto deadline = std::chrono::steady_clock::now() + kLongWait;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

class RecordQueueTest : public ::testing::Test {
 protected:
  RecordQueueOptions Options() {
    RecordQueueOptions o;
    o.journal_dir = dir_.path() / "journal";
    o.max_batch = 50;
    o.flush_interval = 0ms;
    o.retry_min = 1ms;
    o.retry_max = 2ms;
    o.clock = &clock_;
    o.warn = [this](const std::string& m) { warnings_.push_back(m); };
    return o;
  }
  std::unique_ptr<RecordQueue> Open(RecordQueueOptions o) {
    auto q = RecordQueue::Open(store_, std::move(o));
    EXPECT_TRUE(q.ok()) << q.error().message;
    return q.ok() ? std::move(q).value() : nullptr;
  }

  TempDir dir_;
  fakes::FakeClock clock_;
  FakeRecordStore store_;
  std::vector<std::string> warnings_;  // written by the writer thread; read after Stop
};

TEST_F(RecordQueueTest, GroupsManyBatchesIntoFewTransactions) {
  auto q = Open(Options());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  EXPECT_EQ(q->stats().queued, 100);
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(store_.transactions(), 2);  // 100 batches, max_batch 50
  EXPECT_EQ(Queries(store_), Expected(0, 100));
  auto s = q->stats();
  EXPECT_EQ(s.committed, 100);
  EXPECT_EQ(s.transactions, 2);
  EXPECT_EQ(s.queued, 0);
  EXPECT_EQ(s.checkpoint, 100);
  EXPECT_EQ(store_.checkpoint(), 100);
}

TEST_F(RecordQueueTest, ConcurrentCallersAllLand) {
  auto q = Open(Options());
  q->Start();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&q, t] {
      for (int i = 0; i < 250; ++i) EXPECT_TRUE(q->Enqueue(Turn(t * 1000 + i)).ok());
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(store_.events().size(), 1000u);
  EXPECT_LT(store_.transactions(), 1000);
  EXPECT_EQ(q->stats().checkpoint, 1000);
}

TEST_F(RecordQueueTest, EmptyBatchIsAcceptedAndWritesNothing) {
  auto q = Open(Options());
  EXPECT_TRUE(q->Enqueue(db::RecordBatch{}).ok());
  EXPECT_EQ(q->stats().queued, 0);
}

TEST_F(RecordQueueTest, StopDrainsEverythingAndLeavesNoSegment) {
  auto options = Options();
  auto q = Open(options);
  q->Start();
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  q->Stop();
  EXPECT_EQ(Queries(store_), Expected(0, 300));
  EXPECT_EQ(CountFiles(options.journal_dir, "segment-"), 0);
  EXPECT_EQ(q->Enqueue(Turn(1)).error().code, core::ErrorCode::kUnavailable);
}

TEST_F(RecordQueueTest, StopWithoutStartDrainsOnTheCallersThread) {
  auto q = Open(Options());
  for (int i = 0; i < 120; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  q->Stop();
  EXPECT_EQ(Queries(store_), Expected(0, 120));
}

TEST_F(RecordQueueTest, DestructorDrains) {
  {
    auto q = Open(Options());
    q->Start();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  }
  EXPECT_EQ(Queries(store_), Expected(0, 10));
}

TEST_F(RecordQueueTest, StoreDownForAWhileLosesNothing) {
  auto q = Open(Options());
  store_.SetDown(true);
  q->Start();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  ASSERT_TRUE(WaitUntil([&] { return q->stats().retries >= 3; }));
  EXPECT_TRUE(q->stats().failing);
  EXPECT_TRUE(store_.events().empty());
  store_.SetDown(false);
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 20));
  auto s = q->stats();
  EXPECT_FALSE(s.failing);
  EXPECT_EQ(s.rejected, 0);
  q->Stop();
  ASSERT_GE(warnings_.size(), 2u);
  EXPECT_NE(warnings_.front().find("fake store down"), std::string::npos);
}

TEST_F(RecordQueueTest, AnUnclassifiedDriverErrorIsRetriedNotRejected) {
  auto q = Open(Options());
  ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
  store_.FailNext(1);  // not marked retryable, but the record is fine
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 1));
  EXPECT_EQ(q->stats().rejected, 0);
}

TEST_F(RecordQueueTest, FullQueueRefusesAndAcceptsAgainOnceDrained) {
  auto options = Options();
  options.capacity = 3;
  auto q = Open(options);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  auto refused = q->Enqueue(Turn(3));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(q->stats().queued, 3);
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  ASSERT_TRUE(q->Enqueue(Turn(3)).ok());
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 4));  // the refused one was never accepted
}

TEST_F(RecordQueueTest, ReplaysAfterACrashExactlyOnce) {
  auto options = Options();
  {
    auto q = Open(options);
    q->Start();
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
    ASSERT_TRUE(q->Flush(kLongWait));
    store_.SetDown(true);
    for (int i = 5; i < 12; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
    ASSERT_TRUE(WaitUntil([&] { return q->stats().retries >= 1; }));
    q->AbandonForTest();  // kill -9: nothing more is written
  }
  EXPECT_EQ(Queries(store_), Expected(0, 5));
  EXPECT_EQ(store_.checkpoint(), 5);
  EXPECT_GE(CountFiles(options.journal_dir, "segment-"), 1);

  store_.SetDown(false);
  auto q = Open(options);  // replays 5..11, not 0..4 again
  EXPECT_EQ(q->stats().replaying, 7);
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 12));
  EXPECT_EQ(q->stats().committed, 7);
  EXPECT_EQ(store_.checkpoint(), 12);
  ASSERT_TRUE(q->Enqueue(Turn(12)).ok());  // numbering continues
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(store_.checkpoint(), 13);
  EXPECT_EQ(Queries(store_), Expected(0, 13));
}

TEST_F(RecordQueueTest, NumberingContinuesAboveTheStoresCheckpointWhenTheJournalIsGone) {
  auto options = Options();
  {
    auto q = Open(options);
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
    q->Stop();
  }
  std::filesystem::remove_all(options.journal_dir);
  auto q = Open(options);
  ASSERT_TRUE(q->Enqueue(Turn(4)).ok());
  q->Stop();
  EXPECT_EQ(store_.checkpoint(), 5);
  EXPECT_EQ(Queries(store_), Expected(0, 5));
}

// Issue 10 item 9: a backlog is replayed while the queue serves; a store
// that is down at start-up delays the replay, never the start.
TEST_F(RecordQueueTest, OpenServesWhileTheStoreIsDownAndReplaysOnceItIsBack) {
  auto options = Options();
  {
    auto q = Open(options);
    store_.SetDown(true);
    ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
    q->AbandonForTest();
  }
  store_.SetDown(false);
  store_.FailNext(1000);  // every write fails for now, the checkpoint read works
  auto q = Open(options);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->stats().replaying, 1);
  ASSERT_TRUE(q->Enqueue(Turn(1)).ok()) << "new turns are accepted during the replay";
  q->Start();
  ASSERT_TRUE(WaitUntil([&] { return q->stats().retries >= 2; }));
  EXPECT_EQ(q->stats().rejected, 0) << "a store that fails is never the data's fault";
  store_.FailNext(0);
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 2));
  EXPECT_EQ(q->stats().replaying, 0);
  q->Stop();
  bool progress = false;
  for (const auto& w : warnings_) progress = progress || w.find("replay finished, 1 records") != std::string::npos;
  EXPECT_TRUE(progress);
}

// Issue 10 item 5: on a full disk the store refuses every record while an
// empty checkpoint write still succeeds. That is the environment, not the
// data: records wait, none is set aside.
TEST_F(RecordQueueTest, ADiskFullStoreNeverSetsAcknowledgedRecordsAside) {
  auto options = Options();
  options.unhealthy_after = 50ms;
  auto q = Open(options);
  q->Start();
  ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
  ASSERT_TRUE(q->Flush(kLongWait));
  store_.SetFull(true);
  for (int i = 1; i < 8; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  ASSERT_TRUE(WaitUntil([&] { return q->stats().retries >= 3; }));
  clock_.Advance(1s);
  EXPECT_FALSE(q->Health().ok()) << "failing with records waiting";
  EXPECT_EQ(q->stats().rejected, 0);
  store_.SetFull(false);
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 8));
  EXPECT_EQ(q->stats().rejected, 0);
  // Item 6: health is judged afresh, with no new turn needed.
  EXPECT_TRUE(q->Health().ok());
  q->Stop();
  EXPECT_EQ(CountFiles(options.journal_dir, "rejected-"), 0);
}

TEST_F(RecordQueueTest, ABadRecordIsSetAsideAndTheRestCommitted) {
  auto options = Options();
  auto q = Open(options);
  store_.PoisonEventKind("poison");
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(q->Enqueue(Turn(i, i == 17 ? "poison" : "turn")).ok());
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  std::vector<std::string> expected = Expected(0, 40);
  expected.erase(expected.begin() + 17);
  EXPECT_EQ(Queries(store_), expected);
  auto s = q->stats();
  EXPECT_EQ(s.rejected, 1);
  EXPECT_EQ(s.committed, 39);
  EXPECT_EQ(s.checkpoint, 40);
  q->Stop();
  ASSERT_EQ(CountFiles(options.journal_dir, "rejected-"), 1);
  std::filesystem::path rejected;
  for (const auto& f : std::filesystem::directory_iterator(options.journal_dir)) {
    if (f.path().filename().string().starts_with("rejected-")) rejected = f.path();
  }
  EXPECT_EQ(rejected.filename().string(), "rejected-20270115.jsonl");  // the fake clock's day
  std::string text = testing_support::ReadText(rejected);
  EXPECT_NE(text.find("\"seq\":18"), std::string::npos) << text;
  EXPECT_NE(text.find("poisoned event q17"), std::string::npos) << text;
  EXPECT_NE(text.find("\"query\":\"q17\""), std::string::npos) << text;
  bool logged = false;
  for (const auto& w : warnings_) logged = logged || w.find("set aside") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(RecordQueueTest, SegmentsRotateAndCommittedOnesAreDeleted) {
  auto options = Options();
  options.segment_bytes = 600;
  auto q = Open(options);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  EXPECT_GT(CountFiles(options.journal_dir, "segment-"), 3);
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(CountFiles(options.journal_dir, "segment-"), 1);  // the open one
  EXPECT_EQ(Queries(store_), Expected(0, 30));
}

TEST_F(RecordQueueTest, JournalLinesCarrySequenceNumbers) {
  auto options = Options();
  auto q = Open(options);
  ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
  ASSERT_TRUE(q->Enqueue(Turn(1)).ok());
  std::string text;
  for (const auto& f : std::filesystem::directory_iterator(options.journal_dir)) {
    if (f.path().filename().string().starts_with("segment-")) text += testing_support::ReadText(f.path());
  }
  EXPECT_EQ(text.rfind("{\"seq\":1,\"batch\":{", 0), 0u) << text;
  EXPECT_NE(text.find("\n{\"seq\":2,\"batch\":{"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST_F(RecordQueueTest, ADamagedJournalLineIsSetAsideOnReplay) {
  auto options = Options();
  {
    auto q = Open(options);
    store_.SetDown(true);
    ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
    q->AbandonForTest();
  }
  store_.SetDown(false);
  testing_support::WriteText(options.journal_dir / "segment-00000000000000000002.jsonl", "{\"seq\":2,\"bat");
  auto q = Open(options);
  q->Start();
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 1));
  EXPECT_EQ(CountFiles(options.journal_dir, "rejected-"), 1);
  EXPECT_EQ(CountFiles(options.journal_dir, "segment-"), 1);  // only the new one
}

TEST_F(RecordQueueTest, OneQueuePerJournalDirectory) {
  auto options = Options();
  auto q = Open(options);
  auto second = RecordQueue::Open(store_, options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(RecordQueueTest, EachJournalGetsItsOwnStreamSoServersSharingADatabaseKeepTheirCheckpoints) {
  auto a = RecordQueue::StreamNameFor(dir_.path() / "a", "records");
  auto b = RecordQueue::StreamNameFor(dir_.path() / "b", "records");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->rfind("records-", 0), 0u);
  EXPECT_EQ(*RecordQueue::StreamNameFor(dir_.path() / "a", "records"), *a) << "kept across restarts";
  // Two servers on one store: each replays against its own checkpoint.
  auto options_a = Options();
  options_a.journal_dir = dir_.path() / "a";
  options_a.stream = *a;
  auto options_b = Options();
  options_b.journal_dir = dir_.path() / "b";
  options_b.stream = *b;
  {
    auto qa = Open(options_a);
    auto qb = Open(options_b);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(qa->Enqueue(Turn(i)).ok());
    ASSERT_TRUE(qb->Enqueue(Turn(0)).ok());
  }
  EXPECT_EQ(store_.checkpoint(*a), 3);
  EXPECT_EQ(store_.checkpoint(*b), 1);
}

TEST_F(RecordQueueTest, AJournalFromBeforeStreamIdsKeepsTheBareName) {
  auto options = Options();
  {
    auto q = Open(options);
    ASSERT_TRUE(q->Enqueue(Turn(1)).ok());
    q->AbandonForTest();
  }
  auto name = RecordQueue::StreamNameFor(options.journal_dir, "records");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "records") << "its checkpoint is stored under the old name";
}

TEST_F(RecordQueueTest, HealthTurnsBadOnlyAfterFailingForAWhile) {
  auto options = Options();
  options.unhealthy_after = 10s;
  auto q = Open(options);
  EXPECT_TRUE(q->Health().ok());
  store_.SetDown(true);
  q->Start();
  ASSERT_TRUE(q->Enqueue(Turn(0)).ok());
  ASSERT_TRUE(WaitUntil([&] { return q->stats().failing; }));
  EXPECT_TRUE(q->Health().ok());
  clock_.Advance(11s);
  auto health = q->Health();
  ASSERT_FALSE(health.ok());
  EXPECT_NE(health.error().message.find("fake store down"), std::string::npos);
  store_.SetDown(false);
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_TRUE(q->Health().ok());
}

TEST_F(RecordQueueTest, SyncedJournalStillCommits) {
  auto options = Options();
  options.fsync_journal = true;
  auto q = Open(options);
  q->Start();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(q->Enqueue(Turn(i)).ok());
  ASSERT_TRUE(q->Flush(kLongWait));
  EXPECT_EQ(Queries(store_), Expected(0, 10));
}

}  // namespace
