#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <functional>
#include <new>
#include <system_error>

namespace db {

using core::ErrorCode;
using core::MakeError;

namespace {

// What a result code says about the cause: the data (a constraint, a value
// SQLite cannot take) or the environment (locks, a full disk, I/O), which
// is worth retrying because it passes.
core::Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  auto code = ErrorCode::kUnavailable;
  bool retryable = false;
  switch (primary) {
    case SQLITE_CONSTRAINT: code = ErrorCode::kConflict; break;
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE: code = ErrorCode::kInvalidArgument; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_INTERRUPT:
    case SQLITE_NOLFS: retryable = true; break;
    default: break;
  }
  core::Error e = MakeError(code, "SQLite " + std::string(what) + ": " + msg,
                            code == ErrorCode::kConflict ? "That record already exists." : "The database failed.");
  e.retryable = retryable;
  return e;
}

// Prepared statements by SQL text, kept for the life of the connection: the
// repository runs the same few dozen statements over and over, and preparing
// them costs more than running them. Guarded by the connection's mutex.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // A reset statement with no bindings, or the prepare error.
  core::Result<sqlite3_stmt*> Get(std::string_view text) {
    if (auto it = statements_.find(text); it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxStatements) Clear();
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
    statements_.emplace(std::string(text), stmt);
    return stmt;
  }

 private:
  // Statements are built from a fixed set of templates; the bound keeps a
  // bug that builds SQL from data from growing memory without limit.
  static constexpr size_t kMaxStatements = 512;

  void Clear() {
    for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

class SqliteSession final : public sql::SqlSession {
 public:
  SqliteSession(sqlite3* db, StatementCache& cache) : db_(db), cache_(cache) {}

  // BEGIN IMMEDIATE already makes this the only writer.
  core::Status LockKey(std::string_view) override { return core::Status::Ok(); }

  core::Result<sql::Rows> Run(std::string_view text, const sql::Params& params) override {
    auto prepared = cache_.Get(text);
    if (!prepared.ok()) return prepared.error();
    sqlite3_stmt* stmt = *prepared;
    // Leaves the cached statement reset and unbound whatever happens.
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    int rc = SQLITE_OK;
    char name[24];
    for (size_t i = 0; i < params.size(); ++i) {
      std::snprintf(name, sizeof name, "$%zu", i + 1);
      int index = sqlite3_bind_parameter_index(stmt, name);
      if (index == 0) continue;  // not used by this statement
      const sql::Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (auto* n = std::get_if<int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (auto* d = std::get_if<double>(&p)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else {
        const auto& s = std::get<std::string>(p);
        rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    sql::Rows rows;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int n = sqlite3_column_count(stmt);
      sql::Row row;
      row.reserve(n);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(std::string(t, sqlite3_column_bytes(stmt, c)));
        }
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "step");
    return rows;
  }

 private:
  sqlite3* db_;
  StatementCache& cache_;
};

class SqliteConnection final : public sql::SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db), cache_(std::make_unique<StatementCache>(db)) {}
  ~SqliteConnection() override {
    cache_.reset();  // statements are finalised before the close
    sqlite3_close(db_);
  }

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  // The repository code may throw while encoding a record (a value the JSON
  // encoder refuses): that is the data, and the transaction is rolled back.
  static core::Status Guarded(const std::function<core::Status(sql::SqlSession&)>& body, sql::SqlSession& session) {
    try {
      return body(session);
    } catch (const std::bad_alloc&) {
      core::Error e = MakeError(ErrorCode::kUnavailable, "out of memory writing a record");
      e.retryable = true;
      return e;
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kInvalidArgument, std::string("record could not be written: ") + e.what());
    }
  }

  core::Status Transaction(const std::function<core::Status(sql::SqlSession&)>& body) override {
    std::lock_guard lock(mu_);
    // IMMEDIATE takes the write lock up front, so a writer never fails
    // half-way with SQLITE_BUSY on lock upgrade.
    if (int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr); rc != SQLITE_OK) {
      return SqliteError(db_, rc, "begin");
    }
    SqliteSession session(db_, *cache_);
    core::Status st = Guarded(body, session);
    if (!st.ok()) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return st;
    }
    if (int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr); rc != SQLITE_OK) {
      core::Error e = SqliteError(db_, rc, "commit");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return e;
    }
    return st;
  }

 private:
  std::mutex mu_;
  sqlite3* db_;
  std::unique_ptr<StatementCache> cache_;
};

}  // namespace

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
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(std::make_unique<SqliteConnection>(handle)));
  if (auto st = database->Migrate(); !st.ok()) {
    core::Error e = st.error();
    e.code = ErrorCode::kUnavailable;
    e.message = "cannot migrate SQLite database " + file.string() + ": " + e.message;
    return e;
  }
  return database;
}

}  // namespace db
