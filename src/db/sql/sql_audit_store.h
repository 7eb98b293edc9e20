// SqlAuditStore: AuditStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/audit_store.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlAuditStore final : public AuditStore {
 public:
  // `connection` must outlive the store.
  explicit SqlAuditStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Status AppendAudit(const AuditEntry& entry) override;
  core::Result<std::vector<AuditEntry>> ListAudit(const std::string& tenant, int64_t limit) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
