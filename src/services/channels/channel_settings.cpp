#include "services/channels/channel_settings.h"

#include <nlohmann/json.hpp>

namespace services {

namespace {

using json = nlohmann::json;

std::string Text(const json& object, const char* field, std::string fallback = {}) {
  if (object.is_object() && object.contains(field) && object[field].is_string())
    return object[field].get<std::string>();
  return fallback;
}

bool Flag(const json& object, const char* field, bool fallback) {
  if (object.is_object() && object.contains(field) && object[field].is_boolean()) return object[field].get<bool>();
  return fallback;
}

std::optional<TemplateRef> FollowUp(const json& channel) {
  if (!channel.contains("templates") || !channel["templates"].is_object()) return std::nullopt;
  const json& t = channel["templates"];
  if (!t.contains("follow_up") || !t["follow_up"].is_object()) return std::nullopt;
  const json& f = t["follow_up"];
  TemplateRef ref{Text(f, "name"), Text(f, "language"), Text(f, "content_sid"), {"text"}};
  if (f.contains("parameters") && f["parameters"].is_array()) {
    ref.parameters.clear();
    for (const json& p : f["parameters"]) {
      if (p.is_string()) ref.parameters.push_back(p.get<std::string>());
    }
  }
  return ref;
}

}  // namespace

ChannelSettings ChannelSettingsOf(const retrieval::TenantData& data) {
  ChannelSettings s;
  const json& doc = data.File("channels.json");
  if (!doc.is_object()) return s;
  if (doc.contains("whatsapp") && doc["whatsapp"].is_object()) {
    const json& w = doc["whatsapp"];
    s.meta.phone_number_id = Text(w, "phone_number_id");
    s.meta.enabled = Flag(w, "enabled", true) && !s.meta.phone_number_id.empty();
    s.meta.follow_up = FollowUp(w);
  }
  if (doc.contains("twilio") && doc["twilio"].is_object()) {
    const json& t = doc["twilio"];
    s.twilio.account_sid = Text(t, "account_sid");
    s.twilio.number = Text(t, "number");
    s.twilio.enabled = Flag(t, "enabled", true) && !s.twilio.account_sid.empty() && !s.twilio.number.empty();
    s.twilio.twiml = Text(t, "reply", "rest") == "twiml";
    s.twilio.follow_up = FollowUp(t);
  }
  if (doc.contains("texts") && doc["texts"].is_object()) {
    const json& x = doc["texts"];
    s.texts.list_button = Text(x, "list_button", s.texts.list_button);
    s.texts.choices_button = Text(x, "choices_button", s.texts.choices_button);
    s.texts.unsupported = Text(x, "unsupported_message", s.texts.unsupported);
    s.texts.too_long = Text(x, "message_too_long", s.texts.too_long);
  }
  return s;
}

}  // namespace services
