// SqlUserStore: UserStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/sql/sql_connection.h"
#include "db/user_store.h"

namespace db {

class SqlUserStore final : public UserStore {
 public:
  // `connection` must outlive the store.
  explicit SqlUserStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<int64_t> CreateUser(const User& user) override;
  core::Result<User> FindUserByEmail(const std::string& email) override;
  core::Result<User> FindUserById(int64_t id) override;
  core::Result<User> RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) override;
  core::Status RecordLoginSuccess(int64_t user_id) override;
  core::Status SetPasswordHash(int64_t user_id, const std::string& password_hash) override;
  core::Result<std::vector<User>> ListUsers(const std::string& tenant) override;
  core::Status DeleteUser(int64_t user_id) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
