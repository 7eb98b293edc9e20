#include "services/channels/whatsapp_webhooks.h"

#include <charconv>
#include <map>

#include "core/secure_compare.h"
#include "services/channels/meta_webhook.h"
#include "services/channels/outbound_content.h"
#include "services/channels/twilio_webhook.h"
#include "services/channels/webhook_signatures.h"

namespace services {

using core::ErrorCode;
using core::MakeError;

namespace {

core::Error Unauthorized(const std::string& why) {
  return MakeError(ErrorCode::kUnauthorized, "WhatsApp webhook refused: " + why,
                   "The webhook signature is missing or does not match.");
}

core::Error Forbidden(const std::string& why) {
  return MakeError(ErrorCode::kForbidden, "webhook refused: " + why, "The webhook signature does not match.");
}

WebhookAck AckOf(const db::WebhookReceipt& r) {
  return {static_cast<int64_t>(r.accepted.size()), r.duplicates, r.updates_applied};
}

// The "outbox" query parameter of a status callback URL we made.
std::optional<int64_t> OutboxRef(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.starts_with("outbox=")) {
      std::string_view digits = pair.substr(7);
      int64_t id = 0;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
      if (ec == std::errc() && ptr == digits.data() + digits.size() && id > 0) return id;
      return std::nullopt;
    }
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return std::nullopt;
}

}  // namespace

WhatsAppWebhooks::WhatsAppWebhooks(ChannelDirectory& directory, SecretStore& secrets, db::InboxStore& inbox,
                                   InboxProcessor& processor, const core::Clock& clock, std::function<void()> wake,
                                   WebhookOptions options)
    : directory_(directory),
      secrets_(secrets),
      inbox_(inbox),
      processor_(processor),
      clock_(clock),
      wake_(std::move(wake)),
      options_(std::move(options)) {
  while (!options_.public_base_url.empty() && options_.public_base_url.back() == '/')
    options_.public_base_url.pop_back();
}

core::Result<std::string> WhatsAppWebhooks::VerifySubscription(std::string_view mode, std::string_view token,
                                                               std::string_view challenge) {
  if (mode != "subscribe" || token.empty() || challenge.empty() || challenge.size() > 256) {
    return Forbidden("verification request without subscribe mode, token or challenge");
  }
  bool matched = false;
  for (const core::TenantKey& tenant : directory_.MetaTenants()) {
    auto expected = secrets_.GetSecret(tenant, "whatsapp.verify_token");
    if (expected.ok() && expected->has_value()) matched = core::ConstantTimeEquals(**expected, token) || matched;
  }
  if (!matched) return Forbidden("verify token matches no tenant");
  return std::string(challenge);
}

core::Result<WebhookAck> WhatsAppWebhooks::AcceptMeta(std::string_view body,
                                                      std::optional<std::string_view> signature) {
  if (!signature || !signature->starts_with("sha256=")) return Unauthorized("no X-Hub-Signature-256");
  const auto now = clock_.Now();
  auto hook = DecodeMetaWebhook(body, now);
  if (!hook.ok()) return hook.error();
  std::map<std::string, core::TenantKey, std::less<>> tenant_of;  // phone_number_id -> tenant
  for (const std::string& id : hook->phone_number_ids) {
    auto found = directory_.ByPhoneNumberId(id);
    if (!found.ok()) {
      return MakeError(ErrorCode::kNotFound, "no tenant has WhatsApp phone_number_id " + id,
                       "Unknown phone_number_id " + id + ": no business here uses this WhatsApp number.");
    }
    auto secret = secrets_.GetSecret(found->tenant, "whatsapp.app_secret");
    if (!secret.ok()) return secret.error();
    if (!secret->has_value()) return Unauthorized("whatsapp.app_secret is not set for " + found->tenant.str());
    if (!MetaSignatureValid(**secret, body, *signature)) return Unauthorized("signature does not match");
    tenant_of.emplace(id, found->tenant);
  }
  std::vector<db::InboundMessage> messages;
  for (auto& item : hook->messages) {
    item.message.tenant = tenant_of.at(item.phone_number_id).str();
    item.message.provider = std::string(kProviderMeta);
    messages.push_back(std::move(item.message));
  }
  std::vector<db::DeliveryUpdate> updates;
  for (auto& item : hook->statuses) {
    item.update.tenant = tenant_of.at(item.phone_number_id).str();
    item.update.provider = std::string(kProviderMeta);
    updates.push_back(std::move(item.update));
  }
  auto receipt = inbox_.RecordWebhook(messages, updates, std::nullopt);
  if (!receipt.ok()) {
    core::Error e = MakeError(ErrorCode::kUnavailable, "webhook not recorded: " + receipt.error().message,
                              "The message could not be stored; please retry.");
    e.retryable = true;
    return e;
  }
  if (!receipt->accepted.empty() && wake_) wake_();
  return AckOf(*receipt);
}

