// The store contract suite's backends and fixture: every case of the
// *_pgtest.cpp files next to this header runs against SQLite (a temp file),
// PostgreSQL 15 (a server the suite starts on 127.0.0.1 and stops
// afterwards) and the in-memory fakes (tests/fakes/in_memory_database.h),
// so the fakes the service tests use stay faithful to the real databases.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "db/postgres/postgres_database.h"
#include "db/sqlite/sqlite_database.h"
#include "fakes/in_memory_database.h"
#include "support/lead_upsert_builder.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace store_contract {

using db::Time;

inline const Time kT0 = testing_support::kLeadUpsertTime;

struct SqliteBackend {
  using Database = db::SqlDatabase;
  static constexpr const char* kName = "Sqlite";
  static constexpr const char* kKind = "sqlite";
  static void SetUpSuite() {}
  static void TearDownSuite() {}
  std::unique_ptr<testing_support::TempDir> dir = std::make_unique<testing_support::TempDir>();
  std::string Skip() { return {}; }
  core::Result<std::unique_ptr<Database>> Open() {
    auto d = db::SqliteDatabase::Open(dir->path() / "ops.db");
    if (!d.ok()) return d.error();
    return std::unique_ptr<Database>(std::move(d).value());
  }
};

struct PostgresBackend {
  using Database = db::SqlDatabase;
  static constexpr const char* kName = "Postgres";
  static constexpr const char* kKind = "postgres";
  static inline std::unique_ptr<testing_support::PgServer> server;
  static inline std::string start_error;
  static inline std::atomic<int> counter{0};
  static void SetUpSuite() {
    if (!testing_support::PgServer::Available()) return;
    server = testing_support::PgServer::Start(&start_error);
  }
  static void TearDownSuite() { server.reset(); }
  std::string url;
  std::string Skip() {
    if (!testing_support::PgServer::Available()) {
      return "PostgreSQL 15 binaries not installed (" + testing_support::PgServer::BinDir() +
             "); run scripts/install-deps";
    }
    return {};
  }
  core::Result<std::unique_ptr<Database>> Open() {
    if (!server) return core::MakeError(core::ErrorCode::kUnavailable, "PostgreSQL test server: " + start_error);
    if (url.empty()) {
      std::string error;
      url = server->CreateDatabase("t" + std::to_string(++counter), &error);
      if (url.empty()) return core::MakeError(core::ErrorCode::kUnavailable, error);
    }
    auto d = db::PostgresDatabase::Open(url);
    if (!d.ok()) return d.error();
    return std::unique_ptr<Database>(std::move(d).value());
  }
};

struct InMemoryBackend {
  using Database = fakes::InMemoryDatabase;
  static constexpr const char* kName = "InMemory";
  static constexpr const char* kKind = "memory";
  static void SetUpSuite() {}
  static void TearDownSuite() {}
  std::string Skip() { return {}; }
  core::Result<std::unique_ptr<Database>> Open() { return std::make_unique<Database>(); }
};

struct BackendNames {
  template <class T>
  static std::string GetName(int) {
    return T::kName;
  }
};

using AllBackends = ::testing::Types<SqliteBackend, PostgresBackend, InMemoryBackend>;
using SqlBackends = ::testing::Types<SqliteBackend, PostgresBackend>;

// A fresh database of `Backend` per test, and its roles.
template <class Backend>
class StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Backend::SetUpSuite(); }
  static void TearDownTestSuite() { Backend::TearDownSuite(); }

  void SetUp() override {
    if (std::string why = backend_.Skip(); !why.empty()) GTEST_SKIP() << why;
    auto opened = backend_.Open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  db::EventStore& events() { return db_->events(); }
  db::LeadStore& leads() { return db_->leads(); }
  db::OrderStore& orders() { return db_->orders(); }
  db::UserStore& users() { return db_->users(); }
  db::ApiTokenStore& tokens() { return db_->api_tokens(); }
  db::AdminSessionStore& sessions() { return db_->admin_sessions(); }
  db::AuditStore& audit() { return db_->audit(); }
  db::RecordBatchStore& batches() { return db_->record_batches(); }
  db::InboxStore& inbox() { return db_->inbox(); }
  db::OutboxStore& outbox() { return db_->outbox(); }

  // A turn event with every field set.
  static db::Event Turn(const std::string& tenant, const std::string& session, Time at,
                        const std::string& channel = "web") {
    db::Event e;
    e.tenant = tenant;
    e.session = session;
    e.channel = channel;
    e.kind = "turn";
    e.at = at;
    e.intent = "product_search";
    e.confidence = 0.75;
    e.resolved = true;
    e.items = 3;
    e.cart_value_minor = 1250;
    e.currency = "GBP";
    e.latency_us = 900;
    e.query = "lamb chops";
    e.payload = R"({"k":1})";
    return e;
  }

  // A shopper seen in `session` at `at`, nothing else known yet.
  static testing_support::LeadUpsertBuilder Seen(const std::string& tenant, const std::string& session, Time at) {
    return testing_support::LeadUpsertBuilder(tenant, session).At(at);
  }

  static db::EventQuery AllEvents(const std::string& tenant) {
    db::EventQuery q;
    q.tenant = tenant;
    return q;
  }

  static db::LeadQuery Leads(const std::string& tenant, const std::string& search = "") {
    db::LeadQuery q;
    q.tenant = tenant;
    q.search = search;
    return q;
  }

  Backend backend_;
  std::unique_ptr<typename Backend::Database> db_;
};

}  // namespace store_contract
