// DirectRecordSink: a RecordSink for tests that commits each batch at once,
// in one transaction, through the same RecordBatchStore::WriteBatch the
// production RecordQueue uses (without the journal and the writer thread).
#pragma once

#include <atomic>

#include "db/record_batch_store.h"
#include "db/record_sink.h"

namespace fakes {

class DirectRecordSink final : public db::RecordSink {
 public:
  explicit DirectRecordSink(db::RecordBatchStore& store) : store_(store) {}
  core::Status Enqueue(db::RecordBatch batch) override { return store_.WriteBatch(batch, "direct", ++seq_); }

 private:
  db::RecordBatchStore& store_;
  std::atomic<int64_t> seq_{0};
};

}  // namespace fakes
