// InMemoryDatabase: a db::Database whose roles are the in-memory fakes
// over one set of MemoryTables, for service unit tests that need no SQL.
// Kind() is "memory"; Ping() always succeeds. The contract suite in
// tests/unit/db runs the SQL databases' cases against it too, which keeps
// it faithful. Thread-safe.
#pragma once

#include <string_view>

#include "db/database.h"
#include "fakes/in_memory_account_stores.h"
#include "fakes/in_memory_channel_stores.h"
#include "fakes/in_memory_record_stores.h"
#include "fakes/in_memory_tables.h"

namespace fakes {

class InMemoryDatabase final : public db::Database {
 public:
  std::string_view Kind() const override { return "memory"; }
  core::Status Ping() override { return core::Status::Ok(); }

  db::EventStore& events() override { return events_; }
  db::LeadStore& leads() override { return leads_; }
  db::OrderStore& orders() override { return orders_; }
  db::UserStore& users() override { return users_; }
  db::ApiTokenStore& api_tokens() override { return api_tokens_; }
  db::AdminSessionStore& admin_sessions() override { return admin_sessions_; }
  db::AuditStore& audit() override { return audit_; }
  db::RecordBatchStore& record_batches() override { return record_batches_; }
  db::InboxStore& inbox() override { return inbox_; }
  db::OutboxStore& outbox() override { return outbox_; }

  // Removes the user row only: its sessions and tokens stay, as if they
  // outlived their user (a database edited behind the services' back).
  void DeleteUserForTest(int64_t user_id) {
    std::lock_guard lock(tables_.mu);
    tables_.rows.users.erase(user_id);
  }

 private:
  MemoryTables tables_;
  InMemoryEventStore events_{tables_};
  InMemoryLeadStore leads_{tables_};
  InMemoryOrderStore orders_{tables_};
  InMemoryUserStore users_{tables_};
  InMemoryApiTokenStore api_tokens_{tables_};
  InMemoryAdminSessionStore admin_sessions_{tables_};
  InMemoryAuditStore audit_{tables_};
  InMemoryRecordBatchStore record_batches_{tables_};
  ChannelTables channel_tables_;
  InMemoryInboxStore inbox_{channel_tables_};
  InMemoryOutboxStore outbox_{channel_tables_};
};

}  // namespace fakes
