#include "services/channels/outbound_content.h"

#include <nlohmann/json.hpp>

namespace services {

namespace {

using connectors::OutboundMessage;
using json = nlohmann::json;

const char* KindName(OutboundMessage::Kind kind) {
  switch (kind) {
    case OutboundMessage::Kind::kText: return "text";
    case OutboundMessage::Kind::kButtons: return "buttons";
    case OutboundMessage::Kind::kList: return "list";
    case OutboundMessage::Kind::kTemplate: return "template";
  }
  return "text";
}

std::string Str(const json& j, const char* field) {
  return j.is_object() && j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : std::string();
}

}  // namespace

std::string EncodeOutbound(const OutboundMessage& m) {
  json j = {{"type", KindName(m.kind)}};
  if (!m.text.empty()) j["text"] = m.text;
  if (!m.buttons.empty()) {
    json buttons = json::array();
    for (const auto& b : m.buttons) buttons.push_back({{"id", b.id}, {"title", b.title}});
    j["buttons"] = buttons;
  }
  if (m.kind == OutboundMessage::Kind::kList) {
    j["button"] = m.list_button;
    json rows = json::array();
    for (const auto& r : m.rows) rows.push_back({{"id", r.id}, {"title", r.title}, {"description", r.description}});
    j["rows"] = rows;
  }
  if (m.kind == OutboundMessage::Kind::kTemplate) {
    j["template"] = {{"name", m.template_name},
                     {"language", m.template_language},
                     {"content_sid", m.content_sid},
                     {"parameters", m.template_parameters}};
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Result<OutboundMessage> DecodeOutbound(std::string_view content) {
  auto j = json::parse(content, nullptr, /*allow_exceptions=*/false);
  auto bad = [] { return core::MakeError(core::ErrorCode::kInvalidArgument, "outbox content is not a message"); };
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) return bad();
  OutboundMessage m;
  const std::string type = j["type"].get<std::string>();
  if (type == "text")
    m.kind = OutboundMessage::Kind::kText;
  else if (type == "buttons")
    m.kind = OutboundMessage::Kind::kButtons;
  else if (type == "list")
    m.kind = OutboundMessage::Kind::kList;
  else if (type == "template")
    m.kind = OutboundMessage::Kind::kTemplate;
  else
    return bad();
  m.text = Str(j, "text");
  m.list_button = Str(j, "button");
  if (j.contains("buttons") && j["buttons"].is_array()) {
    for (const json& b : j["buttons"]) m.buttons.push_back({Str(b, "id"), Str(b, "title")});
  }
  if (j.contains("rows") && j["rows"].is_array()) {
    for (const json& r : j["rows"]) m.rows.push_back({Str(r, "id"), Str(r, "title"), Str(r, "description")});
  }
  if (j.contains("template") && j["template"].is_object()) {
    const json& t = j["template"];
    m.template_name = Str(t, "name");
    m.template_language = Str(t, "language");
    m.content_sid = Str(t, "content_sid");
    if (t.contains("parameters") && t["parameters"].is_array()) {
      for (const json& p : t["parameters"]) {
        if (p.is_string()) m.template_parameters.push_back(p.get<std::string>());
      }
    }
  }
  if ((m.kind == OutboundMessage::Kind::kText && m.text.empty()) ||
      (m.kind == OutboundMessage::Kind::kButtons && m.buttons.empty()) ||
      (m.kind == OutboundMessage::Kind::kList && m.rows.empty())) {
    return bad();
  }
  return m;
}

std::string OutboundSummary(const OutboundMessage& m) {
  if (m.kind == OutboundMessage::Kind::kTemplate) {
    std::string name = m.template_name.empty() ? m.content_sid : m.template_name;
    std::string text = "template " + name;
    for (const auto& p : m.template_parameters) text += " | " + p;
    return text;
  }
  std::string text = m.text;
  std::string choices;
  for (const auto& b : m.buttons) choices += (choices.empty() ? "" : " | ") + b.title;
  for (const auto& r : m.rows) choices += (choices.empty() ? "" : " | ") + r.title;
  if (!choices.empty()) text += (text.empty() ? "[" : "\n[") + choices + "]";
  return text;
}

}  // namespace services
