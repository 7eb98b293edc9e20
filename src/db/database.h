// Database: the operational store (leads, events, transcripts, accounts)
// plus what readiness needs. Implementations: SqliteDatabase (embedded
// default) and PostgresDatabase, chosen in the container by DATABASE_URL.
// Both run the versioned schema migrations when opened.
#pragma once

#include <string_view>

#include "core/result.h"
#include "db/operational_store.h"

namespace db {

class Database : public OperationalStore {
 public:
  // "sqlite" or "postgres".
  virtual std::string_view Kind() const = 0;
  // A trivial round trip. Thread-safe.
  virtual core::Status Ping() = 0;
};

}  // namespace db
