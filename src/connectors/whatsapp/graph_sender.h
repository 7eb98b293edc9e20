// GraphSender: MessageSender over Meta's WhatsApp Cloud API.
//   POST <base_url>/<phone_number_id>/messages, Authorization: Bearer
//   <access token>, JSON {"messaging_product":"whatsapp","to",...}; the
//   message id comes back in messages[0].id.
// Text, reply buttons, lists and templates (see message_sender.h); the
// request's reference goes out as biz_opaque_callback_data, so Meta's
// status callbacks name our outbox message.
// Outcomes: 2xx with a message id accepted; no response, 429 or 5xx
// retryable (Retry-After honoured); any other status refused with Meta's
// error code and message. Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "connectors/message_sender.h"
#include "connectors/whatsapp/http_post.h"

namespace connectors::whatsapp {

class GraphSender final : public MessageSender {
 public:
  // `base_url`: WHATSAPP_GRAPH_URL, e.g. "https://graph.facebook.com/v21.0".
  GraphSender(std::string base_url, std::chrono::milliseconds timeout);

  SendOutcome Send(const SendRequest& request) override;

 private:
  std::string base_url_;
  HttpPoster http_;
};

// The JSON body Meta expects for `request` (exposed for tests).
std::string GraphMessageJson(const SendRequest& request);

}  // namespace connectors::whatsapp
