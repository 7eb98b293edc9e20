// MessageSender: sends one message to a shopper through a messaging
// provider (WhatsApp through Meta's Graph API or Twilio). The outbox worker
// (services/channels) decides what to send, when, and how often to retry;
// a sender makes exactly one attempt per call and says what happened.
//
// Implementations: connectors/whatsapp/graph_sender.h (Meta) and
// twilio_sender.h (Twilio), chosen in the container; tests use fake
// provider servers that speak the same wire protocol.
//
// Thread-safety: Send() may be called from several threads at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace connectors {

struct ReplyButton {
  std::string id;     // what comes back when the shopper taps it
  std::string title;  // <= 20 characters
};

struct ListRow {
  std::string id;           // what comes back when the shopper picks it
  std::string title;        // <= 24 characters
  std::string description;  // <= 72 characters, may be empty
};

// What to send, provider-neutral. Limits are the caller's to respect
// (services/channels/whatsapp_format.h); a sender does not cut.
struct OutboundMessage {
  enum class Kind { kText, kButtons, kList, kTemplate };
  Kind kind = Kind::kText;
  std::string text;                  // text; buttons and list: the body
  std::vector<ReplyButton> buttons;  // kButtons: 1 to 3
  std::string list_button;           // kList: the label that opens the list (<= 20)
  std::vector<ListRow> rows;         // kList: 1 to 10
  // kTemplate: an approved template, by Meta name and language, or Twilio
  // Content SID; parameters fill its body placeholders in order.
  std::string template_name;
  std::string template_language;
  std::string content_sid;
  std::vector<std::string> template_parameters;
};

struct SendRequest {
  // Meta: the business phone number id. Twilio: "whatsapp:+<E.164>".
  std::string from;
  std::string account_sid;  // Twilio only
  // Meta: the access token. Twilio: the auth token. Never logged.
  std::string credential;
  std::string to;  // the shopper, E.164 ("+447700900123")
  OutboundMessage message;
  // Our id of the message, handed to the provider so its delivery
  // callbacks name it (Meta biz_opaque_callback_data).
  std::string reference;
  // Twilio: where delivery callbacks go (StatusCallback); empty for none.
  std::string status_callback;
};

// The result of one attempt.
struct SendOutcome {
  bool accepted = false;            // the provider took the message
  std::string provider_message_id;  // when accepted
  int http_status = 0;              // 0 when no response came (network, timeout)
  // Worth trying again later: no response, 429, 5xx.
  bool retryable = false;
  std::optional<std::chrono::seconds> retry_after;  // the provider's Retry-After
  std::string error;                                // for logs and the outbox; never contains a credential
};

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual SendOutcome Send(const SendRequest& request) = 0;
};

}  // namespace connectors
