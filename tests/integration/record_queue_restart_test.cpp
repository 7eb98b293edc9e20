// The record write path across process death and restart, over a real
// SQLite database: a child process journals records and is killed with
// SIGKILL; the next RecordQueue::Open replays and every acknowledged record
// is in the database exactly once. Also the real `aiv7 serve` opens the
// journal under DATA_DIR and leaves nothing behind on SIGTERM.
//
// TODO(issue 4): once the CRM feeds the RecordSink from /chat_api, add the
// HTTP-level version: chat turns, kill -9 the server, restart, count rows.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "db/journal/record_queue.h"
#include "db/sqlite/sqlite_database.h"
#include "support/http_client.h"
#include "support/lead_upsert_builder.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using db::RecordQueue;
using db::RecordQueueOptions;
using testing_support::TempDir;

db::RecordBatch Turn(int n) {
  db::RecordBatch b;
  db::Event e;
  e.tenant = "UK_BUTCHER";
  e.session = "s" + std::to_string(n % 13);
  e.kind = "turn";
  e.at = db::Time(std::chrono::milliseconds(1'790'000'000'000 + n));
  e.query = "q" + std::to_string(n);
  b.events.push_back(e);
  db::Message m{0, e.tenant, e.session, e.at, "user", e.query, "", 0, "[]"};
  b.messages.push_back(m);
  b.leads.push_back(testing_support::LeadUpsertBuilder(e.tenant, e.session).Channel("").At(e.at));
  return b;
}

RecordQueueOptions Options(const TempDir& dir) {
  RecordQueueOptions o;
  o.journal_dir = dir.path() / "journal";
  o.max_batch = 64;
  o.flush_interval = 1ms;
  return o;
}

// Runs `body` in a child process that dies by SIGKILL when it returns, as
// a crashed server would. Returns whether it died that way.
template <class Body>
bool RunAndKill(Body body) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int code = body();
    if (code != 0) ::_exit(code);
    ::raise(SIGKILL);
    ::_exit(99);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

std::set<std::string> Queries(db::SqliteDatabase& database, size_t* rows) {
  db::EventQuery q;
  q.tenant = "UK_BUTCHER";
  auto events = database.events().QueryEvents(q);
  std::set<std::string> out;
  if (!events.ok()) return out;
  for (const auto& e : *events) out.insert(e.query);
  *rows = events->size();
  return out;
}

void ExpectExactlyOnce(const TempDir& dir, int n) {
  auto database = db::SqliteDatabase::Open(dir.path() / "ops.db");
  ASSERT_TRUE(database.ok()) << database.error().message;
  auto queue = RecordQueue::Open((*database)->record_batches(), Options(dir));
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  (*queue)->Start();  // the backlog is replayed by the writer
  ASSERT_TRUE((*queue)->Flush(60s));
  EXPECT_EQ((*queue)->stats().replaying, 0);
  size_t rows = 0;
  std::set<std::string> queries = Queries(**database, &rows);
  EXPECT_EQ(rows, static_cast<size_t>(n));
  EXPECT_EQ(queries.size(), static_cast<size_t>(n));
  EXPECT_EQ(*(*database)->record_batches().ReadCheckpoint("records"), n);
  (*queue)->Stop();
}

TEST(RecordQueueRestartTest, KilledBeforeTheWriterRanLosesNothing) {
  TempDir dir;
  constexpr int kN = 500;
  ASSERT_TRUE(RunAndKill([&] {
    auto database = db::SqliteDatabase::Open(dir.path() / "ops.db");
    if (!database.ok()) return 2;
    auto queue = RecordQueue::Open((*database)->record_batches(), Options(dir));
    if (!queue.ok()) return 3;
    for (int i = 0; i < kN; ++i) {
      if (!(*queue)->Enqueue(Turn(i)).ok()) return 4;
    }
    return 0;  // acknowledged, never committed
  }));
  ExpectExactlyOnce(dir, kN);
}

TEST(RecordQueueRestartTest, KilledMidStreamCommitsEveryRecordExactlyOnce) {
  TempDir dir;
  constexpr int kN = 2000;
  ASSERT_TRUE(RunAndKill([&] {
    auto database = db::SqliteDatabase::Open(dir.path() / "ops.db");
    if (!database.ok()) return 2;
    auto queue = RecordQueue::Open((*database)->record_batches(), Options(dir));
    if (!queue.ok()) return 3;
    (*queue)->Start();
    for (int i = 0; i < kN / 2; ++i) {
      if (!(*queue)->Enqueue(Turn(i)).ok()) return 4;
    }
    if (!(*queue)->Flush(30s)) return 5;
    // The second half races the writer: some committed, some only journalled.
    for (int i = kN / 2; i < kN; ++i) {
      if (!(*queue)->Enqueue(Turn(i)).ok()) return 4;
    }
    return 0;
  }));
  ExpectExactlyOnce(dir, kN);
}

TEST(RecordQueueRestartTest, GracefulStopLeavesNothingToReplay) {
  TempDir dir;
  {
    auto database = db::SqliteDatabase::Open(dir.path() / "ops.db");
    ASSERT_TRUE(database.ok());
    auto queue = RecordQueue::Open((*database)->record_batches(), Options(dir));
    ASSERT_TRUE(queue.ok());
    (*queue)->Start();
    for (int i = 0; i < 300; ++i) ASSERT_TRUE((*queue)->Enqueue(Turn(i)).ok());
    (*queue)->Stop();
  }
  auto database = db::SqliteDatabase::Open(dir.path() / "ops.db");
  ASSERT_TRUE(database.ok());
  auto queue = RecordQueue::Open((*database)->record_batches(), Options(dir));
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ((*queue)->stats().replaying, 0);  // nothing to replay
  size_t rows = 0;
  EXPECT_EQ(Queries(**database, &rows).size(), 300u);
  EXPECT_EQ(rows, 300u);
  // 13 sessions, one anonymous lead each, however many turns.
  db::LeadQuery leads;
  leads.tenant = "UK_BUTCHER";
  EXPECT_EQ((*database)->leads().ListLeads(leads)->total, 13);
}

TEST(RecordQueueRestartTest, ServerOpensTheJournalAndDrainsItOnSigterm) {
  testing_support::ServerProcess server;
  ASSERT_TRUE(server.Start()) << server.output();
  std::filesystem::path journal = server.dir().path() / "data" / "journal";
  EXPECT_TRUE(std::filesystem::exists(journal / "LOCK"));
  EXPECT_EQ(server.Stop(), 0) << server.output();
  for (const auto& f : std::filesystem::directory_iterator(journal)) {
    EXPECT_FALSE(f.path().filename().string().starts_with("segment-")) << f.path();
  }
}

}  // namespace
