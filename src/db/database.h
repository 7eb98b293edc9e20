// Database: the operational store (leads, events, transcripts) behind one
// interface. This foundation only needs connectivity for readiness; the
// record stores grow on top of it.
#pragma once

#include <string_view>

#include "core/result.h"

namespace db {

class Database {
 public:
  virtual ~Database() = default;
  // "sqlite" or "postgres".
  virtual std::string_view Kind() const = 0;
  // A trivial round trip. Thread-safe.
  virtual core::Status Ping() = 0;
};

}  // namespace db
