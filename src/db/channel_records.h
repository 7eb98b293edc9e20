// Records of the messaging channels (WhatsApp through Meta's Cloud API or
// Twilio): the messages shoppers sent, recorded before a webhook is
// acknowledged, and the outbox of messages to send them. Plain values;
// every record names its tenant. Times are UTC, stored with millisecond
// precision.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/records.h"

namespace db {

// A message a shopper sent. Unique per (tenant, provider, message_id): the
// same provider message recorded twice is a duplicate delivery.
struct InboundMessage {
  int64_t id = 0;  // assigned by the store
  std::string tenant;
  std::string provider;    // "meta" or "twilio"
  std::string message_id;  // the provider's id (wamid..., SM...)
  std::string shopper;     // E.164, "+447700900123"
  std::string profile_name;
  std::string kind;            // "text", "button", "location", "other"
  std::string text;            // what the shopper wrote, or the choice they tapped
  std::string payload = "{}";  // JSON object: the kind's details (reply id, coordinates, media type)
  Time sent_at{};              // the provider's timestamp of the message
  Time received_at{};
  std::string state = "pending";  // "pending", "done", "failed"
  int64_t attempts = 0;           // claims so far
  std::string error;              // why it failed, or the last retry's cause
};

// One message to send to a shopper. Unique per (tenant, dedupe_key), so a
// reply enqueued twice (a turn repeated after a crash) is sent once.
struct OutboxMessage {
  int64_t id = 0;  // assigned by the store
  std::string tenant;
  std::string provider;               // "meta" or "twilio"
  std::string shopper;                // E.164
  std::string session;                // the conversation's session id
  std::string dedupe_key;             // "reply:<inbound id>:<part>", "staff:<request id>", ...
  std::optional<int64_t> inbound_id;  // the shopper message this answers
  std::string author = "bot";         // "bot" or "staff:<email>"
  std::string content = "{}";         // JSON object: what to send (see services/channels/outbound_content.h)
  std::string state = "pending";      // see OutboxStateRank
  int64_t attempts = 0;               // sends tried
  Time next_attempt{};                // not sent before this
  std::string provider_message_id;    // once the provider accepted it
  std::string error;                  // the last failure
  Time created_at{};
  Time updated_at{};
};

// How far a message got: "pending" 0, "sending" 1, "sent" 2, "failed" 3,
// "delivered" 4, "read" 5; -1 for anything else. A delivery update only
// ever moves a message to a higher rank, so late or repeated provider
// callbacks never undo a later state.
int OutboxStateRank(std::string_view state);

// A provider's delivery callback about a message we sent.
struct DeliveryUpdate {
  std::string tenant;
  std::string provider;
  std::string provider_message_id;
  // The outbox id we attached to the send (Meta biz_opaque_callback_data,
  // Twilio status callback URL): finds a message whose send was in doubt
  // (the process died before it stored the provider's id).
  std::optional<int64_t> outbox_id;
  std::string status;  // "sent", "delivered", "read", "failed"
  Time at{};
  std::string error;
};

// A claim taken on messages as they are recorded (InboxStore::RecordWebhook).
struct InboundClaim {
  std::string worker;
  Time until{};
};

// What recording one webhook did.
struct WebhookReceipt {
  std::vector<int64_t> accepted;  // ids of the new inbound messages
  int64_t duplicates = 0;         // messages already recorded before
  int64_t updates_applied = 0;    // delivery updates that changed a message
};

}  // namespace db
