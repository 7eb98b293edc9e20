// FakeRecordStore: an in-memory db::RecordBatchStore for the record write
// path, with scriptable failures (down, failing writes, poisoned data, a
// held commit). Keeps the events it was given and the checkpoints; for the
// full record semantics (lead merge, orders) use InMemoryDatabase.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "db/record_batch_store.h"

namespace fakes {

class FakeRecordStore final : public db::RecordBatchStore {
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
  // A full disk: a batch with records fails with kUnavailable (not marked
  // retryable), while an empty batch (only the checkpoint, rewritten in
  // place) still succeeds, so the store looks like it works.
  void SetFull(bool full) {
    std::lock_guard lock(mu_);
    full_ = full;
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
    if (full_ && !batch.empty()) {
      return core::MakeError(core::ErrorCode::kUnavailable, "SQLite step: database or disk is full");
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

 private:
  static core::Error Fail(bool retryable) {
    core::Error e = core::MakeError(core::ErrorCode::kUnavailable, "fake store down");
    e.retryable = retryable;
    return e;
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool down_ = false;
  bool held_ = false;
  bool full_ = false;
  int fail_next_ = 0;
  std::string poison_;
  int64_t calls_ = 0;
  int64_t transactions_ = 0;
  std::vector<db::RecordBatch> batches_;
  std::vector<db::Event> events_;
  std::map<std::string, int64_t> checkpoints_;
};

}  // namespace fakes
