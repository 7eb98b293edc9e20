// A chat turn's input and outcome, and the TurnSink that receives every
// completed turn. Shared by the message handler (conversation), the records
// it leaves (records) and the routes that encode it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/reply.h"
#include "core/request_context.h"
#include "core/result.h"
#include "retrieval/tenant.h"
#include "services/reply/order.h"
#include "services/session/session.h"
#include "services/understanding/entity_extractor.h"

namespace services {

struct ChatInput {
  std::string message;
  std::string session_id;  // empty: a new session is created
  // The request's "metadata" object as compact JSON text (validated by the
  // route), kept as given; empty when none was sent.
  std::string metadata;
  // The turn's business time (opening hours, cut-offs, "today", the tenant's
  // session lifetime). Unset: the handler's clock. Set only by `aiv7 eval`
  // and by /chat_api on a server started with ALLOW_TEST_CLOCK.
  std::optional<std::chrono::system_clock::time_point> now = std::nullopt;
  // What the channel already knows about the shopper (WhatsApp: the E.164
  // number and the profile name): fills the session's phone and name when
  // it has none, so the lead gets them without asking.
  std::string shopper_phone = {};
  std::string shopper_name = {};
};

struct ChatTurn {
  core::Reply reply;
  std::string tenant;
  int tenant_version = 0;
  std::string session_id;
  std::string intent;
  double confidence = 0;
  Entities entities;
  int64_t latency_us = 0;
  std::optional<OrderRequest> order;
  // What this turn changed in the session, for the CRM's business events.
  bool contact_revealed = false;  // the session had no phone and no email before; now it has one
  bool handoff_started = false;   // the session entered human hand-off this turn
  bool bot_paused = false;        // in hand-off: not routed, `reply` is the holding text
};

// A completed turn as sinks receive it: the request it answered (request
// id, channel), the tenant snapshot it was answered from, what the shopper
// sent, the outcome, and the session as it will be saved. Views only: valid
// for the duration of TurnSink::Record.
struct CompletedTurn {
  const core::RequestContext& context;
  const retrieval::Tenant& tenant;
  const ChatInput& input;
  const ChatTurn& turn;
  const Session& session;
};

// Receives every completed turn (CRM records, logs) before its session is
// saved. Returning an error refuses the turn: MessageHandler then fails it
// with kUnavailable and does not save the session. Implementations must be
// thread-safe and must not block for long.
class TurnSink {
 public:
  virtual ~TurnSink() = default;
  virtual core::Status Record(const CompletedTurn& done) = 0;
};

}  // namespace services
