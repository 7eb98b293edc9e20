// OutboxStore: messages to send to shoppers over messaging channels, sent
// by workers with retries, so a reply survives a crash or a provider
// outage and is sent once.
//
// Order: ClaimOutbound hands out a message only when no earlier message of
// its conversation (tenant, shopper) is still pending or being sent, so the
// parts of a long reply arrive in order.
//
// Claims are leases, as in InboxStore: a claimed message is "sending" until
// the worker marks it sent, to retry or failed. One left "sending" by a
// worker that died is in doubt (the provider may have accepted it):
// RecoverOutbound puts a worker's own back to pending at a time it chooses,
// leaving room for a delivery callback (InboxStore::RecordWebhook) to show
// it was sent after all; a lease that ran out makes it claimable again.
//
// Errors: kNotFound (unknown id), kUnavailable (database down; retryable
// when the driver knows it is transient). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/channel_records.h"

namespace db {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Adds `message` (id, attempts and provider id are ignored) unless the
  // tenant already has its dedupe_key. It starts pending, or "sent" when
  // its state says so (a reply delivered another way, in a TwiML webhook
  // response, kept for the transcript). Returns the id of the message with
  // that key, new or old.
  virtual core::Result<int64_t> EnqueueOutbound(const OutboxMessage& message) = 0;

  // Up to `limit` (clamped to 1..100) due messages: pending with
  // next_attempt <= now, or sending with a lease that ran out; each the
  // first unsent one of its conversation. They become "sending", claimed
  // by `worker` until now + lease, attempts + 1. Oldest first.
  virtual core::Result<std::vector<OutboxMessage>> ClaimOutbound(const std::string& worker, Time now,
                                                                 std::chrono::milliseconds lease, int limit) = 0;

  // The provider accepted the message: its id is stored, and the state
  // becomes "sent" unless a delivery callback already moved it further.
  virtual core::Status MarkSent(int64_t id, const std::string& provider_message_id, Time at) = 0;
  // Back to pending, not before `next_attempt`, noting `error`.
  virtual core::Status MarkRetry(int64_t id, Time next_attempt, const std::string& error, Time at) = 0;
  // Given up: "failed", noting `error`.
  virtual core::Status MarkFailed(int64_t id, const std::string& error, Time at) = 0;

  // The messages `worker` left "sending" (it died while sending them) go
  // back to pending, due at `retry_at`. Returns how many.
  virtual core::Result<int64_t> RecoverOutbound(const std::string& worker, Time retry_at) = 0;

  // The tenant's message `id`; kNotFound for another tenant's.
  virtual core::Result<OutboxMessage> GetOutbound(const std::string& tenant, int64_t id) = 0;

  // The shopper's newest `limit` (clamped to 1..1000) messages, oldest first.
  virtual core::Result<std::vector<OutboxMessage>> ListOutbound(const std::string& tenant, const std::string& shopper,
                                                                int64_t limit) = 0;

  // How many messages are pending or being sent, for readiness and tests.
  virtual core::Result<int64_t> CountUnsentOutbound() = 0;
};

}  // namespace db
