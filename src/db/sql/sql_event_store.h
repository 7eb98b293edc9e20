// SqlEventStore: EventStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/event_store.h"
#include "db/sql/sql_connection.h"

namespace db {

namespace sql {
// Inserts one event inside the caller's transaction.
core::Status InsertEvent(SqlSession& s, const Event& e);
}  // namespace sql

class SqlEventStore final : public EventStore {
 public:
  // `connection` must outlive the store.
  explicit SqlEventStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Status AppendEvents(const std::vector<Event>& batch) override;
  core::Result<std::vector<Event>> QueryEvents(const EventQuery& query) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
