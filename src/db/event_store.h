// EventStore: the analytics events conversations leave behind (one "turn"
// per chat turn, plus business events such as "lead_captured", "checkout"
// and "handoff"), read back for the owner's KPIs and exports.
//
// Tenant scope: every event names its tenant; a query returns only the
// events of query.tenant.
//
// Times are stored with millisecond precision (sub-millisecond parts are
// truncated), on writes and on query bounds alike.
//
// Errors: kUnavailable (database down or a driver error; `retryable` when
// the driver knows it is transient).
//
// Thread-safe.
#pragma once

#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends every event of `batch` in one transaction: all of them or none.
  // Ids are assigned by the store. An empty batch is Ok and writes nothing.
  virtual core::Status AppendEvents(const std::vector<Event>& batch) = 0;

  // The events of query.tenant with query.from <= at < query.to, of
  // query.channel (empty: every channel), ordered by time, then insertion.
  virtual core::Result<std::vector<Event>> QueryEvents(const EventQuery& query) = 0;
};

}  // namespace db
