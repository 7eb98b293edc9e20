// In-memory UserStore, ApiTokenStore, AdminSessionStore and AuditStore
// over shared MemoryTables (see in_memory_tables.h): fakes faithful to the
// contracts in src/db (kNotFound/kConflict/kInvalidArgument as documented,
// ordering, millisecond times). Thread-safe. The tables must outlive the
// stores. Usually reached through InMemoryDatabase.
#pragma once

#include "db/admin_session_store.h"
#include "db/api_token_store.h"
#include "db/audit_store.h"
#include "db/user_store.h"
#include "fakes/in_memory_tables.h"

namespace fakes {

class InMemoryUserStore final : public db::UserStore {
 public:
  explicit InMemoryUserStore(MemoryTables& tables) : tables_(tables) {}
  core::Result<int64_t> CreateUser(const db::User& user) override;
  core::Result<db::User> FindUserByEmail(const std::string& email) override;
  core::Result<db::User> FindUserById(int64_t id) override;
  core::Result<db::User> RecordLoginFailure(int64_t user_id, int64_t max_failures, db::Time lock_until) override;
  core::Status RecordLoginSuccess(int64_t user_id) override;
  core::Status SetPasswordHash(int64_t user_id, const std::string& password_hash) override;
  core::Result<std::vector<db::User>> ListUsers(const std::string& tenant) override;
  core::Status DeleteUser(int64_t user_id) override;

 private:
  MemoryTables& tables_;
};

class InMemoryApiTokenStore final : public db::ApiTokenStore {
 public:
  explicit InMemoryApiTokenStore(MemoryTables& tables) : tables_(tables) {}
  core::Result<int64_t> CreateToken(const db::ApiToken& token) override;
  core::Result<db::ApiToken> FindToken(const std::string& token_hash) override;
  core::Status TouchToken(int64_t token_id, db::Time at) override;
  core::Status RevokeToken(int64_t user_id, int64_t token_id) override;
  core::Result<std::vector<db::ApiToken>> ListTokens(int64_t user_id) override;

 private:
  MemoryTables& tables_;
};

class InMemoryAdminSessionStore final : public db::AdminSessionStore {
 public:
  explicit InMemoryAdminSessionStore(MemoryTables& tables) : tables_(tables) {}
  core::Status CreateAdminSession(const db::AdminSession& session) override;
  core::Result<db::AdminSession> FindAdminSession(const std::string& token_hash) override;
  core::Status TouchAdminSession(const std::string& token_hash, db::Time at) override;
  core::Status DeleteAdminSession(const std::string& token_hash) override;
  core::Result<int64_t> DeleteUserSessions(int64_t user_id) override;
  core::Result<int64_t> DeleteExpiredAdminSessions(db::Time now) override;

 private:
  MemoryTables& tables_;
};

class InMemoryAuditStore final : public db::AuditStore {
 public:
  explicit InMemoryAuditStore(MemoryTables& tables) : tables_(tables) {}
  core::Status AppendAudit(const db::AuditEntry& entry) override;
  core::Result<std::vector<db::AuditEntry>> ListAudit(const std::string& tenant, int64_t limit) override;

 private:
  MemoryTables& tables_;
};

}  // namespace fakes
