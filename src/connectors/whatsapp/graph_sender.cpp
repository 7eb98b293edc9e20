#include "connectors/whatsapp/graph_sender.h"

#include <nlohmann/json.hpp>

namespace connectors::whatsapp {

namespace {

using json = nlohmann::json;

// The E.164 number without '+', as the Cloud API writes recipients.
std::string Recipient(const std::string& e164) { return e164.starts_with("+") ? e164.substr(1) : e164; }

json Interactive(const OutboundMessage& m) {
  if (m.kind == OutboundMessage::Kind::kButtons) {
    json buttons = json::array();
    for (const ReplyButton& b : m.buttons) {
      buttons.push_back({{"type", "reply"}, {"reply", {{"id", b.id}, {"title", b.title}}}});
    }
    return {{"type", "button"}, {"body", {{"text", m.text}}}, {"action", {{"buttons", buttons}}}};
  }
  json rows = json::array();
  for (const ListRow& r : m.rows) {
    json row = {{"id", r.id}, {"title", r.title}};
    if (!r.description.empty()) row["description"] = r.description;
    rows.push_back(std::move(row));
  }
  return {{"type", "list"},
          {"body", {{"text", m.text}}},
          {"action", {{"button", m.list_button}, {"sections", json::array({{{"rows", rows}}})}}}};
}

json Template(const OutboundMessage& m) {
  json t = {{"name", m.template_name}, {"language", {{"code", m.template_language}}}};
  if (!m.template_parameters.empty()) {
    json parameters = json::array();
    for (const std::string& p : m.template_parameters) parameters.push_back({{"type", "text"}, {"text", p}});
    t["components"] = json::array({{{"type", "body"}, {"parameters", parameters}}});
  }
  return t;
}

// "code: message" from a Graph error body, or the start of the body.
std::string GraphError(const std::string& body) {
  auto doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
    const json& e = doc["error"];
    std::string code = e.contains("code") && e["code"].is_number_integer() ? std::to_string(e["code"].get<int64_t>())
                                                                           : std::string("?");
    std::string message = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : "";
    return code + ": " + message.substr(0, 300);
  }
  return body.substr(0, 300);
}

}  // namespace

std::string GraphMessageJson(const SendRequest& request) {
  const OutboundMessage& m = request.message;
  json body = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", Recipient(request.to)}};
  switch (m.kind) {
    case OutboundMessage::Kind::kText:
      body["type"] = "text";
      body["text"] = {{"preview_url", false}, {"body", m.text}};
      break;
    case OutboundMessage::Kind::kButtons:
    case OutboundMessage::Kind::kList:
      body["type"] = "interactive";
      body["interactive"] = Interactive(m);
      break;
    case OutboundMessage::Kind::kTemplate:
      body["type"] = "template";
      body["template"] = Template(m);
      break;
  }
  if (!request.reference.empty()) body["biz_opaque_callback_data"] = request.reference;
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

GraphSender::GraphSender(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), http_(timeout) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

SendOutcome GraphSender::Send(const SendRequest& request) {
  HttpPostRequest post;
  post.url = base_url_ + "/" + request.from + "/messages";
  post.headers = {"Authorization: Bearer " + request.credential, "Content-Type: application/json"};
  post.body = GraphMessageJson(request);
  HttpPostResponse response = http_.Post(post);
  SendOutcome outcome;
  outcome.http_status = response.status;
  if (response.status == 0) {
    outcome.retryable = true;
    outcome.error = "no response from the Graph API: " + response.error;
    return outcome;
  }
  if (response.status >= 200 && response.status < 300) {
    auto doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_object() && doc.contains("messages") && doc["messages"].is_array() && !doc["messages"].empty() &&
        doc["messages"][0].is_object() && doc["messages"][0].contains("id") && doc["messages"][0]["id"].is_string()) {
      outcome.accepted = true;
      outcome.provider_message_id = doc["messages"][0]["id"].get<std::string>();
      return outcome;
    }
    // Accepted, we must assume, but without an id: do not send it again.
    outcome.accepted = true;
    outcome.error = "the Graph API answered " + std::to_string(response.status) + " without a message id";
    return outcome;
  }
  outcome.retryable = response.status == 429 || response.status >= 500;
  outcome.retry_after = ParseRetryAfter(response.retry_after);
  outcome.error = "Graph API HTTP " + std::to_string(response.status) + " " + GraphError(response.body);
  return outcome;
}

}  // namespace connectors::whatsapp
