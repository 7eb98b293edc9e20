#include "db/sql/sql_admin_session_store.h"

#include "db/sql/sql_fields.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::FromMs;
using sql::Int;
using sql::Row;
using sql::SqlSession;
using sql::Text;
using sql::ToMs;

core::Status SqlAdminSessionStore::CreateAdminSession(const AdminSession& a) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    // Checked here rather than left to the foreign key, whose violation the
    // two drivers report differently.
    auto user = s.Run("SELECT id FROM users WHERE id = $1", {a.user_id});
    if (!user.ok()) return user.status();
    if (user->empty()) return MakeError(ErrorCode::kInvalidArgument, "session for an unknown user");
    return s
        .Run(
            "INSERT INTO admin_sessions (token_hash, user_id, csrf_hash, created_at_ms, expires_at_ms, last_seen_ms) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {a.token_hash, a.user_id, a.csrf_hash, ToMs(a.created_at), ToMs(a.expires_at), ToMs(a.last_seen)})
        .status();
  });
}

core::Result<AdminSession> SqlAdminSessionStore::FindAdminSession(const std::string& token_hash) {
  std::optional<AdminSession> session;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT token_hash, user_id, csrf_hash, created_at_ms, expires_at_ms, last_seen_ms FROM admin_sessions "
        "WHERE token_hash = $1",
        {token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "admin session not found");
    const Row& r = rows->front();
    session = AdminSession{Text(r[0]), Int(r[1]), Text(r[2]), FromMs(Int(r[3])), FromMs(Int(r[4])), FromMs(Int(r[5]))};
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *session;
}

core::Status SqlAdminSessionStore::TouchAdminSession(const std::string& token_hash, Time at) {
  return connection_.Transaction([&](SqlSession& s) {
    return s.Run("UPDATE admin_sessions SET last_seen_ms = $2 WHERE token_hash = $1", {token_hash, ToMs(at)}).status();
  });
}

core::Status SqlAdminSessionStore::DeleteAdminSession(const std::string& token_hash) {
  return connection_.Transaction(
      [&](SqlSession& s) { return s.Run("DELETE FROM admin_sessions WHERE token_hash = $1", {token_hash}).status(); });
}

core::Result<int64_t> SqlAdminSessionStore::DeleteUserSessions(int64_t user_id) {
  int64_t removed = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("DELETE FROM admin_sessions WHERE user_id = $1 RETURNING token_hash", {user_id});
    if (!rows.ok()) return rows.status();
    removed = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return removed;
}

core::Result<int64_t> SqlAdminSessionStore::DeleteExpiredAdminSessions(Time now) {
  int64_t removed = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("DELETE FROM admin_sessions WHERE expires_at_ms <= $1 RETURNING token_hash", {ToMs(now)});
    if (!rows.ok()) return rows.status();
    removed = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return removed;
}

}  // namespace db
