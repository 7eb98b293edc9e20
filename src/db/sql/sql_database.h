// SqlDatabase: the Database shared by SQLite and PostgreSQL. One store per
// role (sql_*_store.h), each written once over the SqlConnection with
// portable SQL and bound parameters only (no value is ever spliced into a
// statement; sort orders come from an enum). The stores share the
// connection, which this class owns.
// Thread-safe to the extent of the connection: SQLite serialises every call
// on one connection; PostgreSQL uses a pool.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/sql/sql_admin_session_store.h"
#include "db/sql/sql_api_token_store.h"
#include "db/sql/sql_audit_store.h"
#include "db/sql/sql_connection.h"
#include "db/sql/sql_event_store.h"
#include "db/sql/sql_inbox_store.h"
#include "db/sql/sql_lead_store.h"
#include "db/sql/sql_order_store.h"
#include "db/sql/sql_outbox_store.h"
#include "db/sql/sql_record_batch_store.h"
#include "db/sql/sql_user_store.h"

namespace db {

class SqlDatabase : public Database {
 public:
  std::string_view Kind() const override;
  core::Status Ping() override;

  EventStore& events() override { return events_; }
  LeadStore& leads() override { return leads_; }
  OrderStore& orders() override { return orders_; }
  UserStore& users() override { return users_; }
  ApiTokenStore& api_tokens() override { return api_tokens_; }
  AdminSessionStore& admin_sessions() override { return admin_sessions_; }
  AuditStore& audit() override { return audit_; }
  RecordBatchStore& record_batches() override { return record_batches_; }
  InboxStore& inbox() override { return inbox_; }
  OutboxStore& outbox() override { return outbox_; }

  // Schema versions applied (for tests and diagnostics).
  core::Result<std::vector<int>> AppliedMigrationsForTest();
  // Runs the migrations again (a no-op once applied).
  core::Status MigrateForTest();

 protected:
  explicit SqlDatabase(std::unique_ptr<sql::SqlConnection> connection);
  // Runs the migrations; call once after construction.
  core::Status Migrate();

 private:
  std::unique_ptr<sql::SqlConnection> connection_;  // before the stores that use it
  SqlEventStore events_;
  SqlLeadStore leads_;
  SqlOrderStore orders_;
  SqlUserStore users_;
  SqlApiTokenStore api_tokens_;
  SqlAdminSessionStore admin_sessions_;
  SqlAuditStore audit_;
  SqlRecordBatchStore record_batches_;
  SqlInboxStore inbox_;
  SqlOutboxStore outbox_;
};

}  // namespace db
