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

#include <nlohmann/json.hpp>

#include "ai_modes/reply_mode.h"
#include "core/clock.h"
#include "core/reply.h"
#include "core/request_context.h"
#include "core/result.h"
#include "services/reply_composer.h"
#include "services/router.h"
#include "services/session_store.h"
#include "services/tenant.h"

namespace services {

struct ChatInput {
  std::string message;
  std::string session_id;  // empty: a new session is created
  core::Channel channel = core::Channel::kApi;
  nlohmann::json metadata;
  std::string request_id;
  // The turn's business time (opening hours, cut-offs, "today", the tenant's
  // session lifetime). Unset: the handler's clock. Set only by `aiv7 eval`
  // and by /chat_api on a server started with ALLOW_TEST_CLOCK.
  std::optional<std::chrono::system_clock::time_point> now = std::nullopt;
};

struct ChatTurn {
  core::Reply reply;
  std::string tenant;
  int tenant_version = 0;
  std::string session_id;
  std::string intent;
  double confidence = 0;
  nlohmann::json entities;
  int64_t latency_us = 0;
  std::optional<OrderRequest> order;
  // What this turn changed in the session, for the CRM's business events.
  bool contact_revealed = false;  // the session had no phone and no email before; now it has one
  bool handoff_started = false;   // the session entered human hand-off this turn
  bool bot_paused = false;        // in hand-off: not routed, `reply` is the holding text
};

// Receives every completed turn (CRM records, logs) before its session is
// saved. `session` is the session as it will be saved; `tenant` is the
// snapshot the turn was answered from.
// Returning an error refuses the turn: MessageHandler then fails it with
// kUnavailable and does not save the session. Implementations must be
// thread-safe and must not block for long.
class TurnSink {
 public:
  virtual ~TurnSink() = default;
  virtual core::Status Record(const Tenant& tenant, const ChatInput& input, const ChatTurn& turn,
                              const Session& session) = 0;
};

struct MessageHandlerOptions {
  size_t max_message_bytes = 4000;
  size_t max_sessions = 100'000;
};

class MessageHandler {
 public:
  // All references must outlive the handler; `sink` may be null.
  MessageHandler(TenantDirectory& tenants, SessionStore& sessions, const retrieval::TextNormalizer& normalizer,
                 const ai_modes::ReplyMode& mode, const core::Clock& clock, core::IdGenerator& ids, TurnSink* sink,
                 MessageHandlerOptions options = {});

  // Errors: kInvalidArgument (empty message, bad session id),
  // kPayloadTooLarge (message too long), kUnknownTenant, tenant load errors,
  // kUnavailable (retryable) when the sink refused to record the turn.
  core::Result<ChatTurn> Handle(const core::TenantKey& tenant, const ChatInput& input);

 private:
  // The turn while a person has the conversation (see the file comment).
  ChatTurn Paused(const Tenant& tenant, Session& session, const std::string& message, ChatTurn turn) const;

  TenantDirectory& tenants_;
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

nlohmann::json EntitiesToJson(const Entities& e);

// The holding reply while a person has the conversation.
inline constexpr std::string_view kDefaultHandoffHolding = "A member of our team will reply here shortly.";

}  // namespace services
