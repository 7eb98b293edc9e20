// SqliteDatabase: the embedded default store (one file, WAL journal, foreign
// keys on). Thread-safe: one connection guarded by a mutex.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "db/database.h"

struct sqlite3;

namespace db {

class SqliteDatabase final : public Database {
 public:
  // Creates the parent folder and the file when missing. kUnavailable when
  // the file cannot be opened or is not a SQLite database.
  static core::Result<std::unique_ptr<SqliteDatabase>> Open(const std::filesystem::path& file);
  ~SqliteDatabase() override;

  std::string_view Kind() const override { return "sqlite"; }
  core::Status Ping() override;

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace db
