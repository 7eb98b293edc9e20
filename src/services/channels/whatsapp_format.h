// WhatsApp's limits applied to a turn's reply: what one core::Reply
// becomes as messages to send.
//   - text: at most `max_text` characters per message (4096 on Meta, 1600
//     on Twilio), split at paragraph, line, sentence or word boundaries;
//   - product results (Reply::items): a list message of at most 10 rows,
//     titles <= 24 and descriptions <= 72 characters, row ids "sku:<SKU>";
//   - quick replies: up to 3 reply buttons (titles <= 20), 4 or more as a
//     list of at most 10 rows; ids "qr:<the quick reply>";
//   - an interactive body is at most 1024 characters: a longer last text
//     part goes out as text, followed by the interactive message.
// Without interactive messages (Twilio) products and choices become lines
// of the text. Characters are Unicode code points; nothing is cut inside a
// UTF-8 sequence. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/message_sender.h"
#include "core/reply.h"
#include "services/channels/channel_settings.h"

namespace services {

struct FormatLimits {
  size_t max_text = 4096;
  size_t max_interactive_body = 1024;
  bool interactive = true;
};

inline constexpr FormatLimits kMetaLimits{4096, 1024, true};
inline constexpr FormatLimits kTwilioLimits{1600, 1600, false};

inline constexpr size_t kMaxButtons = 3;
inline constexpr size_t kMaxButtonTitle = 20;
inline constexpr size_t kMaxListRows = 10;
inline constexpr size_t kMaxRowTitle = 24;
inline constexpr size_t kMaxRowDescription = 72;
inline constexpr std::string_view kQuickReplyPrefix = "qr:";
inline constexpr std::string_view kProductPrefix = "sku:";

// Unicode code points in `text` (invalid bytes count one each).
size_t CountChars(std::string_view text);

// At most `max_chars` characters; "…" ends a text that was cut.
std::string Clip(std::string_view text, size_t max_chars);

// `text` in parts of at most `max_chars` characters each, split at the
// last paragraph break, else line break, else sentence end, else space in
// the second half of a part, else anywhere (at a character boundary).
// Parts are trimmed; empty parts are dropped.
std::vector<std::string> SplitText(std::string_view text, size_t max_chars);

// The messages `reply` becomes; empty for a reply with no text, items or
// quick replies.
std::vector<connectors::OutboundMessage> FormatReply(const core::Reply& reply, const ChannelTexts& texts,
                                                     const FormatLimits& limits);

// The text a shopper's tap on one of our buttons or rows stands for:
// a quick reply's own text, or the product's SKU (`*sku` set) for a row of
// a product list; nullopt for an id we did not make.
struct ChoiceId {
  std::string text;
  std::optional<std::string> sku;
};
std::optional<ChoiceId> ParseChoiceId(std::string_view id);

}  // namespace services
