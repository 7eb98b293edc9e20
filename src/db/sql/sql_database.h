// SqlDatabase: the repository logic shared by SQLite and PostgreSQL, written
// once over SqlConnection with portable SQL and bound parameters only (no
// value is ever spliced into a statement; sort orders come from an enum).
// Thread-safe to the extent of the connection: today one connection behind
// a mutex per database, so calls are serialised.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlDatabase : public Database {
 public:
  std::string_view Kind() const override;
  core::Status Ping() override;

  core::Status AppendEvents(const std::vector<Event>& batch) override;
  core::Result<std::vector<Event>> QueryEvents(const EventQuery& query) override;
  core::Result<Lead> UpsertLead(const LeadUpsert& upsert) override;
  core::Result<Lead> GetLead(const std::string& tenant, int64_t id) override;
  core::Result<LeadPage> ListLeads(const LeadQuery& query) override;
  core::Result<Lead> UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) override;
  core::Status AppendMessages(const std::vector<Message>& batch) override;
  core::Result<std::vector<Message>> Transcript(const std::string& tenant, const std::string& session) override;
  core::Result<std::vector<Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) override;
  core::Result<int64_t> AddOrder(const Order& order) override;
  core::Result<std::vector<Order>> QueryOrders(const std::string& tenant, Time from, Time to) override;
  core::Result<int64_t> CreateUser(const User& user) override;
  core::Result<User> FindUserByEmail(const std::string& email) override;
  core::Result<User> FindUserById(int64_t id) override;
  core::Result<User> RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) override;
  core::Status RecordLoginSuccess(int64_t user_id) override;
  core::Status SetPasswordHash(int64_t user_id, const std::string& password_hash) override;
  core::Result<int64_t> CreateToken(const ApiToken& token) override;
  core::Result<ApiToken> FindToken(const std::string& token_hash) override;
  core::Status TouchToken(int64_t token_id, Time at) override;
  core::Status RevokeToken(int64_t user_id, int64_t token_id) override;
  core::Result<std::vector<ApiToken>> ListTokens(int64_t user_id) override;
  core::Status CreateAdminSession(const AdminSession& session) override;
  core::Result<AdminSession> FindAdminSession(const std::string& token_hash) override;
  core::Status TouchAdminSession(const std::string& token_hash, Time at) override;
  core::Status DeleteAdminSession(const std::string& token_hash) override;
  core::Result<int64_t> DeleteUserSessions(int64_t user_id) override;
  core::Result<int64_t> DeleteExpiredAdminSessions(Time now) override;
  core::Status AppendAudit(const AuditEntry& entry) override;
  core::Result<std::vector<AuditEntry>> ListAudit(const std::string& tenant, int64_t limit) override;
  core::Status WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) override;
  core::Result<int64_t> ReadCheckpoint(std::string_view stream) override;

  // Schema versions applied (for tests and diagnostics).
  core::Result<std::vector<int>> AppliedMigrationsForTest();
  // Runs the migrations again (a no-op once applied).
  core::Status MigrateForTest();

 protected:
  explicit SqlDatabase(std::unique_ptr<sql::SqlConnection> connection);
  // Runs the migrations; call once after construction.
  core::Status Migrate();

 private:
  std::unique_ptr<sql::SqlConnection> connection_;
};

}  // namespace db
