// InboxStore: the messages shoppers send over messaging channels, recorded
// durably before the webhook that carried them is acknowledged, and claimed
// by workers that run the turns.
//
// Exactly once: a message is recorded once per (tenant, provider,
// message_id) whatever the provider redelivers; CompleteInbound marks it
// done together with the replies it adds to the outbox (one transaction),
// so a message answered before a crash is never answered again, and one not
// yet answered is answered after the restart.
//
// Order: ClaimInbound hands out only the oldest pending message (by the
// provider's time, then arrival) of each conversation (tenant, shopper),
// and nothing of a conversation while one of its messages is claimed or
// waits for a retry, so a shopper's messages are answered in order.
//
// Claims are leases: a worker names itself (a name stable across its
// restarts) and the lease ends at `now + lease`. A message whose lease ran
// out can be claimed by any worker; RecoverInbound frees a worker's own
// leases when it starts again after a crash.
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

class InboxStore {
 public:
  virtual ~InboxStore() = default;

  // In one transaction: inserts each message (ids, state and attempts are
  // ignored; it starts pending) unless its (tenant, provider, message_id)
  // is already recorded, which counts as a duplicate; and applies each
  // delivery update to the tenant's outbox message it names (by outbox_id
  // when given and of that tenant and provider, else by
  // provider_message_id), only when it raises the message's
  // OutboxStateRank; a provider id learnt this way is stored. With `claim`
  // the new messages start claimed by claim->worker until claim->until
  // (attempts 1), for a caller that answers them at once.
  virtual core::Result<WebhookReceipt> RecordWebhook(const std::vector<InboundMessage>& messages,
                                                     const std::vector<DeliveryUpdate>& updates,
                                                     const std::optional<InboundClaim>& claim) = 0;

  // Up to `limit` (clamped to 1..100) messages claimed for `worker` until
  // now + lease (attempts + 1), as described above. Oldest first.
  virtual core::Result<std::vector<InboundMessage>> ClaimInbound(const std::string& worker, Time now,
                                                                 std::chrono::milliseconds lease, int limit) = 0;

  // Marks message `id` done and adds `replies` to the outbox (a reply
  // whose (tenant, dedupe_key) exists is skipped; see
  // OutboxStore::EnqueueOutbound for the state), in one transaction.
  // Completing a message already done changes nothing.
  virtual core::Status CompleteInbound(int64_t id, const std::vector<OutboxMessage>& replies, Time at) = 0;

  // Gives a claimed message back, to be claimed again from `retry_at`,
  // noting `error`.
  virtual core::Status RetryInbound(int64_t id, Time retry_at, const std::string& error) = 0;

  // Marks the message failed (it will not be answered), noting `error`.
  virtual core::Status FailInbound(int64_t id, const std::string& error, Time at) = 0;

  // Frees the leases `worker` holds (after its restart). Returns how many.
  virtual core::Result<int64_t> RecoverInbound(const std::string& worker) = 0;

  // The shopper's newest message by the provider's time (the 24-hour
  // window starts there); nullopt when they never wrote.
  virtual core::Result<std::optional<InboundMessage>> LastInbound(const std::string& tenant,
                                                                  const std::string& shopper) = 0;

  // The shopper's newest `limit` (clamped to 1..1000) messages, oldest first.
  virtual core::Result<std::vector<InboundMessage>> ListInbound(const std::string& tenant, const std::string& shopper,
                                                                int64_t limit) = 0;

  // How many messages are pending (claimed or not), for readiness and tests.
  virtual core::Result<int64_t> CountPendingInbound() = 0;
};

}  // namespace db
