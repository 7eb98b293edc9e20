#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <system_error>

namespace db {

using core::ErrorCode;
using core::MakeError;

core::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    return MakeError(ErrorCode::kUnavailable, "cannot open SQLite database " + file.string() + ": " + msg);
  }
  sqlite3_busy_timeout(handle, 5000);
  char* err = nullptr;
  rc = sqlite3_exec(handle, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", nullptr,
                    nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    sqlite3_close(handle);
    return MakeError(ErrorCode::kUnavailable, "cannot initialise SQLite database " + file.string() + ": " + msg);
  }
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(handle));
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

core::Status SqliteDatabase::Ping() {
  std::lock_guard lock(mu_);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, "SELECT 1", nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return MakeError(ErrorCode::kUnavailable, "SQLite ping failed: " + msg, "The database is not reachable.");
  }
  return core::Status::Ok();
}

}  // namespace db
