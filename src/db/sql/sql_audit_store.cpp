#include "db/sql/sql_audit_store.h"

#include <algorithm>

#include "db/sql/sql_fields.h"

namespace db {

using sql::Int;
using sql::Row;
using sql::SqlSession;
using sql::Text;

core::Status SqlAuditStore::AppendAudit(const AuditEntry& a) {
  return connection_.Transaction([&](SqlSession& s) {
    return s
        .Run("INSERT INTO audit_log (tenant, user_id, at_ms, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)",
             {a.tenant, a.user, sql::ToMs(a.at), a.action, a.target, a.detail})
        .status();
  });
}

core::Result<std::vector<AuditEntry>> SqlAuditStore::ListAudit(const std::string& tenant, int64_t limit) {
  std::vector<AuditEntry> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, tenant, user_id, at_ms, action, target, detail FROM audit_log WHERE tenant = $1 "
        "ORDER BY at_ms DESC, id DESC LIMIT $2",
        {tenant, std::clamp<int64_t>(limit, 1, 1000)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      out.push_back(
          AuditEntry{Int(r[0]), Text(r[1]), Text(r[2]), sql::FromMs(Int(r[3])), Text(r[4]), Text(r[5]), Text(r[6])});
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace db
