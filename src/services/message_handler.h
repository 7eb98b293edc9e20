// MessageHandler: one chat turn, end to end:
//   validate -> session -> router -> reply composer -> reply mode -> session
//   saved -> turn recorded.
// Used by /chat_api, WhatsApp, `aiv7 chat` and `aiv7 eval` alike.
// Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>

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
};

// Receives every completed turn (analytics, CRM). Must not block for long.
class TurnSink {
 public:
  virtual ~TurnSink() = default;
  virtual void Record(const ChatInput& input, const ChatTurn& turn, const Session& session) = 0;
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
  // kPayloadTooLarge (message too long), kUnknownTenant, tenant load errors.
  core::Result<ChatTurn> Handle(const core::TenantKey& tenant, const ChatInput& input);

 private:
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

}  // namespace services
