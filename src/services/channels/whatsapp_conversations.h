// WhatsAppConversations: what staff do with a lead's WhatsApp
// conversation from the admin API.
//
// SendStaffReply: a staff member's message to the lead's WhatsApp number
// goes out through the outbox, over the provider the shopper last wrote
// on (else Meta, else Twilio, whichever is enabled). Within 24 hours of
// the shopper's last message it is sent as text (split to the provider's
// limit); outside that window only an approved template may be sent: the
// channel's templates.follow_up from channels.json, its body filled with
// the staff text and/or the shopper's name; without one the reply is
// refused (kConflict, saying so). The reply is kept in the lead's
// transcript (role "staff") and takes the conversation over: the lead is
// put in hand-off (CrmService::SetHandoff) so the bot stays quiet until
// staff release it. The request id is the reply's idempotency key: the
// same request sent twice queues one reply.
//
// Conversation: the lead's WhatsApp messages both ways, oldest first, each
// sent message with its delivery status (pending, sending, sent,
// delivered, read, failed) and error.
//
// Errors: kNotFound (no such lead for the tenant), kInvalidArgument (empty
// text), kPayloadTooLarge (longer than 4096 characters), kConflict (no
// WhatsApp number, channel not set up, 24-hour window closed without a
// template), kUnavailable (database or record queue down). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "db/inbox_store.h"
#include "db/outbox_store.h"
#include "db/record_sink.h"
#include "services/channels/channel_directory.h"
#include "services/records/crm_service.h"

namespace services {

struct StaffReply {
  std::vector<int64_t> outbox_ids;
  std::string provider;    // "meta" or "twilio"
  bool templated = false;  // sent as the follow-up template (window closed)
};

struct ConversationEntry {
  int64_t id = 0;         // inbound or outbox id
  std::string direction;  // "in" or "out"
  std::chrono::system_clock::time_point at{};
  std::string provider;
  std::string author;  // "shopper", "bot", "staff:<email>"
  std::string kind;    // in: text, button, location, other; out: text, buttons, list, template
  std::string text;
  std::string status;  // out: pending ... read, failed; in: pending, done, failed
  std::string error;
  std::chrono::system_clock::time_point updated_at{};
};

class WhatsAppConversations {
 public:
  // References must outlive the object; `wake` starts the outbox workers.
  WhatsAppConversations(CrmService& crm, db::InboxStore& inbox, db::OutboxStore& outbox, ChannelDirectory& directory,
                        db::RecordSink& records, const core::Clock& clock, std::function<void()> wake,
                        std::chrono::hours window = std::chrono::hours(24));

  core::Result<StaffReply> SendStaffReply(const core::TenantKey& tenant, int64_t lead_id, std::string_view text,
                                          const std::string& actor, const std::string& request_id);

  // Newest `limit` (1..1000) of each direction, merged oldest first.
  core::Result<std::vector<ConversationEntry>> Conversation(const core::TenantKey& tenant, int64_t lead_id,
                                                            int64_t limit);

 private:
  CrmService& crm_;
  db::InboxStore& inbox_;
  db::OutboxStore& outbox_;
  ChannelDirectory& directory_;
  db::RecordSink& records_;
  const core::Clock& clock_;
  std::function<void()> wake_;
  std::chrono::hours window_;
};

}  // namespace services
