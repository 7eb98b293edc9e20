#include "db/sql/sql_database.h"

#include "db/sql/migrations.h"

namespace db {

SqlDatabase::SqlDatabase(std::unique_ptr<sql::SqlConnection> connection)
    : connection_(std::move(connection)),
      events_(*connection_),
      leads_(*connection_),
      orders_(*connection_),
      users_(*connection_),
      api_tokens_(*connection_),
      admin_sessions_(*connection_),
      audit_(*connection_),
      record_batches_(*connection_),
      inbox_(*connection_),
      outbox_(*connection_) {}

std::string_view SqlDatabase::Kind() const {
  return connection_->dialect() == sql::Dialect::kPostgres ? "postgres" : "sqlite";
}

core::Status SqlDatabase::Migrate() { return sql::Migrate(*connection_); }
core::Status SqlDatabase::MigrateForTest() { return Migrate(); }
core::Result<std::vector<int>> SqlDatabase::AppliedMigrationsForTest() { return sql::AppliedMigrations(*connection_); }

core::Status SqlDatabase::Ping() {
  auto st = connection_->Transaction([](sql::SqlSession& s) { return s.Run("SELECT 1").status(); });
  if (!st.ok()) {
    core::Error e = st.error();
    e.user_message = "The database is not reachable.";
    return e;
  }
  return st;
}

}  // namespace db
