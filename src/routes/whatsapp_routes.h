// The WhatsApp channel over HTTP: the providers' webhooks and what staff do
// with a lead's WhatsApp conversation. Thin adapters over
// services::WhatsAppWebhooks and services::WhatsAppConversations.
//
// Webhooks (no sign-in; each is authenticated by its signature):
//   GET  /whatsapp_webhook          Meta's verification: hub.mode,
//                                   hub.verify_token, hub.challenge ->
//                                   200 text/plain challenge, else 403
//   POST /whatsapp_webhook          Meta's notifications, X-Hub-Signature-256
//                                   -> 200 {"accepted","duplicates","statuses"}
//                                   once recorded; 401 unsigned or wrong
//                                   signature; 400 bad body; 404 unknown
//                                   phone_number_id; 503 not recorded (Meta
//                                   retries)
//   POST /whatsapp_webhook/twilio   Twilio's form posts, X-Twilio-Signature
//                                   -> 200 text/xml TwiML (<Response/>, or
//                                   the reply's <Message>s in TwiML mode);
//                                   403 bad signature
// Both POSTs take bodies up to kWebhookMaxBody (3 MiB, 413 above).
//
// Staff (signed in, TenantScoped):
//   POST leads/{id}/whatsapp   {"text"} -> 202 the reply queued in the
//                              outbox (kWriteLeads); request id = idempotency
//   GET  leads/{id}/whatsapp   the WhatsApp messages both ways with their
//                              delivery status (kReadLeads)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/channels/whatsapp_conversations.h"
#include "services/channels/whatsapp_webhooks.h"

namespace routes {

inline constexpr size_t kWebhookMaxBody = 3 << 20;

// References must outlive the route table.
void AddWhatsAppWebhookRoutes(http::RouteTable& table, services::WhatsAppWebhooks& webhooks);
void AddWhatsAppStaffRoutes(http::RouteTable& table, services::Authenticator& auth,
                            services::WhatsAppConversations& conversations);

// "<Response><Message>...</Message>...</Response>", text XML-escaped.
std::string TwimlResponse(const std::vector<std::string>& messages);

}  // namespace routes
