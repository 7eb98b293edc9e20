// Database: the operational database -- conversation records (events,
// leads and transcripts, orders), admin accounts (users, API tokens,
// dashboard sessions), the audit log, the write path's checkpoints and
// the messaging channels' inbox and outbox --
// seen through one small interface per role. Services take only the roles
// they use; the container hands them out.
//
// Implementations: SqliteDatabase (embedded default) and PostgresDatabase,
// chosen in the container by DATABASE_URL. Both run the versioned schema
// migrations when opened. The roles of one Database share its tables and
// connections (e.g. a lead merge moves orders; a batch write touches
// leads, events, messages and orders in one transaction).
//
// Lifetime: the role references stay valid as long as the Database.
// Thread-safe.
#pragma once

#include <string_view>

#include "core/result.h"
#include "db/admin_session_store.h"
#include "db/api_token_store.h"
#include "db/audit_store.h"
#include "db/event_store.h"
#include "db/inbox_store.h"
#include "db/lead_store.h"
#include "db/order_store.h"
#include "db/outbox_store.h"
#include "db/record_batch_store.h"
#include "db/user_store.h"

namespace db {

class Database {
 public:
  virtual ~Database() = default;

  // The implementation, for readiness reports: "sqlite" or "postgres".
  virtual std::string_view Kind() const = 0;
  // A trivial round trip.
  virtual core::Status Ping() = 0;

  virtual EventStore& events() = 0;
  virtual LeadStore& leads() = 0;
  virtual OrderStore& orders() = 0;
  virtual UserStore& users() = 0;
  virtual ApiTokenStore& api_tokens() = 0;
  virtual AdminSessionStore& admin_sessions() = 0;
  virtual AuditStore& audit() = 0;
  virtual RecordBatchStore& record_batches() = 0;
  // Messaging channels: shopper messages in, replies out.
  virtual InboxStore& inbox() = 0;
  virtual OutboxStore& outbox() = 0;
};

}  // namespace db
