// PostgreSQL only: the connection pool and migrations racing between
// processes that start at the same time.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "db/postgres/postgres_database.h"
#include "db/sql/migrations.h"
#include "support/lead_upsert_builder.h"
#include "support/pg_server.h"

namespace {

using testing_support::PgServer;

class PostgresPoolTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (PgServer::Available()) server_ = PgServer::Start(&start_error_);
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override {
    if (!PgServer::Available()) GTEST_SKIP() << "PostgreSQL 15 binaries not installed; run scripts/install-deps";
    ASSERT_TRUE(server_) << start_error_;
    std::string error;
    url_ = server_->CreateDatabase("pool" + std::to_string(++counter_), &error);
    ASSERT_FALSE(url_.empty()) << error;
  }

  static inline std::unique_ptr<PgServer> server_;
  static inline std::string start_error_;
  static inline int counter_ = 0;
  std::string url_;
};

TEST_F(PostgresPoolTest, ProcessesStartingTogetherMigrateOnce) {
  constexpr int kOpeners = 6;
  std::vector<std::unique_ptr<db::PostgresDatabase>> opened(kOpeners);
  std::vector<std::string> errors(kOpeners);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto d = db::PostgresDatabase::Open(url_, 1);
      if (d.ok()) {
        opened[i] = std::move(d).value();
      } else {
        errors[i] = d.error().message;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  for (int i = 0; i < kOpeners; ++i) ASSERT_TRUE(opened[i]) << errors[i];
  auto applied = opened[0]->AppliedMigrationsForTest();
  ASSERT_TRUE(applied.ok());
  std::vector<int> expected;
  for (const auto& m : db::sql::AllMigrations()) expected.push_back(m.version);
  EXPECT_EQ(*applied, expected) << "each migration recorded exactly once";
}

TEST_F(PostgresPoolTest, ManyThreadsShareAFewConnections) {
  auto d = db::PostgresDatabase::Open(url_, 3);
  ASSERT_TRUE(d.ok()) << d.error().message;
  db::Database& database = **d;
  constexpr int kThreads = 12;
  constexpr int kPerThread = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        db::Event e;
        e.tenant = "POOL";
        e.session = "s" + std::to_string(t);
        e.channel = "web";
        e.kind = "turn";
        e.at = db::Time(std::chrono::milliseconds(1'790'000'000'000 + t * 1000 + i));
        if (!database.events().AppendEvents({e}).ok()) ++failures;
        auto lead = testing_support::LeadUpsertBuilder("POOL", "s" + std::to_string(t))
                        .Phone("+4470000000" + std::to_string(t % 10))
                        .At(e.at);
        if (!database.leads().UpsertLead(lead).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  db::EventQuery q;
  q.tenant = "POOL";
  auto events = database.events().QueryEvents(q);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), size_t{kThreads * kPerThread});
  db::LeadQuery lq;
  lq.tenant = "POOL";
  auto leads = database.leads().ListLeads(lq);
  ASSERT_TRUE(leads.ok());
  EXPECT_EQ(leads->total, 10) << "one lead per phone number, merged across sessions";
}

}  // namespace
