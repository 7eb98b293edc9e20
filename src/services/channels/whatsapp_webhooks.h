// WhatsAppWebhooks: the providers' webhooks, accepted only when signed and
// recorded durably before they are acknowledged.
//
// Meta (POST /whatsapp_webhook): the signature header must be present
// ("sha256=..."), the body must decode (meta_webhook.h), every
// phone_number_id in it must belong to a tenant (ChannelDirectory), and
// the signature must match each such tenant's whatsapp.app_secret. Then, in
// one transaction, its messages are recorded (once per message id) and its
// delivery statuses applied to the outbox (InboxStore::RecordWebhook), the
// workers are woken and the call returns, so the 200 goes out at once and
// the turns run after it. Anything refused is refused whole: nothing of it
// is recorded.
//
// Meta verification (GET /whatsapp_webhook): hub.mode=subscribe and a
// hub.verify_token equal to some enabled tenant's whatsapp.verify_token
// return hub.challenge; anything else is kForbidden.
//
// Twilio (POST /whatsapp_webhook/twilio): the form's To names the tenant;
// X-Twilio-Signature must match the tenant's twilio.auth_token over
// PUBLIC_BASE_URL + the request target and every parameter, and AccountSid
// must be the tenant's. Messages are recorded once per MessageSid; status
// callbacks update the outbox. With "reply": "twiml" the turn runs inside
// the request and its reply comes back for the TwiML response (recorded in
// the outbox as sent); a duplicate gets no reply.
//
// Errors: kUnauthorized (Meta signature missing or wrong, no app secret
// set), kForbidden (Twilio signature, account or verification), kInvalidJson
// / kInvalidArgument (bad body, with the field), kNotFound (no tenant has
// that number), kUnavailable (database or secrets unreadable: the provider
// retries). Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "db/inbox_store.h"
#include "services/channels/channel_directory.h"
#include "services/channels/inbox_processor.h"
#include "services/secrets/secret_store.h"

namespace services {

struct WebhookOptions {
  // The public URL of this server as Twilio calls it ("https://shop.example"),
  // for Twilio signatures; empty: Twilio webhooks are refused.
  std::string public_base_url;
  std::string worker_id = "channels";             // claims of TwiML-mode turns
  std::chrono::milliseconds claim_lease{60'000};  // > the turn deadline
};

struct WebhookAck {
  int64_t accepted = 0;    // new messages recorded
  int64_t duplicates = 0;  // messages recorded before
  int64_t statuses = 0;    // delivery updates that changed an outbox message
};

struct TwilioAck {
  WebhookAck ack;
  std::vector<std::string> twiml_messages;  // TwiML mode: the reply, one <Message> each
};

class WhatsAppWebhooks {
 public:
  // References must outlive the object; `processor` answers TwiML-mode
  // messages; `wake` is called after new work was recorded.
  WhatsAppWebhooks(ChannelDirectory& directory, SecretStore& secrets, db::InboxStore& inbox, InboxProcessor& processor,
                   const core::Clock& clock, std::function<void()> wake, WebhookOptions options);

  core::Result<std::string> VerifySubscription(std::string_view mode, std::string_view token,
                                               std::string_view challenge);
  core::Result<WebhookAck> AcceptMeta(std::string_view body, std::optional<std::string_view> signature);
  // `target`: the request's path and query exactly as received.
  core::Result<TwilioAck> AcceptTwilio(std::string_view body, std::string_view target,
                                       std::optional<std::string_view> signature);

 private:
  ChannelDirectory& directory_;
  SecretStore& secrets_;
  db::InboxStore& inbox_;
  InboxProcessor& processor_;
  const core::Clock& clock_;
  std::function<void()> wake_;
  WebhookOptions options_;
};

}  // namespace services
