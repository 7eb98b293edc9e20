// RecordBatchStore: the write path's commit. The group-commit queue
// (db::RecordQueue) writes what chat turns left behind as RecordBatches,
// each together with the checkpoint of its record stream (the highest
// journal sequence number committed), so a journal replayed after a crash
// reaches the store exactly once.
//
// A stream is a name (one per journal); a store keeps one checkpoint per
// stream, 0 until the first write.
//
// Errors: kUnavailable (store down or a driver error; `retryable` when the
// driver knows it is transient), kNotFound, kConflict, kInvalidArgument
// (the data of a batch at fault).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "db/records.h"

namespace db {

class RecordBatchStore {
 public:
  virtual ~RecordBatchStore() = default;

  // Writes every record of `batch` and sets the checkpoint of `stream` to
  // `checkpoint`, in ONE transaction: all of it or nothing.
  //   - Leads first, merged in order with exactly the semantics of
  //     LeadStore::UpsertLead; then events, messages, and orders.
  //   - An order without a lead id gets the lead its (tenant, session) was
  //     upserted to earlier in the batch, if any (a checkout turn carries
  //     both). An order whose (tenant, order_id) exists is skipped (not an
  //     error); one naming a lead of another tenant fails the batch
  //     (kNotFound).
  //   - Exactly once: a non-empty batch whose checkpoint is at or below the
  //     stream's stored one was committed before (e.g. by an attempt whose
  //     COMMIT answer was lost); it is Ok and writes nothing.
  //   - An empty batch only sets the checkpoint (whatever it was): a cheap
  //     write that also proves the store works.
  virtual core::Status WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) = 0;

  // The checkpoint last written for `stream`; 0 when it has none.
  virtual core::Result<int64_t> ReadCheckpoint(std::string_view stream) = 0;
};

}  // namespace db
