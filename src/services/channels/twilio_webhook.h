// Decoding Twilio's WhatsApp webhooks (application/x-www-form-urlencoded):
// an incoming message (MessageSid, AccountSid, From/To "whatsapp:+<E.164>",
// Body, ProfileName, NumMedia, Latitude/Longitude, ButtonPayload/
// ButtonText, ...), or a delivery callback for a message we sent
// (MessageStatus, MessageSid, ErrorCode). Twilio may add parameters at any
// time; unknown ones are kept for the signature and otherwise ignored.
//
// Errors: kInvalidArgument naming the bad parameter. Pure functions;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "db/channel_records.h"
#include "services/channels/webhook_signatures.h"

namespace services {

// Limits on one form.
inline constexpr size_t kMaxFormParams = 200;
inline constexpr size_t kMaxFormValueBytes = 65536;

// Every name=value pair of the body, percent-decoded ('+' is a space), in
// order. kInvalidArgument for a malformed pair or escape, or too many or too
// large parameters.
core::Result<FormParams> ParseForm(std::string_view body);

struct TwilioWebhook {
  bool is_status = false;
  std::string account_sid;
  std::string to;              // our number, "whatsapp:+..."
  db::InboundMessage message;  // incoming message: tenant and provider not set
  db::DeliveryUpdate status;   // delivery callback: tenant and provider not set
};

// True for a MessageStatus of a delivery callback about a message we sent
// (queued, sending, sent, delivered, read, undelivered, failed, ...); false
// for "received", which Twilio puts on a shopper's incoming message.
bool IsTwilioDeliveryStatus(std::string_view message_status);

// `outbox_ref`: the "outbox" query parameter we put on status callback
// URLs, when present.
core::Result<TwilioWebhook> DecodeTwilioWebhook(const FormParams& params, db::Time received_at,
                                                std::optional<int64_t> outbox_ref);

}  // namespace services
