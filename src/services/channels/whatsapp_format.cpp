#include "services/channels/whatsapp_format.h"

#include <algorithm>
#include <set>

namespace services {

namespace {

using connectors::OutboundMessage;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of the end of the first `chars` characters of `text`.
size_t OffsetOfChars(std::string_view text, size_t chars) {
  size_t i = 0;
  while (i < text.size() && chars > 0) {
    ++i;
    while (i < text.size() && IsContinuation(static_cast<unsigned char>(text[i]))) ++i;
    --chars;
  }
  return i;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Where to end a part that must stop by byte `limit`: after the last
// boundary of the strongest kind found in the second half.
size_t BreakPoint(std::string_view text, size_t limit) {
  std::string_view window = text.substr(0, limit);
  const size_t half = limit / 2;
  for (std::string_view boundary : {"\n\n", "\n", ". ", "! ", "? ", " "}) {
    size_t at = window.rfind(boundary);
    if (at != std::string_view::npos && at >= half) return at + boundary.size();
  }
  return limit;
}

std::string IdFor(std::string_view prefix, std::string_view value) {
  // Ids may be 200 (rows) or 256 (buttons) characters; keep well inside.
  std::string id(prefix);
  id += value.substr(0, OffsetOfChars(value, 180));
  return id;
}

std::string Describe(const core::ProductCard& item) {
  std::string text = core::FormatMoney(item.price);
  if (!item.unit.empty()) text += " / " + item.unit;
  if (!item.in_stock) text += " (out of stock)";
  return text;
}

// Text lines for products and choices where no interactive message exists.
std::string AsLines(const core::Reply& reply) {
  std::string lines;
  for (size_t i = 0; i < reply.items.size() && i < kMaxListRows; ++i) {
    lines += "\n- " + reply.items[i].name + ": " + Describe(reply.items[i]);
  }
  if (!reply.quick_replies.empty()) lines += "\n";
  for (size_t i = 0; i < reply.quick_replies.size() && i < kMaxListRows; ++i) {
    lines += "\n- " + reply.quick_replies[i];
  }
  return lines;
}

// The interactive message for the reply's products or choices, if any.
std::optional<OutboundMessage> Interactive(const core::Reply& reply, const ChannelTexts& texts) {
  OutboundMessage m;
  std::set<std::string> ids;
  if (!reply.items.empty()) {
    m.kind = OutboundMessage::Kind::kList;
    m.list_button = Clip(texts.list_button, kMaxButtonTitle);
    for (const core::ProductCard& item : reply.items) {
      if (m.rows.size() == kMaxListRows) break;
      std::string id = IdFor(kProductPrefix, item.sku);
      if (!ids.insert(id).second) continue;
      m.rows.push_back({id, Clip(item.name, kMaxRowTitle), Clip(Describe(item), kMaxRowDescription)});
    }
    return m;
  }
  if (reply.quick_replies.empty()) return std::nullopt;
  const bool buttons = reply.quick_replies.size() <= kMaxButtons;
  m.kind = buttons ? OutboundMessage::Kind::kButtons : OutboundMessage::Kind::kList;
  m.list_button = Clip(texts.choices_button, kMaxButtonTitle);
  for (const std::string& choice : reply.quick_replies) {
    std::string id = IdFor(kQuickReplyPrefix, choice);
    if (!ids.insert(id).second) continue;
    if (buttons) {
      m.buttons.push_back({id, Clip(choice, kMaxButtonTitle)});
    } else if (m.rows.size() < kMaxListRows) {
      m.rows.push_back({id, Clip(choice, kMaxRowTitle), ""});
    }
  }
  return m;
}

OutboundMessage TextMessage(std::string text) {
  OutboundMessage m;
  m.text = std::move(text);
  return m;
}

}  // namespace

size_t CountChars(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuation(static_cast<unsigned char>(c)); }));
}

std::string Clip(std::string_view text, size_t max_chars) {
  if (CountChars(text) <= max_chars) return std::string(text);
  if (max_chars == 0) return {};
  std::string out(Trim(text.substr(0, OffsetOfChars(text, max_chars - 1))));
  return out + "\xE2\x80\xA6";  // …
}

std::vector<std::string> SplitText(std::string_view text, size_t max_chars) {
  std::vector<std::string> parts;
  text = Trim(text);
  while (!text.empty() && max_chars > 0) {
    size_t limit = OffsetOfChars(text, max_chars);
    size_t end = limit >= text.size() ? text.size() : BreakPoint(text, limit);
    std::string_view part = Trim(text.substr(0, end));
    if (!part.empty()) parts.emplace_back(part);
    text = Trim(text.substr(end));
  }
  return parts;
}

std::vector<OutboundMessage> FormatReply(const core::Reply& reply, const ChannelTexts& texts,
                                         const FormatLimits& limits) {
  std::vector<OutboundMessage> out;
  if (!limits.interactive) {
    for (std::string& part : SplitText(reply.text + AsLines(reply), limits.max_text)) {
      out.push_back(TextMessage(std::move(part)));
    }
    return out;
  }
  std::vector<std::string> parts = SplitText(reply.text, limits.max_text);
  std::optional<OutboundMessage> interactive = Interactive(reply, texts);
  if (!interactive) {
    for (std::string& part : parts) out.push_back(TextMessage(std::move(part)));
    return out;
  }
  // The last part becomes the interactive message's body when it fits.
  if (!parts.empty() && CountChars(parts.back()) <= limits.max_interactive_body) {
    interactive->text = std::move(parts.back());
    parts.pop_back();
  } else {
    interactive->text =
        interactive->kind == OutboundMessage::Kind::kList ? interactive->list_button : texts.choices_button;
  }
  for (std::string& part : parts) out.push_back(TextMessage(std::move(part)));
  out.push_back(std::move(*interactive));
  return out;
}

std::optional<ChoiceId> ParseChoiceId(std::string_view id) {
  if (id.starts_with(kQuickReplyPrefix) && id.size() > kQuickReplyPrefix.size()) {
    return ChoiceId{std::string(id.substr(kQuickReplyPrefix.size())), std::nullopt};
  }
  if (id.starts_with(kProductPrefix) && id.size() > kProductPrefix.size()) {
    std::string sku(id.substr(kProductPrefix.size()));
    return ChoiceId{sku, sku};
  }
  return std::nullopt;
}

}  // namespace services
