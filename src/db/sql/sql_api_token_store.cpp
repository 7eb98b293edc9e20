#include "db/sql/sql_api_token_store.h"

#include "db/sql/sql_fields.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::Int;
using sql::Row;
using sql::SqlSession;
using sql::Text;

namespace {

// Columns: id, user_id, token_hash, name, created_at_ms, last_used_ms, revoked.
ApiToken TokenFromRow(const Row& r) {
  return ApiToken{Int(r[0]),          Int(r[1]),      Text(r[2]), Text(r[3]), sql::FromMs(Int(r[4])),
                  sql::OptTime(r[5]), sql::Bool(r[6])};
}

}  // namespace

core::Result<int64_t> SqlApiTokenStore::CreateToken(const ApiToken& t) {
  int64_t id = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "INSERT INTO api_tokens (user_id, token_hash, name, created_at_ms, revoked) VALUES ($1, $2, $3, $4, 0) "
        "RETURNING id",
        {t.user_id, t.token_hash, t.name, sql::ToMs(t.created_at)});
    if (!rows.ok()) return rows.status();
    id = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<ApiToken> SqlApiTokenStore::FindToken(const std::string& token_hash) {
  std::optional<ApiToken> token;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, user_id, token_hash, name, created_at_ms, last_used_ms, revoked FROM api_tokens "
        "WHERE token_hash = $1 AND revoked = 0",
        {token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "token not found");
    token = TokenFromRow(rows->front());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *token;
}

core::Status SqlApiTokenStore::TouchToken(int64_t token_id, Time at) {
  return connection_.Transaction([&](SqlSession& s) {
    return s.Run("UPDATE api_tokens SET last_used_ms = $2 WHERE id = $1", {token_id, sql::ToMs(at)}).status();
  });
}

core::Status SqlApiTokenStore::RevokeToken(int64_t user_id, int64_t token_id) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto r =
        s.Run("UPDATE api_tokens SET revoked = 1 WHERE id = $1 AND user_id = $2 RETURNING id", {token_id, user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "token not found");
    return core::Status::Ok();
  });
}

core::Result<std::vector<ApiToken>> SqlApiTokenStore::ListTokens(int64_t user_id) {
  std::vector<ApiToken> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, user_id, token_hash, name, created_at_ms, last_used_ms, revoked FROM api_tokens "
        "WHERE user_id = $1 AND revoked = 0 ORDER BY created_at_ms DESC, id DESC",
        {user_id});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out.push_back(TokenFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace db
