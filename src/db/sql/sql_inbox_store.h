// SqlInboxStore: InboxStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include "db/inbox_store.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlInboxStore final : public InboxStore {
 public:
  // `connection` must outlive the store.
  explicit SqlInboxStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<WebhookReceipt> RecordWebhook(const std::vector<InboundMessage>& messages,
                                             const std::vector<DeliveryUpdate>& updates,
                                             const std::optional<InboundClaim>& claim) override;
  core::Result<std::vector<InboundMessage>> ClaimInbound(const std::string& worker, Time now,
                                                         std::chrono::milliseconds lease, int limit) override;
  core::Status CompleteInbound(int64_t id, const std::vector<OutboxMessage>& replies, Time at) override;
  core::Status RetryInbound(int64_t id, Time retry_at, const std::string& error) override;
  core::Status FailInbound(int64_t id, const std::string& error, Time at) override;
  core::Result<int64_t> RecoverInbound(const std::string& worker) override;
  core::Result<std::optional<InboundMessage>> LastInbound(const std::string& tenant,
                                                          const std::string& shopper) override;
  core::Result<std::vector<InboundMessage>> ListInbound(const std::string& tenant, const std::string& shopper,
                                                        int64_t limit) override;
  core::Result<int64_t> CountPendingInbound() override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
