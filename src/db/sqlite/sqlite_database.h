// SqliteDatabase: the embedded default store (one file, WAL journal, foreign
// keys on), schema migrated when opened. Thread-safe: one connection guarded
// by a mutex, so calls are serialised (fine for one process; PostgreSQL is
// the choice for several).
#pragma once

#include <filesystem>
#include <memory>

#include "db/sql/sql_database.h"

namespace db {

class SqliteDatabase final : public SqlDatabase {
 public:
  // Creates the parent folder and the file when missing, then migrates.
  // kUnavailable when the file cannot be opened, is not a SQLite database
  // or a migration fails.
  static core::Result<std::unique_ptr<SqliteDatabase>> Open(const std::filesystem::path& file);

 private:
  explicit SqliteDatabase(std::unique_ptr<sql::SqlConnection> c) : SqlDatabase(std::move(c)) {}
};

}  // namespace db
