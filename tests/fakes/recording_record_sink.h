#pragma once

#include <mutex>
#include <vector>

#include "services/record_sink.h"

namespace fakes {

// A RecordSink that keeps every accepted batch, or refuses (kUnavailable)
// while `refuse` is set.
class RecordingRecordSink final : public services::RecordSink {
 public:
  core::Status Enqueue(db::RecordBatch batch) override {
    std::lock_guard lock(mu_);
    if (refuse) return core::MakeError(core::ErrorCode::kUnavailable, "record queue full (test)");
    batches.push_back(std::move(batch));
    return core::Status::Ok();
  }

  bool refuse = false;
  std::vector<db::RecordBatch> batches;

 private:
  std::mutex mu_;
};

}  // namespace fakes
