// SqlApiTokenStore: ApiTokenStore over a SqlConnection (SQLite or
// PostgreSQL). Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/api_token_store.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlApiTokenStore final : public ApiTokenStore {
 public:
  // `connection` must outlive the store.
  explicit SqlApiTokenStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<int64_t> CreateToken(const ApiToken& token) override;
  core::Result<ApiToken> FindToken(const std::string& token_hash) override;
  core::Status TouchToken(int64_t token_id, Time at) override;
  core::Status RevokeToken(int64_t user_id, int64_t token_id) override;
  core::Result<std::vector<ApiToken>> ListTokens(int64_t user_id) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
