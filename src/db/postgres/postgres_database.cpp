#include "db/postgres/postgres_database.h"

#include <mutex>
#include <pqxx/pqxx>

namespace db {

using core::ErrorCode;
using core::MakeError;

namespace {

// Never logs the URL itself: it may carry a password.
core::Error PgError(const std::exception& e, std::string_view what) {
  auto code = ErrorCode::kUnavailable;
  if (const auto* sqlerr = dynamic_cast<const pqxx::sql_error*>(&e)) {
    if (sqlerr->sqlstate() == "23505") code = ErrorCode::kConflict;  // unique_violation
  }
  core::Error err = MakeError(code, "PostgreSQL " + std::string(what) + ": " + e.what(),
                              code == ErrorCode::kConflict ? "That record already exists." : "The database failed.");
  err.retryable = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
  return err;
}

class PostgresSession final : public sql::SqlSession {
 public:
  explicit PostgresSession(pqxx::work& work) : work_(work) {}

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

class PostgresConnection final : public sql::SqlConnection {
 public:
  explicit PostgresConnection(std::string url) : url_(std::move(url)) {}

  core::Status Connect() {
    try {
      conn_ = std::make_unique<pqxx::connection>(url_);
      // Keeps "already exists, skipping" notices of idempotent DDL out of
      // the server's stderr.
      pqxx::nontransaction(*conn_).exec("SET client_min_messages TO warning");
      return core::Status::Ok();
    } catch (const std::exception& e) {
      conn_.reset();
      return PgError(e, "connect");
    }
  }

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

  core::Status Transaction(const std::function<core::Status(sql::SqlSession&)>& body) override {
    std::lock_guard lock(mu_);
    if (!conn_ || !conn_->is_open()) {
      if (auto st = Connect(); !st.ok()) return st;
    }
    try {
      pqxx::work work(*conn_);
      PostgresSession session(work);
      core::Status st = body(session);
      if (!st.ok()) {
        work.abort();
        return st;
      }
      work.commit();
      return st;
    } catch (const pqxx::broken_connection& e) {
      conn_.reset();
      return PgError(e, "transaction");
    } catch (const std::exception& e) {
      return PgError(e, "transaction");
    }
  }

 private:
  std::mutex mu_;
  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace

core::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& url) {
  auto connection = std::make_unique<PostgresConnection>(url);
  if (auto st = connection->Connect(); !st.ok()) {
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
