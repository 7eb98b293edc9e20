// PostgresDatabase: the operational database on PostgreSQL (libpqxx 6), schema
// migrated when opened (under an advisory lock, so several processes may
// start at once). Thread-safe: a pool of up to `pool_size` connections, opened
// on demand; a call waits for a free one. A broken connection is dropped and
// re-opened by a later call.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "db/sql/sql_database.h"

namespace db {

class PostgresDatabase final : public SqlDatabase {
 public:
  // `url` is a libpq connection URI (postgres://user[:password]@host:port/db).
  // kUnavailable when the server cannot be reached or a migration fails.
  static core::Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& url, size_t pool_size = 4);

 private:
  explicit PostgresDatabase(std::unique_ptr<sql::SqlConnection> c) : SqlDatabase(std::move(c)) {}
};

}  // namespace db
