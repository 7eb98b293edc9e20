#include "db/postgres/postgres_database.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>
#include <pqxx/pqxx>

namespace db {

using core::ErrorCode;
using core::MakeError;

namespace {

// What an exception says about the cause, by SQLSTATE class: the data
// (22 data exception, 23 integrity constraint) or the environment (08
// connection, 40 rollback, 53 insufficient resources such as a full disk,
// 57 operator intervention, 58 system error), which is worth retrying. An
// exception that is not the driver's comes from encoding a record: the
// data. Never logs the URL itself: it may carry a password.
core::Error PgError(const std::exception& e, std::string_view what) {
  auto code = ErrorCode::kUnavailable;
  bool retryable = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
  if (const auto* sqlerr = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sqlerr->sqlstate();
    std::string_view cls = std::string_view(state).substr(0, 2);
    if (state == "23505") code = ErrorCode::kConflict;  // unique_violation
    else if (cls == "22" || cls == "23") code = ErrorCode::kInvalidArgument;
    else if (cls == "08" || cls == "40" || cls == "53" || cls == "57" || cls == "58") retryable = true;
  } else if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    retryable = true;
  } else if (dynamic_cast<const pqxx::failure*>(&e) == nullptr && dynamic_cast<const pqxx::usage_error*>(&e) == nullptr &&
             dynamic_cast<const pqxx::conversion_error*>(&e) == nullptr) {
    code = ErrorCode::kInvalidArgument;
  }
  core::Error err = MakeError(code, "PostgreSQL " + std::string(what) + ": " + e.what(),
                              code == ErrorCode::kConflict ? "That record already exists." : "The database failed.");
  err.retryable = retryable;
  return err;
}

class PostgresSession final : public sql::SqlSession {
 public:
  explicit PostgresSession(pqxx::work& work) : work_(work) {}

  core::Status LockKey(std::string_view key) override {
    return Run("SELECT pg_advisory_xact_lock(hashtext($1))", {std::string(key)}).status();
  }

  core::Result<sql::Rows> Run(std::string_view text, const sql::Params& params) override {
    std::vector<std::string> storage;
    storage.reserve(params.size());
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const sql::Param& p : params) {
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values.push_back(nullptr);
        continue;
      }
      if (auto* n = std::get_if<int64_t>(&p)) {
        storage.push_back(std::to_string(*n));
      } else if (auto* d = std::get_if<double>(&p)) {
        storage.push_back(pqxx::to_string(*d));
      } else {
        storage.push_back(std::get<std::string>(p));
      }
      values.push_back(storage.back().c_str());
    }
    try {
      pqxx::result result =
          work_.exec_params(std::string(text), pqxx::prepare::make_dynamic_params(values.begin(), values.end()));
      sql::Rows rows;
      rows.reserve(result.size());
      for (const auto& r : result) {
        sql::Row row;
        row.reserve(r.size());
        for (const auto& f : r) {
          if (f.is_null()) {
            row.emplace_back(std::nullopt);
          } else {
            row.emplace_back(std::string(f.c_str(), f.size()));
          }
        }
        rows.push_back(std::move(row));
      }
      return rows;
    } catch (const std::exception& e) {
      return PgError(e, "statement");
    }
  }

 private:
  pqxx::work& work_;
};

// Opens a connection; never logs the URL.
core::Result<std::unique_ptr<pqxx::connection>> Connect(const std::string& url) {
  try {
    auto conn = std::make_unique<pqxx::connection>(url);
    // Keeps "already exists, skipping" notices of idempotent DDL out of the
    // server's stderr.
    pqxx::nontransaction(*conn).exec("SET client_min_messages TO warning");
    return conn;
  } catch (const std::exception& e) {
    return PgError(e, "connect");
  }
}

class PostgresConnection final : public sql::SqlConnection {
 public:
  PostgresConnection(std::string url, size_t pool_size) : url_(std::move(url)), capacity_(std::max<size_t>(1, pool_size)) {}

  // Opens the first connection now, so Open() fails fast on a bad URL.
  core::Status Prime() {
    auto conn = Connect(url_);
    if (!conn.ok()) return conn.error();
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn).value());
    ++open_;
    return core::Status::Ok();
  }

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

  core::Status Transaction(const std::function<core::Status(sql::SqlSession&)>& body) override {
    auto conn = Acquire();
    if (!conn.ok()) return conn.error();
    std::unique_ptr<pqxx::connection> c = std::move(conn).value();
    bool healthy = true;
    core::Status result = Run(*c, body, healthy);
    Release(healthy ? std::move(c) : nullptr);
    return result;
  }

 private:
  static core::Status Run(pqxx::connection& conn, const std::function<core::Status(sql::SqlSession&)>& body,
                          bool& healthy) {
    try {
      pqxx::work work(conn);
      PostgresSession session(work);
      core::Status st = body(session);
      if (!st.ok()) {
        work.abort();
        return st;
      }
      work.commit();
      return st;
    } catch (const pqxx::broken_connection& e) {
      healthy = false;
      return PgError(e, "transaction");
    } catch (const std::exception& e) {
      healthy = conn.is_open();
      return PgError(e, "transaction");
    }
  }

  // An idle connection, a new one when fewer than capacity_ are open, else
  // waits for one to come back.
  core::Result<std::unique_ptr<pqxx::connection>> Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;  // reserve the slot, connect outside the lock
    lock.unlock();
    auto conn = Connect(url_);
    if (!conn.ok()) {
      Release(nullptr);
      return conn.error();
    }
    return conn;
  }

  // Returns a connection to the pool; null gives its slot back.
  void Release(std::unique_ptr<pqxx::connection> conn) {
    {
      std::lock_guard lock(mu_);
      if (conn && conn->is_open()) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    cv_.notify_one();
  }

  std::string url_;
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t open_ = 0;  // idle + in use (+ being opened)
};

}  // namespace

core::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& url, size_t pool_size) {
  auto connection = std::make_unique<PostgresConnection>(url, pool_size);
  if (auto st = connection->Prime(); !st.ok()) {
    core::Error e = st.error();
    e.message = "cannot connect to PostgreSQL: " + e.message;
    return e;
  }
  std::unique_ptr<PostgresDatabase> database(new PostgresDatabase(std::move(connection)));
  if (auto st = database->Migrate(); !st.ok()) {
    core::Error e = st.error();
    e.code = ErrorCode::kUnavailable;
    e.message = "cannot migrate PostgreSQL database: " + e.message;
    return e;
  }
  return database;
}

}  // namespace db
