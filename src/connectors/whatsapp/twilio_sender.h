// TwilioSender: MessageSender over Twilio's Messaging API for WhatsApp.
//   POST <base_url>/2010-04-01/Accounts/<AccountSid>/Messages.json, HTTP
//   basic auth AccountSid:AuthToken, form From, To ("whatsapp:+..."),
//   Body (or ContentSid and ContentVariables for a template),
//   StatusCallback; the message SID comes back as "sid".
// WhatsApp interactive messages need Twilio Content templates, so reply
// buttons and lists go out as text with the choices as lines. Outcomes as
// GraphSender. Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "connectors/message_sender.h"
#include "connectors/whatsapp/http_post.h"

namespace connectors::whatsapp {

class TwilioSender final : public MessageSender {
 public:
  // `base_url`: TWILIO_API_URL, e.g. "https://api.twilio.com".
  TwilioSender(std::string base_url, std::chrono::milliseconds timeout);

  SendOutcome Send(const SendRequest& request) override;

 private:
  std::string base_url_;
  HttpPoster http_;
};

// The form body Twilio expects for `request` (exposed for tests).
std::string TwilioMessageForm(const SendRequest& request);
// application/x-www-form-urlencoded encoding of one name or value.
std::string FormEncode(std::string_view text);

}  // namespace connectors::whatsapp
