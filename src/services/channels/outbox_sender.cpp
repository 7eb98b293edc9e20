#include "services/channels/outbox_sender.h"

#include <algorithm>

#include "services/channels/outbound_content.h"

namespace services {

OutboxSender::OutboxSender(db::OutboxStore& outbox, ChannelDirectory& directory, SecretStore& secrets, Senders senders,
                           const core::Clock& clock, OutboxOptions options, Warn warn)
    : outbox_(outbox),
      directory_(directory),
      secrets_(secrets),
      senders_(std::move(senders)),
      clock_(clock),
      options_(std::move(options)),
      warn_(std::move(warn)) {
  while (!options_.public_base_url.empty() && options_.public_base_url.back() == '/')
    options_.public_base_url.pop_back();
}

std::chrono::milliseconds OutboxSender::Backoff(int64_t attempts) const {
  auto delay = options_.retry_min * (int64_t{1} << std::clamp<int64_t>(attempts - 1, 0, 20));
  return std::min(delay, options_.retry_max);
}

core::Status OutboxSender::Retry(const db::OutboxMessage& m, const std::string& why,
                                 std::optional<std::chrono::seconds> retry_after) {
  if (m.attempts >= options_.max_attempts) {
    return Fail(m, why + " (gave up after " + std::to_string(m.attempts) + " attempts)");
  }
  auto delay = Backoff(m.attempts);
  if (retry_after) delay = std::max<std::chrono::milliseconds>(delay, *retry_after);
  return outbox_.MarkRetry(m.id, clock_.Now() + delay, why, clock_.Now());
}

core::Status OutboxSender::Fail(const db::OutboxMessage& m, const std::string& why) {
  if (warn_) warn_("WhatsApp message " + std::to_string(m.id) + " to a shopper of " + m.tenant + " failed: " + why);
  return outbox_.MarkFailed(m.id, why, clock_.Now());
}

core::Status OutboxSender::Send(const db::OutboxMessage& m) {
  auto content = DecodeOutbound(m.content);
  if (!content.ok()) return Fail(m, content.error().message);
  auto key = core::TenantKey::Parse(m.tenant);
  if (!key.ok()) return Fail(m, "bad tenant key");
  auto settings = directory_.SettingsOf(*key);
  if (!settings.ok()) return Fail(m, settings.error().message);
  auto sender = senders_.find(m.provider);
  if (sender == senders_.end() || !sender->second) return Fail(m, "no sender for provider " + m.provider);

  connectors::SendRequest request;
  request.to = m.shopper;
  request.message = std::move(content).value();
  request.reference = std::to_string(m.id);
  std::string_view credential_name;
  if (m.provider == kProviderMeta) {
    if (!settings->meta.enabled) return Fail(m, "the tenant's WhatsApp (Meta) channel is switched off");
    request.from = settings->meta.phone_number_id;
    credential_name = "whatsapp.access_token";
  } else {
    if (!settings->twilio.enabled) return Fail(m, "the tenant's Twilio channel is switched off");
    request.from = settings->twilio.number;
    request.account_sid = settings->twilio.account_sid;
    credential_name = "twilio.auth_token";
    if (!options_.public_base_url.empty()) {
      request.status_callback = options_.public_base_url + "/whatsapp_webhook/twilio?outbox=" + request.reference;
    }
  }
  auto credential = secrets_.GetSecret(*key, credential_name);
  if (!credential.ok()) return Retry(m, credential.error().message);
  if (!credential->has_value()) return Retry(m, std::string(credential_name) + " is not set for " + m.tenant);
  request.credential = std::move(**credential);

  connectors::SendOutcome outcome = sender->second->Send(request);
  if (outcome.accepted) return outbox_.MarkSent(m.id, outcome.provider_message_id, clock_.Now());
  if (outcome.retryable) return Retry(m, outcome.error, outcome.retry_after);
  return Fail(m, outcome.error);
}

}  // namespace services
