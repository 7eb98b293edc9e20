// AuditStore: who changed what, when, for owner and operator writes
// (tenant files, products, rollbacks, lead edits and hand-offs).
//
// Tenant scope: every entry names its tenant; a list returns one tenant's.
//
// Times are stored with millisecond precision. Errors: kUnavailable
// (database down or a driver error; retryable when the driver knows it is
// transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entry` (its id is ignored).
  virtual core::Status AppendAudit(const AuditEntry& entry) = 0;

  // The tenant's newest `limit` entries (clamped to 1..1000), newest first
  // (by time, then insertion).
  virtual core::Result<std::vector<AuditEntry>> ListAudit(const std::string& tenant, int64_t limit) = 0;
};

}  // namespace db
