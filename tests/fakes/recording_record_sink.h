#pragma once

#include <mutex>
#include <vector>

#include "db/record_sink.h"

namespace fakes {

// A RecordSink that keeps a copy of every accepted batch and, when
// `forward` is set, passes it on (e.g. to a DirectRecordSink over SQLite).
// While `refuse` is set it accepts nothing and returns kUnavailable, like a
// full record queue. Set the public fields before turns run.
class RecordingRecordSink final : public db::RecordSink {
 public:
  core::Status Enqueue(db::RecordBatch batch) override {
    std::lock_guard lock(mu_);
    if (refuse) return core::MakeError(core::ErrorCode::kUnavailable, "record queue full (test)");
    batches.push_back(batch);
    return forward ? forward->Enqueue(std::move(batch)) : core::Status::Ok();
  }

  bool refuse = false;
  db::RecordSink* forward = nullptr;
  std::vector<db::RecordBatch> batches;

 private:
  std::mutex mu_;
};

}  // namespace fakes
