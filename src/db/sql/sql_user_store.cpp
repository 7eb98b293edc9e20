#include "db/sql/sql_user_store.h"

#include "db/sql/sql_fields.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::Int;
using sql::Row;
using sql::SqlSession;
using sql::Text;

namespace {

constexpr std::string_view kUserColumns =
    "id, email, password_hash, role, tenant, failed_logins, locked_until_ms, created_at_ms";

User UserFromRow(const Row& r) {
  User u;
  u.id = Int(r[0]);
  u.email = Text(r[1]);
  u.password_hash = Text(r[2]);
  u.role = Text(r[3]);
  u.tenant = r[4];
  u.failed_logins = Int(r[5]);
  u.locked_until = sql::OptTime(r[6]);
  u.created_at = sql::FromMs(Int(r[7]));
  return u;
}

core::Result<User> LoadUser(SqlSession& s, std::string_view column, const sql::Param& value) {
  auto rows = s.Run(sql::Cat("SELECT ", kUserColumns, sql::Cat(" FROM users WHERE ", column, " = $1")), {value});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
  return UserFromRow(rows->front());
}

}  // namespace

core::Result<int64_t> SqlUserStore::CreateUser(const User& u) {
  if (!IsUserRole(u.role)) return MakeError(ErrorCode::kInvalidArgument, "unknown role '" + u.role + "'");
  if (u.role != "admin" && (!u.tenant || u.tenant->empty())) {
    return MakeError(ErrorCode::kInvalidArgument, "an " + u.role + " needs a tenant");
  }
  int64_t id = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    sql::Param tenant = u.tenant ? sql::Param(*u.tenant) : sql::Param(nullptr);
    auto rows = s.Run(
        "INSERT INTO users (email, password_hash, role, tenant, failed_logins, created_at_ms) VALUES "
        "($1, $2, $3, $4, 0, $5) RETURNING id",
        {u.email, u.password_hash, u.role, tenant, sql::ToMs(u.created_at)});
    if (!rows.ok()) return rows.status();
    id = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<User> SqlUserStore::FindUserByEmail(const std::string& email) {
  std::optional<User> user;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto u = LoadUser(s, "email", email);
    if (!u.ok()) return u.status();
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Result<User> SqlUserStore::FindUserById(int64_t id) {
  std::optional<User> user;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto u = LoadUser(s, "id", id);
    if (!u.ok()) return u.status();
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Result<User> SqlUserStore::RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) {
  std::optional<User> user;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1", {user_id});
    if (!r.ok()) return r.status();
    auto u = LoadUser(s, "id", user_id);
    if (!u.ok()) return u.status();
    if (u->failed_logins >= max_failures) {
      auto lock = s.Run("UPDATE users SET locked_until_ms = $2 WHERE id = $1", {user_id, sql::ToMs(lock_until)});
      if (!lock.ok()) return lock.status();
      u->locked_until = sql::FromMs(sql::ToMs(lock_until));
    }
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Status SqlUserStore::RecordLoginSuccess(int64_t user_id) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE id = $1 RETURNING id", {user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
    return core::Status::Ok();
  });
}

core::Status SqlUserStore::SetPasswordHash(int64_t user_id, const std::string& password_hash) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id", {user_id, password_hash});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
    return core::Status::Ok();
  });
}

core::Result<std::vector<User>> SqlUserStore::ListUsers(const std::string& tenant) {
  std::vector<User> users;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(sql::Cat("SELECT ", kUserColumns, " FROM users WHERE tenant = $1 ORDER BY email"), {tenant});
    if (!rows.ok()) return rows.status();
    for (const auto& r : *rows) users.push_back(UserFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return users;
}

core::Status SqlUserStore::DeleteUser(int64_t user_id) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    // Tokens and sessions are deleted with the row (ON DELETE CASCADE).
    auto r = s.Run("DELETE FROM users WHERE id = $1 RETURNING id", {user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
    return core::Status::Ok();
  });
}

}  // namespace db
