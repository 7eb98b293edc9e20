// DirectRecordSink — TEMPORARY (issue 4): the container's RecordSink until
// services::RecordQueue (group-commit journal) lands; swap it for the queue
// at merge and delete this file. Also a handy sink for in-process tests.
//
// Writes each batch straight to the operational store on the caller's
// thread: the lead upserts first (so an order can name its lead), then
// events, messages and orders, each store call its own transaction. So it is
// neither atomic across a batch nor durable beyond the database itself: a
// failure part-way leaves the earlier parts written and returns the error
// (kUnavailable) for the turn to fail. An order id already recorded
// (kConflict) counts as written, so a retried turn does not fail on it.
// Thread-safe when the store is.
#pragma once

#include "db/operational_store.h"
#include "services/record_sink.h"

namespace services {

class DirectRecordSink final : public RecordSink {
 public:
  // `store` must outlive the sink.
  explicit DirectRecordSink(db::OperationalStore& store) : store_(store) {}
  core::Status Enqueue(db::RecordBatch batch) override;

 private:
  db::OperationalStore& store_;
};

}  // namespace services
