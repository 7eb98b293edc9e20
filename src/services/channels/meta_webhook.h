// Decoding a WhatsApp Cloud API (Meta) webhook body, field by field with
// its type and size, before anything in it is used:
//   {"object":"whatsapp_business_account","entry":[{"changes":[{"field":
//    "messages","value":{"metadata":{"phone_number_id"},"contacts":[...],
//    "messages":[...],"statuses":[...]}}]}]}
// Changes of other fields are skipped. Message kinds: text; interactive
// button_reply / list_reply and template quick replies ("button", by the
// id or payload we gave); location; reactions and system notices
// ("ignored": recorded, not answered); anything else ("other": answered
// politely). Statuses: sent, delivered, read, failed (others skipped).
//
// Errors: kInvalidJson (not JSON, nested too deep, not an object),
// kInvalidArgument with the JSON pointer of the first bad field in
// Error::details. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "db/channel_records.h"

namespace services {

struct MetaWebhook {
  struct Message {
    std::string phone_number_id;  // the business number it was sent to
    db::InboundMessage message;   // tenant and provider not set
  };
  struct Status {
    std::string phone_number_id;
    db::DeliveryUpdate update;  // tenant and provider not set
  };
  std::vector<std::string> phone_number_ids;  // every one named, each once, in order
  std::vector<Message> messages;
  std::vector<Status> statuses;
};

// Limits on what one webhook may carry.
inline constexpr size_t kMaxWebhookMessages = 1000;
inline constexpr size_t kMaxInboundTextBytes = 65536;

core::Result<MetaWebhook> DecodeMetaWebhook(std::string_view body, db::Time received_at);

}  // namespace services
