// The outbox's content column: a connectors::OutboundMessage as compact
// JSON, and back. {"type":"text"|"buttons"|"list"|"template","text",
// "buttons":[{"id","title"}],"button","rows":[{"id","title","description"}],
// "template":{"name","language","content_sid","parameters":[...]}}.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "connectors/message_sender.h"
#include "core/result.h"

namespace services {

std::string EncodeOutbound(const connectors::OutboundMessage& message);
// kInvalidArgument when `content` is not such a document.
core::Result<connectors::OutboundMessage> DecodeOutbound(std::string_view content);

// What the message says, for transcripts: its text, the choices offered
// ("[Opening hours | Delivery]"), or "template <name>".
std::string OutboundSummary(const connectors::OutboundMessage& message);

}  // namespace services
