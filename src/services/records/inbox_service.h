// InboxService: the live side of the shop's conversations, for the
// dashboard's inbox and the shopper's widget.
//
// - Staff reply (Reply): a person of the shop answers a conversation. The
//   conversation is taken over first when it is not yet (the bot stays
//   quiet, CrmService::SetHandoff), so bot and person never talk over each
//   other. On the web (and api) channel the reply is stored in the
//   transcript as role "staff", where the widget picks it up
//   (ShopperMessages). On another channel (WhatsApp) the reply goes to that
//   channel's StaffReplyChannel, which sends it and records it; without one
//   the reply is refused with kUnavailable and nothing is stored.
// - Shopper side (ShopperMessages): one web conversation's messages after a
//   cursor, with whether staff have taken it over. Only session ids of the
//   form the server hands out to web chats (32 lower-case hex digits, 128
//   random bits) are served: the session id is the shopper's only
//   credential, and the ids of other channels (WhatsApp: "wa-<number>") are
//   guessable.
// - Change stamps (feed()): see inbox_feed.h.
//
// Errors: kInvalidArgument (empty or too long text, a malformed session
// id), kNotFound (another tenant's lead), kUnavailable (database, session
// store or channel down; retryable).
// Thread-safe: no state of its own beyond the injected, thread-safe parts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "db/audit_store.h"
#include "db/lead_store.h"
#include "services/records/crm_service.h"
#include "services/records/crm_views.h"
#include "services/records/inbox_feed.h"
#include "services/session/session_store.h"

namespace services {

// Sends a staff reply on a messaging channel (implemented by the channel's
// subsystem, e.g. WhatsApp through its outbox) and records it in the
// transcript. Thread-safe.
class StaffReplyChannel {
 public:
  virtual ~StaffReplyChannel() = default;
  // Ok once the reply is accepted for sending (durably) and recorded.
  virtual core::Status SendStaffReply(const core::TenantKey& tenant, const LeadView& lead, const std::string& text,
                                      const std::string& actor) = 0;
};

struct InboxServiceOptions {
  size_t max_reply_bytes = 4000;
  // Channels other than web/api by lead channel name ("whatsapp"); each
  // must outlive the service.
  std::map<std::string, StaffReplyChannel*> channels;
};

// What a shopper's widget shows of its conversation.
struct ShopperThread {
  std::vector<TranscriptTurn> messages;  // id > the cursor asked for, in order
  bool handoff = false;                  // staff have taken the conversation over
};

class InboxService {
 public:
  // All references must outlive the service.
  InboxService(CrmService& crm, db::LeadStore& leads, db::AuditStore& audit, SessionStore& sessions, InboxFeed& feed,
               const core::Clock& clock, InboxServiceOptions options = {});

  // The staff message as stored (web) or as sent (another channel).
  core::Result<TranscriptTurn> Reply(const core::TenantKey& tenant, int64_t lead_id, const std::string& text,
                                     const std::string& actor);

  // Messages of a web conversation with id > `after`.
  core::Result<ShopperThread> ShopperMessages(const core::TenantKey& tenant, const std::string& session, int64_t after);

  // True for the session ids ShopperMessages serves.
  static bool IsWebSessionId(const std::string& session);

  const InboxFeed& feed() const { return feed_; }

 private:
  CrmService& crm_;
  db::LeadStore& leads_;
  db::AuditStore& audit_;
  SessionStore& sessions_;
  InboxFeed& feed_;
  const core::Clock& clock_;
  InboxServiceOptions options_;
};

}  // namespace services
