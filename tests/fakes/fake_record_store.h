// FakeRecordStore: an in-memory db::OperationalStore for the record write
// path (WriteBatch, ReadCheckpoint) with scriptable failures. Every other
// method answers kUnavailable. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "db/operational_store.h"

namespace fakes {

class FakeRecordStore final : public db::OperationalStore {
 public:
  // Writes fail with kUnavailable (retryable) while down.
  void SetDown(bool down) {
    std::lock_guard lock(mu_);
    down_ = down;
  }
  // The next `n` writes fail with kUnavailable, retryable = false (a driver
  // error that does not say whether it is transient).
  void FailNext(int n) {
    std::lock_guard lock(mu_);
    fail_next_ = n;
  }
  // A batch holding an event of this kind fails with kInvalidArgument, as
  // bad data would (the store itself keeps working).
  void PoisonEventKind(std::string kind) {
    std::lock_guard lock(mu_);
    poison_ = std::move(kind);
  }
  // Blocks WriteBatch until Release (to hold the writer mid-commit).
  void Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
  }
  void Release() {
    std::lock_guard lock(mu_);
    held_ = false;
    cv_.notify_all();
  }

  core::Status WriteBatch(const db::RecordBatch& batch, std::string_view stream, int64_t checkpoint) override {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return !held_; });
    ++calls_;
    if (down_) return Fail(true);
    if (fail_next_ > 0) {
      --fail_next_;
      return Fail(false);
    }
    for (const auto& e : batch.events) {
      if (!poison_.empty() && e.kind == poison_) {
        return core::MakeError(core::ErrorCode::kInvalidArgument, "poisoned event " + e.query);
      }
    }
    if (!batch.empty()) {
      batches_.push_back(batch);
      ++transactions_;
    }
    for (const auto& e : batch.events) events_.push_back(e);
    checkpoints_[std::string(stream)] = checkpoint;
    return core::Status::Ok();
  }
  core::Result<int64_t> ReadCheckpoint(std::string_view stream) override {
    std::lock_guard lock(mu_);
    if (down_) return Fail(true);
    auto it = checkpoints_.find(std::string(stream));
    return it == checkpoints_.end() ? int64_t{0} : it->second;
  }

  std::vector<db::Event> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }
  // Non-empty batches committed.
  int64_t transactions() const {
    std::lock_guard lock(mu_);
    return transactions_;
  }
  int64_t calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  int64_t checkpoint(const std::string& stream = "records") const {
    std::lock_guard lock(mu_);
    auto it = checkpoints_.find(stream);
    return it == checkpoints_.end() ? 0 : it->second;
  }

  // Not used by the write path.
  core::Status AppendEvents(const std::vector<db::Event>&) override { return No(); }
  core::Result<std::vector<db::Event>> QueryEvents(const db::EventQuery&) override { return No(); }
  core::Result<db::Lead> UpsertLead(const db::LeadUpsert&) override { return No(); }
  core::Result<db::Lead> GetLead(const std::string&, int64_t) override { return No(); }
  core::Result<db::LeadPage> ListLeads(const db::LeadQuery&) override { return No(); }
  core::Result<db::Lead> UpdateLead(const std::string&, int64_t, const db::LeadPatch&) override { return No(); }
  core::Status AppendMessages(const std::vector<db::Message>&) override { return No(); }
  core::Result<std::vector<db::Message>> Transcript(const std::string&, const std::string&) override { return No(); }
  core::Result<std::vector<db::Message>> LeadTranscript(const std::string&, int64_t) override { return No(); }
  core::Result<int64_t> AddOrder(const db::Order&) override { return No(); }
  core::Result<std::vector<db::Order>> QueryOrders(const std::string&, db::Time, db::Time) override { return No(); }
  core::Result<int64_t> CreateUser(const db::User&) override { return No(); }
  core::Result<db::User> FindUserByEmail(const std::string&) override { return No(); }
  core::Result<db::User> FindUserById(int64_t) override { return No(); }
  core::Result<db::User> RecordLoginFailure(int64_t, int64_t, db::Time) override { return No(); }
  core::Status RecordLoginSuccess(int64_t) override { return No(); }
  core::Result<int64_t> CreateToken(const db::ApiToken&) override { return No(); }
  core::Result<db::ApiToken> FindToken(const std::string&) override { return No(); }
  core::Status TouchToken(int64_t, db::Time) override { return No(); }
  core::Status RevokeToken(int64_t, int64_t) override { return No(); }
  core::Status AppendAudit(const db::AuditEntry&) override { return No(); }
  core::Result<std::vector<db::AuditEntry>> ListAudit(const std::string&, int64_t) override { return No(); }
  core::Status SetPasswordHash(int64_t, const std::string&) override { return No(); }
  core::Result<std::vector<db::ApiToken>> ListTokens(int64_t) override { return No(); }
  core::Status CreateAdminSession(const db::AdminSession&) override { return No(); }
  core::Result<db::AdminSession> FindAdminSession(const std::string&) override { return No(); }
  core::Status TouchAdminSession(const std::string&, db::Time) override { return No(); }
  core::Status DeleteAdminSession(const std::string&) override { return No(); }
  core::Result<int64_t> DeleteUserSessions(int64_t) override { return No(); }
  core::Result<int64_t> DeleteExpiredAdminSessions(db::Time) override { return No(); }

 private:
  static core::Error No() { return core::MakeError(core::ErrorCode::kUnavailable, "not in FakeRecordStore"); }
  static core::Error Fail(bool retryable) {
    core::Error e = core::MakeError(core::ErrorCode::kUnavailable, "fake store down");
    e.retryable = retryable;
    return e;
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool down_ = false;
  bool held_ = false;
  int fail_next_ = 0;
  std::string poison_;
  int64_t calls_ = 0;
  int64_t transactions_ = 0;
  std::vector<db::RecordBatch> batches_;
  std::vector<db::Event> events_;
  std::map<std::string, int64_t> checkpoints_;
};

}  // namespace fakes
