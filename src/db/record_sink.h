// RecordSink: where the CRM hands what a turn left behind (events,
// transcript messages, lead updates, orders). The production sink is the
// group-commit RecordQueue; tests may use a recording fake.
//
// Contract: Enqueue returning Ok means the records are accepted and will
// reach the operational store, also across a restart; the turn's HTTP
// response is sent only after that. An error (kUnavailable when the queue is
// full or its journal cannot be written) means nothing was accepted and the
// turn must fail rather than pretend. Thread-safe; must not block for long.
#pragma once

#include "core/result.h"
#include "db/records.h"

namespace db {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual core::Status Enqueue(db::RecordBatch batch) = 0;
};

}  // namespace db
