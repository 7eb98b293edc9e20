// OutboxSender: sends one claimed outbox message through its provider and
// records what happened (OutboxStore):
//   accepted                  -> "sent", with the provider's message id;
//   no response, 429 or 5xx   -> pending again after a backoff (retry_min
//                                doubling per attempt up to retry_max, or the
//                                provider's Retry-After when longer), until
//                                max_attempts, then "failed";
//   any other refusal         -> "failed" with the provider's error;
//   credentials not set yet   -> retried like an outage (the owner may set
//                                them), then "failed".
// Each send names our outbox id to the provider (Meta
// biz_opaque_callback_data; Twilio's StatusCallback URL
// PUBLIC_BASE_URL/whatsapp_webhook/twilio?outbox=<id>), so its delivery
// callbacks update the message, even one whose send was in doubt.
// Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "connectors/message_sender.h"
#include "core/clock.h"
#include "db/outbox_store.h"
#include "services/channels/channel_directory.h"
#include "services/secrets/secret_store.h"

namespace services {

struct OutboxOptions {
  std::chrono::milliseconds retry_min{1'000};
  std::chrono::milliseconds retry_max{300'000};
  int64_t max_attempts = 10;
  std::string public_base_url;  // for Twilio status callbacks; empty: none
};

class OutboxSender {
 public:
  using Senders = std::map<std::string, connectors::MessageSender*, std::less<>>;  // by provider
  using Warn = std::function<void(const std::string&)>;
  // All references and senders must outlive this object.
  OutboxSender(db::OutboxStore& outbox, ChannelDirectory& directory, SecretStore& secrets, Senders senders,
               const core::Clock& clock, OutboxOptions options, Warn warn);

  // Sends `message` (claimed by the caller) and records the outcome.
  // Errors: the store's, when the outcome could not be recorded (the claim
  // then runs out and the message is in doubt).
  core::Status Send(const db::OutboxMessage& message);

  // The wait before attempt `attempts` + 1.
  std::chrono::milliseconds Backoff(int64_t attempts) const;

 private:
  core::Status Retry(const db::OutboxMessage& m, const std::string& why,
                     std::optional<std::chrono::seconds> retry_after = std::nullopt);
  core::Status Fail(const db::OutboxMessage& m, const std::string& why);

  db::OutboxStore& outbox_;
  ChannelDirectory& directory_;
  SecretStore& secrets_;
  Senders senders_;
  const core::Clock& clock_;
  OutboxOptions options_;
  Warn warn_;
};

}  // namespace services
