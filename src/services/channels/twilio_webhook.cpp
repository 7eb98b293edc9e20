#include "services/channels/twilio_webhook.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace services {

namespace {

using core::ErrorCode;

core::Error Bad(const std::string& what) {
  return core::MakeError(ErrorCode::kInvalidArgument, "bad Twilio webhook: " + what,
                         "The webhook is not a valid Twilio notification: " + what + ".");
}

std::optional<std::string> Param(const FormParams& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return v;
  }
  return std::nullopt;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// "whatsapp:+<E.164>" -> "+<E.164>".
std::optional<std::string> WhatsAppNumber(const std::string& address) {
  constexpr std::string_view kPrefix = "whatsapp:+";
  if (!address.starts_with(kPrefix) || address.size() < kPrefix.size() + 6 || address.size() > kPrefix.size() + 15) {
    return std::nullopt;
  }
  std::string_view digits = std::string_view(address).substr(kPrefix.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return "+" + std::string(digits);
}

bool ValidSid(const std::string& sid) {
  return sid.size() >= 10 && sid.size() <= 64 &&
         std::all_of(sid.begin(), sid.end(), [](unsigned char c) { return std::isalnum(c); });
}

std::optional<double> Coordinate(const std::optional<std::string>& text, double limit) {
  if (!text || text->empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || !std::isfinite(v) || std::abs(v) > limit) {
    return std::nullopt;
  }
  return v;
}

std::string Compact(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

core::Result<FormParams> ParseForm(std::string_view body) {
  FormParams params;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    if (params.size() == kMaxFormParams) return Bad("too many parameters");
    size_t eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq));
    auto value = Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value || name->empty()) return Bad("malformed form encoding");
    if (name->size() > 256 || value->size() > kMaxFormValueBytes)
      return Bad("parameter " + name->substr(0, 64) + " is too long");
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

bool IsTwilioDeliveryStatus(std::string_view message_status) {
  return !message_status.empty() && message_status != "received" && message_status != "receiving";
}

core::Result<TwilioWebhook> DecodeTwilioWebhook(const FormParams& params, db::Time received_at,
                                                std::optional<int64_t> outbox_ref) {
  TwilioWebhook out;
  auto sid = Param(params, "MessageSid");
  if (!sid || !ValidSid(*sid)) return Bad("MessageSid is missing or malformed");
  auto account = Param(params, "AccountSid");
  if (!account || !ValidSid(*account)) return Bad("AccountSid is missing or malformed");
  out.account_sid = *account;
  auto from = Param(params, "From");
  auto to = Param(params, "To");
  if (!to || !WhatsAppNumber(*to)) return Bad("To must be whatsapp:+<number>");
  out.to = *to;
  if (auto status = Param(params, "MessageStatus"); status && IsTwilioDeliveryStatus(*status)) {
    out.is_status = true;
    std::string s = *status == "undelivered" ? "failed" : *status;
    out.status.provider_message_id = *sid;
    out.status.status = s;
    out.status.at = received_at;
    out.status.outbox_id = outbox_ref;
    auto code = Param(params, "ErrorCode");
    if (code && !code->empty())
      out.status.error = (*code + ": " + Param(params, "ErrorMessage").value_or("")).substr(0, 500);
    return out;
  }
  auto shopper = from ? WhatsAppNumber(*from) : std::nullopt;
  if (!shopper) return Bad("From must be whatsapp:+<number>");
  db::InboundMessage& m = out.message;
  m.message_id = *sid;
  m.shopper = *shopper;
  m.profile_name = Param(params, "ProfileName").value_or("").substr(0, 256);
  m.sent_at = received_at;  // Twilio sends no message time
  m.received_at = received_at;
  std::string body = Param(params, "Body").value_or("");
  auto lat = Coordinate(Param(params, "Latitude"), 90);
  auto lon = Coordinate(Param(params, "Longitude"), 180);
  auto button = Param(params, "ButtonPayload");
  int64_t media = 0;
  if (auto n = Param(params, "NumMedia"); n && !n->empty()) {
    auto [ptr, ec] = std::from_chars(n->data(), n->data() + n->size(), media);
    if (ec != std::errc() || ptr != n->data() + n->size() || media < 0) return Bad("NumMedia must be a number");
  }
  if (lat && lon) {
    m.kind = "location";
    m.payload = Compact({{"latitude", *lat}, {"longitude", *lon}, {"name", ""}, {"address", body}});
  } else if (button && !button->empty()) {
    std::string title = Param(params, "ButtonText").value_or(body);
    m.kind = "button";
    m.text = title;
    m.payload = Compact({{"id", *button}, {"title", title}});
  } else if (!body.empty() && media == 0) {
    m.kind = "text";
    m.text = body;
  } else {
    m.kind = "other";
    m.text = body;
    m.payload = Compact({{"type", media > 0 ? Param(params, "MediaContentType0").value_or("media") : "empty"}});
  }
  return out;
}

}  // namespace services
