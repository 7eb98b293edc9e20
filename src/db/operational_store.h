// OperationalStore: the typed repository services use for conversation
// records and admin accounts. No SQL leaves src/db.
//
// Tenant scope: every tenant-scoped method takes the tenant explicitly and
// never reads or writes another tenant's rows (ids of another tenant behave
// as not found). Users and tokens are looked up globally (login is by email,
// a token by its hash) and carry their tenant for the caller to check.
//
// Batches: each Append* call is one transaction (all rows or none).
// WriteBatch commits a whole RecordBatch together with the checkpoint of a
// record stream (the group-commit queue, db::RecordQueue, relies on
// this for exactly-once replay of its journal).
//
// Errors: kNotFound (no such row for this tenant), kConflict (unique key
// taken), kInvalidArgument (bad status/role), kUnavailable (database down or
// a driver error; retryable). Implementations are thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class OperationalStore {
 public:
  virtual ~OperationalStore() = default;

  // Analytics events, appended as one transaction.
  virtual core::Status AppendEvents(const std::vector<Event>& batch) = 0;
  // Ordered by time, then insertion.
  virtual core::Result<std::vector<Event>> QueryEvents(const EventQuery& query) = 0;

  // Creates or merges a lead. The lead is found by (tenant, phone), else
  // (tenant, email), else (tenant, session). When the phone or email belongs
  // to a known lead and this session had an anonymous lead (no phone, no
  // email), the anonymous one is merged into the known one and removed.
  // Returns the lead after the change.
  virtual core::Result<Lead> UpsertLead(const LeadUpsert& upsert) = 0;
  virtual core::Result<Lead> GetLead(const std::string& tenant, int64_t id) = 0;
  // Search and filter values are bound parameters; sort is an enum.
  virtual core::Result<LeadPage> ListLeads(const LeadQuery& query) = 0;
  virtual core::Result<Lead> UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) = 0;

  // Transcript turns, appended as one transaction.
  virtual core::Status AppendMessages(const std::vector<Message>& batch) = 0;
  // One session's turns in order.
  virtual core::Result<std::vector<Message>> Transcript(const std::string& tenant, const std::string& session) = 0;
  // Every conversation of one lead, in time order: the sessions the lead was
  // seen in, including those of anonymous leads merged into it. kNotFound for
  // an unknown lead of this tenant.
  virtual core::Result<std::vector<Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) = 0;

  // kConflict when (tenant, order_id) exists. Returns the row id.
  virtual core::Result<int64_t> AddOrder(const Order& order) = 0;
  virtual core::Result<std::vector<Order>> QueryOrders(const std::string& tenant, Time from, Time to) = 0;

  // kConflict when the email is taken; kInvalidArgument for an unknown role
  // or a tenant role without tenant. Returns the user id.
  virtual core::Result<int64_t> CreateUser(const User& user) = 0;
  virtual core::Result<User> FindUserByEmail(const std::string& email) = 0;
  virtual core::Result<User> FindUserById(int64_t id) = 0;
  // Adds one failed login; when the count reaches max_failures the user is
  // locked until lock_until. Returns the user after the change.
  virtual core::Result<User> RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) = 0;
  // Resets the failure count and the lock.
  virtual core::Status RecordLoginSuccess(int64_t user_id) = 0;
  // Replaces the stored password hash (e.g. re-hashed with new parameters).
  // kNotFound for an unknown user.
  virtual core::Status SetPasswordHash(int64_t user_id, const std::string& password_hash) = 0;

  // kConflict when the hash exists. Returns the token id.
  virtual core::Result<int64_t> CreateToken(const ApiToken& token) = 0;
  // kNotFound for unknown or revoked tokens.
  virtual core::Result<ApiToken> FindToken(const std::string& token_hash) = 0;
  virtual core::Status TouchToken(int64_t token_id, Time at) = 0;
  // Only the owning user may revoke; kNotFound otherwise.
  virtual core::Status RevokeToken(int64_t user_id, int64_t token_id) = 0;
  // The user's tokens that are not revoked, newest first.
  virtual core::Result<std::vector<ApiToken>> ListTokens(int64_t user_id) = 0;

  // Dashboard sessions, keyed by the hash of the cookie value.
  // kConflict when the hash exists; kInvalidArgument for an unknown user.
  virtual core::Status CreateAdminSession(const AdminSession& session) = 0;
  // kNotFound for an unknown hash. Expiry is the caller's decision: expired
  // sessions are returned until deleted.
  virtual core::Result<AdminSession> FindAdminSession(const std::string& token_hash) = 0;
  // Sets last_seen (sliding idle timeout). Ok when the session is gone.
  virtual core::Status TouchAdminSession(const std::string& token_hash, Time at) = 0;
  // Ok whether or not the session existed (logout is idempotent).
  virtual core::Status DeleteAdminSession(const std::string& token_hash) = 0;
  // Signs a user out everywhere. Returns how many sessions were removed.
  virtual core::Result<int64_t> DeleteUserSessions(int64_t user_id) = 0;
  // Removes sessions whose absolute expiry is at or before `now`. Returns
  // how many were removed.
  virtual core::Result<int64_t> DeleteExpiredAdminSessions(Time now) = 0;

  virtual core::Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first.
  virtual core::Result<std::vector<AuditEntry>> ListAudit(const std::string& tenant, int64_t limit) = 0;

  // Writes every record of `batch` and sets the checkpoint of `stream` to
  // `checkpoint`, in ONE transaction: all of it or nothing. Leads are merged
  // in order with exactly the semantics of UpsertLead; an order whose
  // (tenant, order_id) exists is skipped (not an error); an order naming a
  // lead of another tenant fails the batch (kNotFound). An empty batch only
  // moves the checkpoint (a cheap write that also proves the store works).
  // Errors: kUnavailable (store down or driver error; `retryable` when the
  // driver knows it is transient), kNotFound, kConflict, kInvalidArgument.
  virtual core::Status WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) = 0;
  // The checkpoint last written for `stream`; 0 when it has none.
  virtual core::Result<int64_t> ReadCheckpoint(std::string_view stream) = 0;
};

}  // namespace db
