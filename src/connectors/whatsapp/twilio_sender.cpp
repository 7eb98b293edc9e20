#include "connectors/whatsapp/twilio_sender.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace connectors::whatsapp {

namespace {

using json = nlohmann::json;

std::string TextOf(const OutboundMessage& m) {
  std::string text = m.text;
  if (m.kind == OutboundMessage::Kind::kButtons) {
    for (const ReplyButton& b : m.buttons) text += "\n- " + b.title;
  } else if (m.kind == OutboundMessage::Kind::kList) {
    for (const ListRow& r : m.rows) text += "\n- " + r.title + (r.description.empty() ? "" : ": " + r.description);
  }
  return text;
}

std::string TwilioError(const std::string& body) {
  auto doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) {
    std::string code = doc.contains("code") && doc["code"].is_number_integer()
                           ? std::to_string(doc["code"].get<int64_t>())
                           : std::string("?");
    std::string message =
        doc.contains("message") && doc["message"].is_string() ? doc["message"].get<std::string>() : "";
    return code + ": " + message.substr(0, 300);
  }
  return body.substr(0, 300);
}

}  // namespace

std::string FormEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string TwilioMessageForm(const SendRequest& request) {
  std::string form;
  auto add = [&form](std::string_view name, std::string_view value) {
    if (!form.empty()) form += '&';
    form += FormEncode(name);
    form += '=';
    form += FormEncode(value);
  };
  add("From", request.from);
  add("To", "whatsapp:" + request.to);
  const OutboundMessage& m = request.message;
  if (m.kind == OutboundMessage::Kind::kTemplate) {
    add("ContentSid", m.content_sid);
    json variables = json::object();
    for (size_t i = 0; i < m.template_parameters.size(); ++i) {
      variables[std::to_string(i + 1)] = m.template_parameters[i];
    }
    add("ContentVariables", variables.dump(-1, ' ', false, json::error_handler_t::replace));
  } else {
    add("Body", TextOf(m));
  }
  if (!request.status_callback.empty()) add("StatusCallback", request.status_callback);
  return form;
}

TwilioSender::TwilioSender(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), http_(timeout) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

SendOutcome TwilioSender::Send(const SendRequest& request) {
  HttpPostRequest post;
  post.url = base_url_ + "/2010-04-01/Accounts/" + request.account_sid + "/Messages.json";
  post.headers = {"Content-Type: application/x-www-form-urlencoded"};
  post.body = TwilioMessageForm(request);
  post.basic_auth = request.account_sid + ":" + request.credential;
  HttpPostResponse response = http_.Post(post);
  SendOutcome outcome;
  outcome.http_status = response.status;
  if (response.status == 0) {
    outcome.retryable = true;
    outcome.error = "no response from Twilio: " + response.error;
    return outcome;
  }
  if (response.status >= 200 && response.status < 300) {
    auto doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    outcome.accepted = true;
    if (doc.is_object() && doc.contains("sid") && doc["sid"].is_string()) {
      outcome.provider_message_id = doc["sid"].get<std::string>();
    } else {
      outcome.error = "Twilio answered " + std::to_string(response.status) + " without a message sid";
    }
    return outcome;
  }
  outcome.retryable = response.status == 429 || response.status >= 500;
  outcome.retry_after = ParseRetryAfter(response.retry_after);
  outcome.error = "Twilio HTTP " + std::to_string(response.status) + " " + TwilioError(response.body);
  return outcome;
}

}  // namespace connectors::whatsapp
