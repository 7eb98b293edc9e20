// MessageHandler: one chat turn, end to end:
//   validate -> session -> router -> reply composer -> reply mode -> turn
//   recorded (TurnSink) -> session saved.
// Used by /chat_api, WhatsApp, `aiv7 chat` and `aiv7 eval` alike.
//
// Human hand-off: while Session::handoff is set (the shopper asked for a
// person, or staff took over from the dashboard) the bot stays quiet: the
// message is not routed, contact details in it are still remembered, the
// turn is recorded with intent "human_handoff" (resolved = false) and the
// reply is a short holding text (the tenant's handoff_message, else a
// default). Staff release the session through CrmService::SetHandoff.
//
// Recording before saving: the turn is handed to the sink before the session
// is saved. When the sink refuses (the record queue is full or down) the
// turn fails with kUnavailable and the session is left as it was, so a turn
// the shopper saw answered is never missing from the records, and a retried
// message is handled as if it were the first attempt.
// Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "ai_modes/reply_mode.h"
#include "core/clock.h"
#include "core/reply.h"
#include "core/request_context.h"
#include "core/result.h"
#include "retrieval/tenant.h"
#include "services/conversation/chat_turn.h"
#include "services/reply/reply_composer.h"
#include "services/session/session_store.h"
#include "services/understanding/router.h"

namespace services {

struct MessageHandlerOptions {
  size_t max_message_bytes = 4000;
};

class MessageHandler {
 public:
  // All references must outlive the handler; `sink` may be null.
  MessageHandler(retrieval::TenantDirectory& tenants, SessionStore& sessions,
                 const retrieval::TextNormalizer& normalizer, const ai_modes::ReplyMode& mode, const core::Clock& clock,
                 core::IdGenerator& ids, TurnSink* sink, MessageHandlerOptions options = {});

  // The turn of `input` for the tenant, channel and request in `context`.
  // The context's deadline reaches the reply mode, which must answer (at
  // worst deterministically) by then.
  // REQUIRES: context.tenant is set.
  // Errors: kInvalidArgument (empty message, bad session id, no tenant),
  // kPayloadTooLarge (message too long), kUnknownTenant, tenant load errors,
  // kUnavailable (retryable) when the sink refused to record the turn.
  core::Result<ChatTurn> Handle(const core::RequestContext& context, const ChatInput& input);

 private:
  // The turn while a person has the conversation (see the file comment).
  ChatTurn Paused(const retrieval::Tenant& tenant, Session& session, const std::string& message, ChatTurn turn) const;

  retrieval::TenantDirectory& tenants_;
  SessionStore& sessions_;
  const retrieval::TextNormalizer& normalizer_;
  const ai_modes::ReplyMode& mode_;
  const core::Clock& clock_;
  core::IdGenerator& ids_;
  TurnSink* sink_;
  MessageHandlerOptions options_;
  Router router_;
  ReplyComposer composer_;
};

// The holding reply while a person has the conversation.
inline constexpr std::string_view kDefaultHandoffHolding = "A member of our team will reply here shortly.";

}  // namespace services
