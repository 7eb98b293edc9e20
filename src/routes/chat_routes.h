// POST /chat_api: one chat turn for the web widget and API clients.
// Request:  {"message": "...", "session_id": "...", "tenant": "...",
//            "channel": "web|wa|api", "metadata": {...}}
// Response: reply, session_id, tenant, version, intent, confidence,
//           entities, needs_clarification, resolved, fallback,
//           quick_replies, items, cart (when it changed or the reply shows
//           the basket), facts (the grounding trace), latency_ms, and
//           order_id once an order request was placed.
//
// Test clock: with ChatRouteOptions::allow_test_clock (ALLOW_TEST_CLOCK=1) a
// request header "X-Test-Now: 2026-12-24T09:00:00Z" sets the business time
// of that one turn (services::ChatInput::now) and is echoed on the response;
// a malformed value is a 400 invalid_argument. Without the option the header
// is ignored.
#pragma once

#include <chrono>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/tenant_key.h"
#include "http/route_table.h"
#include "services/conversation/message_handler.h"

namespace routes {

struct ChatRouteOptions {
  bool allow_test_clock = false;
  // Each turn's deadline (core::RequestContext) is this long after the
  // request was decoded.
  std::chrono::milliseconds turn_timeout{15'000};
};

// `handler` and `clock` must outlive the table.
void AddChatRoutes(http::RouteTable& table, services::MessageHandler& handler, const core::Clock& clock,
                   core::TenantKey default_tenant, ChatRouteOptions options = {});

// The JSON body of a chat turn (shared by the CLI).
nlohmann::json ChatTurnToJson(const services::ChatTurn& turn);
// The "entities" object of that body (also what `aiv7 eval` compares).
nlohmann::json EntitiesJson(const services::Entities& entities);

}  // namespace routes
