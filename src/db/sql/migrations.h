// Versioned schema migrations, embedded in the binary. Migrate() creates
// schema_migrations when missing and applies, in order, each migration whose
// version is not recorded there; each one runs in its own transaction
// together with its schema_migrations row, so it is applied exactly once.
#pragma once

#include <string>
#include <vector>

#include "db/sql/sql_connection.h"

namespace db::sql {

struct Migration {
  int version;
  std::string name;
  // Statements; "{ID}" and "{REAL}" are replaced per dialect.
  std::vector<std::string> statements;
};

const std::vector<Migration>& AllMigrations();

core::Status Migrate(SqlConnection& connection);

// Versions recorded in schema_migrations, ascending.
core::Result<std::vector<int>> AppliedMigrations(SqlConnection& connection);

}  // namespace db::sql
