#include "fakes/in_memory_account_stores.h"

#include <algorithm>
#include <tuple>

namespace fakes {

using core::ErrorCode;
using core::MakeError;

namespace {

core::Error UserNotFound() { return MakeError(ErrorCode::kNotFound, "user not found"); }
core::Error Taken(const std::string& what) {
  return MakeError(ErrorCode::kConflict, what + " exists", "That record already exists.");
}

}  // namespace

// --- users ---

core::Result<int64_t> InMemoryUserStore::CreateUser(const db::User& u) {
  if (!db::IsUserRole(u.role)) return MakeError(ErrorCode::kInvalidArgument, "unknown role '" + u.role + "'");
  if (u.role != "admin" && (!u.tenant || u.tenant->empty())) {
    return MakeError(ErrorCode::kInvalidArgument, "an " + u.role + " needs a tenant");
  }
  std::lock_guard lock(tables_.mu);
  MemoryRows& rows = tables_.rows;
  for (const auto& [id, existing] : rows.users) {
    if (existing.email == u.email) return Taken("user " + u.email);
  }
  db::User user = u;
  user.id = ++rows.last_id.users;
  user.failed_logins = 0;
  user.locked_until.reset();
  user.created_at = Stored(u.created_at);
  rows.users[user.id] = user;
  return user.id;
}

core::Result<db::User> InMemoryUserStore::FindUserByEmail(const std::string& email) {
  std::lock_guard lock(tables_.mu);
  for (const auto& [id, user] : tables_.rows.users) {
    if (user.email == email) return user;
  }
  return UserNotFound();
}

core::Result<db::User> InMemoryUserStore::FindUserById(int64_t id) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.users.find(id);
  if (it == tables_.rows.users.end()) return UserNotFound();
  return it->second;
}

core::Result<db::User> InMemoryUserStore::RecordLoginFailure(int64_t user_id, int64_t max_failures,
                                                             db::Time lock_until) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.users.find(user_id);
  if (it == tables_.rows.users.end()) return UserNotFound();
  db::User& user = it->second;
  if (++user.failed_logins >= max_failures) user.locked_until = Stored(lock_until);
  return user;
}

core::Status InMemoryUserStore::RecordLoginSuccess(int64_t user_id) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.users.find(user_id);
  if (it == tables_.rows.users.end()) return UserNotFound();
  it->second.failed_logins = 0;
  it->second.locked_until.reset();
  return core::Status::Ok();
}

core::Status InMemoryUserStore::SetPasswordHash(int64_t user_id, const std::string& password_hash) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.users.find(user_id);
  if (it == tables_.rows.users.end()) return UserNotFound();
  it->second.password_hash = password_hash;
  return core::Status::Ok();
}

core::Result<std::vector<db::User>> InMemoryUserStore::ListUsers(const std::string& tenant) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::User> out;
  for (const auto& [id, u] : tables_.rows.users) {
    if (u.tenant && *u.tenant == tenant) out.push_back(u);
  }
  std::sort(out.begin(), out.end(), [](const db::User& a, const db::User& b) { return a.email < b.email; });
  return out;
}

core::Status InMemoryUserStore::DeleteUser(int64_t user_id) {
  std::lock_guard lock(tables_.mu);
  MemoryRows& rows = tables_.rows;
  if (rows.users.erase(user_id) == 0) return UserNotFound();
  std::erase_if(rows.tokens, [&](const auto& t) { return t.second.user_id == user_id; });
  std::erase_if(rows.admin_sessions, [&](const auto& s) { return s.second.user_id == user_id; });
  return core::Status::Ok();
}

// --- API tokens ---

core::Result<int64_t> InMemoryApiTokenStore::CreateToken(const db::ApiToken& t) {
  std::lock_guard lock(tables_.mu);
  MemoryRows& rows = tables_.rows;
  for (const auto& [id, existing] : rows.tokens) {
    if (existing.token_hash == t.token_hash) return Taken("token");
  }
  db::ApiToken token = t;
  token.id = ++rows.last_id.tokens;
  token.created_at = Stored(t.created_at);
  token.last_used.reset();
  token.revoked = false;
  rows.tokens[token.id] = token;
  return token.id;
}

core::Result<db::ApiToken> InMemoryApiTokenStore::FindToken(const std::string& token_hash) {
  std::lock_guard lock(tables_.mu);
  for (const auto& [id, token] : tables_.rows.tokens) {
    if (token.token_hash == token_hash && !token.revoked) return token;
  }
  return MakeError(ErrorCode::kNotFound, "token not found");
}

