// In-memory InboxStore and OutboxStore over shared ChannelTables: fakes
// faithful to the contracts in src/db/inbox_store.h and outbox_store.h
// (dedupe keys, conversation order, leases, rank-ordered delivery updates,
// tenant scope); the store contract suite in tests/unit/db runs the same
// cases against them and the SQL stores. Thread-safe. The tables must
// outlive the stores. Usually reached through InMemoryDatabase.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "db/inbox_store.h"
#include "db/outbox_store.h"

namespace fakes {

struct ChannelTables {
  struct Inbound {
    db::InboundMessage message;
    int64_t lease_until_ms = 0;
    std::string claimed_by;
  };
  struct Outbound {
    db::OutboxMessage message;
    int64_t lease_until_ms = 0;
    std::string claimed_by;
  };
  std::mutex mu;
  std::map<int64_t, Inbound> inbound;  // by id
  std::map<int64_t, Outbound> outbox;  // by id
  int64_t last_inbound_id = 0;
  int64_t last_outbox_id = 0;
};

class InMemoryInboxStore final : public db::InboxStore {
 public:
  explicit InMemoryInboxStore(ChannelTables& tables) : tables_(tables) {}

  core::Result<db::WebhookReceipt> RecordWebhook(const std::vector<db::InboundMessage>& messages,
                                                 const std::vector<db::DeliveryUpdate>& updates,
                                                 const std::optional<db::InboundClaim>& claim) override;
  core::Result<std::vector<db::InboundMessage>> ClaimInbound(const std::string& worker, db::Time now,
                                                             std::chrono::milliseconds lease, int limit) override;
  core::Status CompleteInbound(int64_t id, const std::vector<db::OutboxMessage>& replies, db::Time at) override;
  core::Status RetryInbound(int64_t id, db::Time retry_at, const std::string& error) override;
  core::Status FailInbound(int64_t id, const std::string& error, db::Time at) override;
  core::Result<int64_t> RecoverInbound(const std::string& worker) override;
  core::Result<std::optional<db::InboundMessage>> LastInbound(const std::string& tenant,
                                                              const std::string& shopper) override;
  core::Result<std::vector<db::InboundMessage>> ListInbound(const std::string& tenant, const std::string& shopper,
                                                            int64_t limit) override;
  core::Result<int64_t> CountPendingInbound() override;

 private:
  ChannelTables& tables_;
};

class InMemoryOutboxStore final : public db::OutboxStore {
 public:
  explicit InMemoryOutboxStore(ChannelTables& tables) : tables_(tables) {}

  core::Result<int64_t> EnqueueOutbound(const db::OutboxMessage& message) override;
  core::Result<std::vector<db::OutboxMessage>> ClaimOutbound(const std::string& worker, db::Time now,
                                                             std::chrono::milliseconds lease, int limit) override;
  core::Status MarkSent(int64_t id, const std::string& provider_message_id, db::Time at) override;
  core::Status MarkRetry(int64_t id, db::Time next_attempt, const std::string& error, db::Time at) override;
  core::Status MarkFailed(int64_t id, const std::string& error, db::Time at) override;
  core::Result<int64_t> RecoverOutbound(const std::string& worker, db::Time retry_at) override;
  core::Result<db::OutboxMessage> GetOutbound(const std::string& tenant, int64_t id) override;
  core::Result<std::vector<db::OutboxMessage>> ListOutbound(const std::string& tenant, const std::string& shopper,
                                                            int64_t limit) override;
  core::Result<int64_t> CountUnsentOutbound() override;

 private:
  ChannelTables& tables_;
};

}  // namespace fakes
