#include "routes/whatsapp_routes.h"

#include "core/clock.h"
#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

core::Result<int64_t> LeadId(const http::Request& request) {
  auto id = ParsePositiveInt(request.PathParam("id"));
  if (!id) return MakeError(ErrorCode::kNotFound, "bad lead id", "There is no such lead.");
  return *id;
}

nlohmann::json AckJson(const services::WebhookAck& ack) {
  return {{"accepted", ack.accepted}, {"duplicates", ack.duplicates}, {"statuses", ack.statuses}};
}

nlohmann::json EntryJson(const services::ConversationEntry& e) {
  return {{"id", e.id},
          {"direction", e.direction},
          {"at", core::FormatIsoUtc(e.at)},
          {"provider", e.provider},
          {"author", e.author},
          {"kind", e.kind},
          {"text", e.text},
          {"status", e.status},
          {"error", e.error},
          {"updated_at", core::FormatIsoUtc(e.updated_at)}};
}

}  // namespace

std::string TwimlResponse(const std::vector<std::string>& messages) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
  for (const std::string& m : messages) xml += "<Message>" + XmlEscape(m) + "</Message>";
  return xml + "</Response>";
}

void AddWhatsAppWebhookRoutes(http::RouteTable& table, services::WhatsAppWebhooks& webhooks) {
  table.Add(http::Method::kGet, "/whatsapp_webhook", [&webhooks](http::Request& request) {
    auto challenge = webhooks.VerifySubscription(request.QueryParam("hub.mode").value_or(""),
                                                 request.QueryParam("hub.verify_token").value_or(""),
                                                 request.QueryParam("hub.challenge").value_or(""));
    if (!challenge.ok()) return ErrorToResponse(challenge.error(), request);
    http::Response response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = *challenge;
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });

  table.Add(http::Method::kPost, "/whatsapp_webhook",
            [&webhooks](http::Request& request) {
              std::optional<std::string_view> signature = request.Header("x-hub-signature-256");
              auto ack = webhooks.AcceptMeta(request.body, signature);
              if (!ack.ok()) return ErrorToResponse(ack.error(), request);
              return JsonOk(AckJson(*ack));
            },
            {.max_body = kWebhookMaxBody});

  table.Add(http::Method::kPost, "/whatsapp_webhook/twilio",
            [&webhooks](http::Request& request) {
              auto ack = webhooks.AcceptTwilio(request.body, request.target, request.Header("x-twilio-signature"));
              if (!ack.ok()) return ErrorToResponse(ack.error(), request);
              http::Response response;
              response.content_type = "text/xml; charset=utf-8";
              response.body = TwimlResponse(ack->twiml_messages);
              return response;
            },
            {.max_body = kWebhookMaxBody});
}

void AddWhatsAppStaffRoutes(http::RouteTable& table, services::Authenticator& auth,
                            services::WhatsAppConversations& conversations) {
  const std::string base = "/admin/api/tenants/{tenant}/leads/{id}/whatsapp";

  table.Add(http::Method::kPost, base,
            TenantScoped(auth, Permission::kWriteLeads,
                         [&conversations](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto id = LeadId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto body = ParseJsonObject(request);
                           if (!body.ok()) return ErrorToResponse(body.error(), request);
                           if (!body->contains("text") || !(*body)["text"].is_string()) {
                             return ErrorToResponse(
                                 MakeError(ErrorCode::kInvalidArgument, "no text", "\"text\" must be a string."),
                                 request);
                           }
                           // An Idempotency-Key header makes a retried request queue nothing new.
                           std::string key_of_request(request.Header("idempotency-key").value_or(""));
                           if (key_of_request.empty() || key_of_request.size() > 128)
                             key_of_request = request.request_id;
                           auto sent = conversations.SendStaffReply(key, *id, (*body)["text"].get<std::string>(),
                                                                    who.email, key_of_request);
                           if (!sent.ok()) return ErrorToResponse(sent.error(), request);
                           return JsonOk({{"lead", *id},
                                          {"provider", sent->provider},
                                          {"templated", sent->templated},
                                          {"outbox_ids", sent->outbox_ids}},
                                         202);
                         }));

  table.Add(http::Method::kGet, base,
            TenantScoped(auth, Permission::kReadLeads,
                         [&conversations](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto id = LeadId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto limit = IntQueryParam(request, "limit", 200, 1, 1000);
                           if (!limit.ok()) return ErrorToResponse(limit.error(), request);
                           auto entries = conversations.Conversation(key, *id, *limit);
                           if (!entries.ok()) return ErrorToResponse(entries.error(), request);
                           nlohmann::json messages = nlohmann::json::array();
                           for (const auto& e : *entries) messages.push_back(EntryJson(e));
                           return JsonOk({{"lead", *id}, {"messages", messages}});
                         }));
}

}  // namespace routes
