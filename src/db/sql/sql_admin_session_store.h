// SqlAdminSessionStore: AdminSessionStore over a SqlConnection (SQLite or
// PostgreSQL). Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/admin_session_store.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlAdminSessionStore final : public AdminSessionStore {
 public:
  // `connection` must outlive the store.
  explicit SqlAdminSessionStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Status CreateAdminSession(const AdminSession& session) override;
  core::Result<AdminSession> FindAdminSession(const std::string& token_hash) override;
  core::Status TouchAdminSession(const std::string& token_hash, Time at) override;
  core::Status DeleteAdminSession(const std::string& token_hash) override;
  core::Result<int64_t> DeleteUserSessions(int64_t user_id) override;
  core::Result<int64_t> DeleteExpiredAdminSessions(Time now) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