core::Result<TwilioAck> WhatsAppWebhooks::AcceptTwilio(std::string_view body, std::string_view target,
                                                       std::optional<std::string_view> signature) {
  if (!signature || signature->empty()) return Forbidden("no X-Twilio-Signature");
  if (options_.public_base_url.empty())
    return Forbidden("PUBLIC_BASE_URL is not set, so Twilio signatures cannot be checked");
  auto params = ParseForm(body);
  if (!params.ok()) return params.error();
  // Our number is To on a shopper's message and From on a status callback
  // about a message we sent.
  std::string to, from;
  bool status_callback = false;
  for (const auto& [name, value] : *params) {
    if (name == "To") to = value;
    if (name == "From") from = value;
    if (name == "MessageStatus") status_callback = IsTwilioDeliveryStatus(value);
  }
  const std::string& ours = status_callback ? from : to;
  auto found = directory_.ByTwilioNumber(ours);
  if (!found.ok()) {
    return MakeError(ErrorCode::kNotFound, "no tenant has Twilio number " + ours,
                     std::string(status_callback ? "Unknown From" : "Unknown To") +
                         " number: no business here uses this WhatsApp sender.");
  }
  auto token = secrets_.GetSecret(found->tenant, "twilio.auth_token");
  if (!token.ok()) return token.error();
  if (!token->has_value()) return Forbidden("twilio.auth_token is not set for " + found->tenant.str());
  if (!TwilioSignatureValid(**token, options_.public_base_url + std::string(target), *params, *signature)) {
    return Forbidden("X-Twilio-Signature does not match");
  }
  const auto now = clock_.Now();
  auto hook = DecodeTwilioWebhook(*params, now, OutboxRef(target));
  if (!hook.ok()) return hook.error();
  if (hook->account_sid != found->settings.twilio.account_sid) return Forbidden("AccountSid is not the tenant's");

  TwilioAck out;
  auto unavailable = [](const core::Error& e) {
    core::Error u = MakeError(ErrorCode::kUnavailable, "webhook not recorded: " + e.message,
                              "The message could not be stored; please retry.");
    u.retryable = true;
    return u;
  };
  if (hook->is_status) {
    hook->status.tenant = found->tenant.str();
    hook->status.provider = std::string(kProviderTwilio);
    auto receipt = inbox_.RecordWebhook({}, {hook->status}, std::nullopt);
    if (!receipt.ok()) return unavailable(receipt.error());
    out.ack = AckOf(*receipt);
    return out;
  }
  db::InboundMessage m = std::move(hook->message);
  m.tenant = found->tenant.str();
  m.provider = std::string(kProviderTwilio);
  const bool twiml = found->settings.twilio.twiml;
  std::optional<db::InboundClaim> claim;
  if (twiml) claim = db::InboundClaim{options_.worker_id, now + options_.claim_lease};
  auto receipt = inbox_.RecordWebhook({m}, {}, claim);
  if (!receipt.ok()) return unavailable(receipt.error());
  out.ack = AckOf(*receipt);
  if (receipt->accepted.empty()) return out;  // a duplicate: answered before
  if (!twiml) {
    if (wake_) wake_();
    return out;
  }
  m.id = receipt->accepted.front();
  m.attempts = 1;
  auto replies = processor_.Answer(m, "sent");
  if (replies.ok()) {
    for (const auto& reply : *replies) out.twiml_messages.push_back(OutboundSummary(reply));
  }
  return out;
}

}  // namespace services
