// POST /chat_api: one chat turn for the web widget and API clients.
// Request:  {"message": "...", "session_id": "...", "tenant": "...",
//            "channel": "web|wa|api", "metadata": {...}}
// Response: reply, session_id, intent, confidence, entities,
//           needs_clarification, quick_replies, items, cart (when it
//           changed), facts (the grounding trace) and latency_ms.
#pragma once

#include "core/tenant_key.h"
#include "http/route_table.h"
#include "services/message_handler.h"

namespace routes {

void AddChatRoutes(http::RouteTable& table, services::MessageHandler& handler, core::TenantKey default_tenant);

// The JSON body of a chat turn (shared by the CLI).
nlohmann::json ChatTurnToJson(const services::ChatTurn& turn);

}  // namespace routes