core::Status InMemoryApiTokenStore::TouchToken(int64_t token_id, db::Time at) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.tokens.find(token_id);
  if (it != tables_.rows.tokens.end()) it->second.last_used = Stored(at);
  return core::Status::Ok();
}

core::Status InMemoryApiTokenStore::RevokeToken(int64_t user_id, int64_t token_id) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.tokens.find(token_id);
  if (it == tables_.rows.tokens.end() || it->second.user_id != user_id) {
    return MakeError(ErrorCode::kNotFound, "token not found");
  }
  it->second.revoked = true;
  return core::Status::Ok();
}

core::Result<std::vector<db::ApiToken>> InMemoryApiTokenStore::ListTokens(int64_t user_id) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::ApiToken> out;
  for (const auto& [id, token] : tables_.rows.tokens) {
    if (token.user_id == user_id && !token.revoked) out.push_back(token);
  }
  std::sort(out.begin(), out.end(), [](const db::ApiToken& a, const db::ApiToken& b) {
    return std::make_tuple(ToMs(a.created_at), a.id) > std::make_tuple(ToMs(b.created_at), b.id);
  });
  return out;
}

// --- dashboard sessions ---

core::Status InMemoryAdminSessionStore::CreateAdminSession(const db::AdminSession& a) {
  std::lock_guard lock(tables_.mu);
  MemoryRows& rows = tables_.rows;
  if (!rows.users.count(a.user_id)) return MakeError(ErrorCode::kInvalidArgument, "session for an unknown user");
  if (rows.admin_sessions.count(a.token_hash)) return Taken("admin session");
  db::AdminSession session = a;
  session.created_at = Stored(a.created_at);
  session.expires_at = Stored(a.expires_at);
  session.last_seen = Stored(a.last_seen);
  rows.admin_sessions[a.token_hash] = session;
  return core::Status::Ok();
}

core::Result<db::AdminSession> InMemoryAdminSessionStore::FindAdminSession(const std::string& token_hash) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.admin_sessions.find(token_hash);
  if (it == tables_.rows.admin_sessions.end()) return MakeError(ErrorCode::kNotFound, "admin session not found");
  return it->second;
}

core::Status InMemoryAdminSessionStore::TouchAdminSession(const std::string& token_hash, db::Time at) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.admin_sessions.find(token_hash);
  if (it != tables_.rows.admin_sessions.end()) it->second.last_seen = Stored(at);
  return core::Status::Ok();
}

core::Status InMemoryAdminSessionStore::DeleteAdminSession(const std::string& token_hash) {
  std::lock_guard lock(tables_.mu);
  tables_.rows.admin_sessions.erase(token_hash);
  return core::Status::Ok();
}

core::Result<int64_t> InMemoryAdminSessionStore::DeleteUserSessions(int64_t user_id) {
  std::lock_guard lock(tables_.mu);
  return static_cast<int64_t>(
      std::erase_if(tables_.rows.admin_sessions, [&](const auto& entry) { return entry.second.user_id == user_id; }));
}

core::Result<int64_t> InMemoryAdminSessionStore::DeleteExpiredAdminSessions(db::Time now) {
  std::lock_guard lock(tables_.mu);
  const int64_t now_ms = ToMs(now);
  return static_cast<int64_t>(std::erase_if(
      tables_.rows.admin_sessions, [&](const auto& entry) { return ToMs(entry.second.expires_at) <= now_ms; }));
}

// --- audit log ---

core::Status InMemoryAuditStore::AppendAudit(const db::AuditEntry& a) {
  std::lock_guard lock(tables_.mu);
  db::AuditEntry entry = a;
  entry.id = ++tables_.rows.last_id.audit;
  entry.at = Stored(a.at);
  tables_.rows.audit.push_back(std::move(entry));
  return core::Status::Ok();
}

core::Result<std::vector<db::AuditEntry>> InMemoryAuditStore::ListAudit(const std::string& tenant, int64_t limit) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::AuditEntry> out;
  for (const db::AuditEntry& e : tables_.rows.audit) {
    if (e.tenant == tenant) out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const db::AuditEntry& a, const db::AuditEntry& b) {
    return std::make_tuple(ToMs(a.at), a.id) > std::make_tuple(ToMs(b.at), b.id);
  });
  out.resize(std::min(out.size(), static_cast<size_t>(std::clamp<int64_t>(limit, 1, 1000))));
  return out;
}

}  // namespace fakes
