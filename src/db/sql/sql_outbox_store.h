// SqlOutboxStore: OutboxStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include <cstdint>
#include <optional>

#include "db/outbox_store.h"
#include "db/sql/sql_connection.h"

namespace db {

namespace sql {
// Inside the caller's transaction: inserts `m` as pending unless the tenant
// has its dedupe_key; the id of the message with that key.
core::Result<int64_t> InsertOutbound(SqlSession& s, const OutboxMessage& m);
// Inside the caller's transaction: applies `update` as
// InboxStore::RecordWebhook describes. True when a message changed.
core::Result<bool> ApplyDeliveryUpdate(SqlSession& s, const DeliveryUpdate& update);
}  // namespace sql

class SqlOutboxStore final : public OutboxStore {
 public:
  // `connection` must outlive the store.
  explicit SqlOutboxStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<int64_t> EnqueueOutbound(const OutboxMessage& message) override;
  core::Result<std::vector<OutboxMessage>> ClaimOutbound(const std::string& worker, Time now,
                                                         std::chrono::milliseconds lease, int limit) override;
  core::Status MarkSent(int64_t id, const std::string& provider_message_id, Time at) override;
  core::Status MarkRetry(int64_t id, Time next_attempt, const std::string& error, Time at) override;
  core::Status MarkFailed(int64_t id, const std::string& error, Time at) override;
  core::Result<int64_t> RecoverOutbound(const std::string& worker, Time retry_at) override;
  core::Result<OutboxMessage> GetOutbound(const std::string& tenant, int64_t id) override;
  core::Result<std::vector<OutboxMessage>> ListOutbound(const std::string& tenant, const std::string& shopper,
                                                        int64_t limit) override;
  core::Result<int64_t> CountUnsentOutbound() override;

 private:
  // Runs `update` (which names the message as $1) and tells a message that
  // is not there (kNotFound) from one in a state the update skips (Ok).
  core::Status UpdateExisting(int64_t id, std::string_view update, const sql::Params& params);

  sql::SqlConnection& connection_;
};

}  // namespace db
