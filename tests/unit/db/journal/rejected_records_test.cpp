#include "db/journal/rejected_records.h"

#include <gtest/gtest.h>

#include <chrono>

#include "db/journal/record_queue.h"
#include "fakes/fake_clock.h"
#include "fakes/fake_record_store.h"
#include "support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using fakes::FakeRecordStore;

db::RecordBatch Turn(int n, const std::string& kind) {
  db::RecordBatch b;
  db::Event e;
  e.tenant = "UK_BUTCHER";
  e.session = "s" + std::to_string(n);
  e.kind = kind;
  e.query = "q" + std::to_string(n);
  b.events.push_back(e);
  return b;
}

std::vector<std::string> Queries(const FakeRecordStore& store) {
  std::vector<std::string> out;
  for (const auto& e : store.events()) out.push_back(e.query);
  return out;
}

bool Exists(const std::filesystem::path& dir, const std::string& prefix) {
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().filename().string().starts_with(prefix)) return true;
  }
  return false;
}

class RejectedRecordsTest : public ::testing::Test {
 protected:
  // Runs turns through a queue whose store refuses events of kind "bad",
  // so those are set aside in rejected-*.jsonl.
  void SetAside(const std::vector<std::pair<int, std::string>>& turns) {
    db::RecordQueueOptions o;
    o.journal_dir = journal_;
    o.flush_interval = 0ms;
    o.retry_min = 1ms;
    o.clock = &clock_;
    auto q = db::RecordQueue::Open(queue_store_, o);
    ASSERT_TRUE(q.ok()) << q.error().message;
    queue_store_.PoisonEventKind("bad");
    for (const auto& [n, kind] : turns) ASSERT_TRUE((*q)->Enqueue(Turn(n, kind)).ok());
    (*q)->Stop();
  }

  testing_support::TempDir dir_;
  std::filesystem::path journal_ = dir_.path() / "journal";
  fakes::FakeClock clock_;
  FakeRecordStore queue_store_;
};

TEST_F(RejectedRecordsTest, SetAsideRecordsAreWrittenOnceTheCauseIsFixed) {
  SetAside({{0, "turn"}, {1, "bad"}, {2, "turn"}, {3, "bad"}});
  EXPECT_EQ(Queries(queue_store_), (std::vector<std::string>{"q0", "q2"}));
  ASSERT_TRUE(Exists(journal_, "rejected-"));

  FakeRecordStore fixed;  // e.g. after a migration, the records are accepted
  auto report = db::ReplayRejectedRecords(fixed, journal_, "records");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->replayed, 2);
  EXPECT_TRUE(report->still_refused.empty());
  ASSERT_EQ(report->finished_files.size(), 1u);
  EXPECT_EQ(Queries(fixed), (std::vector<std::string>{"q1", "q3"}));
  EXPECT_FALSE(Exists(journal_, "rejected-"));
  EXPECT_TRUE(Exists(journal_, "replayed-"));

  auto again = db::ReplayRejectedRecords(fixed, journal_, "records");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->replayed, 0);
  EXPECT_EQ(Queries(fixed).size(), 2u) << "nothing is written twice";
}

TEST_F(RejectedRecordsTest, AStillRefusedLineStopsItsFileAndTheNextRunContinuesInOrder) {
  SetAside({{1, "bad"}, {2, "worse"}, {3, "bad"}});
  // "worse" was accepted by the queue's store; only 1 and 3 were set aside.
  FakeRecordStore store;
  store.PoisonEventKind("bad");  // the cause is not fixed yet
  auto first = db::ReplayRejectedRecords(store, journal_, "records");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->replayed, 0);
  ASSERT_EQ(first->still_refused.size(), 1u);
  EXPECT_NE(first->still_refused[0].find("line 1"), std::string::npos) << first->still_refused[0];
  EXPECT_TRUE(Exists(journal_, "rejected-"));

  store.PoisonEventKind("");
  auto second = db::ReplayRejectedRecords(store, journal_, "records");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->replayed, 2);
  EXPECT_EQ(Queries(store), (std::vector<std::string>{"q1", "q3"}));
  EXPECT_FALSE(Exists(journal_, "rejected-"));
}

TEST_F(RejectedRecordsTest, AStoreThatIsDownIsAnErrorAndLosesNothing) {
  SetAside({{1, "bad"}});
  FakeRecordStore down;
  down.SetDown(true);
  auto report = db::ReplayRejectedRecords(down, journal_, "records");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, core::ErrorCode::kUnavailable);
  EXPECT_TRUE(Exists(journal_, "rejected-"));
}

TEST_F(RejectedRecordsTest, DamagedLinesAreCountedAndSkipped) {
  std::filesystem::create_directories(journal_);
  testing_support::WriteText(journal_ / "rejected-20270101.jsonl",
                             "{\"error\":\"torn\",\"raw\":\"{\\\"seq\\\":2,\\\"bat\"}\nnot json at all\n");
  FakeRecordStore store;
  auto report = db::ReplayRejectedRecords(store, journal_, "records");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->damaged, 2);
  EXPECT_EQ(report->replayed, 0);
  EXPECT_EQ(report->finished_files.size(), 1u);
}

}  // namespace
