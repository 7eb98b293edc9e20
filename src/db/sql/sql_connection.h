// SqlConnection: the small seam between the shared repository code
// (SqlDatabase) and a driver. Statements use PostgreSQL-style placeholders
// $1..$N in both dialects (SQLite accepts them as named parameters).
// Internal to src/db.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace db::sql {

using Param = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Param>;
// A field as text; nullopt for NULL.
using Field = std::optional<std::string>;
using Row = std::vector<Field>;
using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

// Runs statements inside one open transaction.
class SqlSession {
 public:
  virtual ~SqlSession() = default;
  // One statement. Driver failures come back as kUnavailable, unique
  // violations as kConflict.
  virtual core::Result<Rows> Run(std::string_view sql, const Params& params = {}) = 0;
  // Until this transaction ends, no other transaction that locks the same
  // `key` runs past its own LockKey (on any connection or server sharing
  // the database). For find-then-insert sequences that must not race, such
  // as merging leads by phone. SQLite has one writer at a time: a no-op.
  virtual core::Status LockKey(std::string_view key) = 0;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // Runs `body` in a transaction, serialised with every other call: commits
  // when it returns ok, rolls back otherwise (the error is returned).
  virtual core::Status Transaction(const std::function<core::Status(SqlSession&)>& body) = 0;
};

}  // namespace db::sql
