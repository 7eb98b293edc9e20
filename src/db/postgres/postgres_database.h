// PostgresDatabase: the operational store on PostgreSQL (libpqxx 6), schema
// migrated when opened. Thread-safe: one connection guarded by a mutex, so
// calls are serialised; a pool is the next step when one connection stops
// being enough. A broken connection is re-opened on the next call.
#pragma once

#include <memory>
#include <string>

#include "db/sql/sql_database.h"

namespace db {

class PostgresDatabase final : public SqlDatabase {
 public:
  // `url` is a libpq connection URI (postgres://user[:password]@host:port/db).
  // kUnavailable when the server cannot be reached or a migration fails.
  static core::Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& url);

 private:
  explicit PostgresDatabase(std::unique_ptr<sql::SqlConnection> c) : SqlDatabase(std::move(c)) {}
};

}  // namespace db
