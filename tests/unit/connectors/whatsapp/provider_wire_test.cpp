// The senders' request bodies against the providers' documented examples
// (/work/shared/reference/providers.md: Meta's Cloud API send examples,
// Twilio's Messages.json form).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "connectors/whatsapp/graph_sender.h"
#include "connectors/whatsapp/http_post.h"
#include "connectors/whatsapp/twilio_sender.h"

namespace {

using connectors::OutboundMessage;
using connectors::SendRequest;
using nlohmann::json;

SendRequest To(const std::string& to, OutboundMessage m) {
  SendRequest r;
  r.from = "106540352242922";
  r.to = to;
  r.message = std::move(m);
  return r;
}

TEST(GraphWireTest, TextMatchesTheDocumentedExample) {
  OutboundMessage m;
  m.text = "Hello from the shop";
  json body = json::parse(connectors::whatsapp::GraphMessageJson(To("+447700900123", m)));
  json documented = json::parse(R"({"messaging_product":"whatsapp","recipient_type":"individual",
      "to":"447700900123","type":"text","text":{"preview_url":false,"body":"Hello from the shop"}})");
  EXPECT_EQ(body, documented);
}

TEST(GraphWireTest, ButtonsListsAndTemplatesHaveTheDocumentedShape) {
  OutboundMessage buttons;
  buttons.kind = OutboundMessage::Kind::kButtons;
  buttons.text = "Choose";
  buttons.buttons = {{"qr:Yes", "Yes"}, {"qr:No", "No"}};
  SendRequest r = To("+1555", buttons);
  r.reference = "17";
  json b = json::parse(connectors::whatsapp::GraphMessageJson(r));
  EXPECT_EQ(b["type"], "interactive");
  EXPECT_EQ(b["interactive"]["type"], "button");
  EXPECT_EQ(b["interactive"]["body"]["text"], "Choose");
  EXPECT_EQ(b["interactive"]["action"]["buttons"][1],
            json::parse(R"({"type":"reply","reply":{"id":"qr:No","title":"No"}})"));
  EXPECT_EQ(b["biz_opaque_callback_data"], "17") << "status callbacks name our outbox id";

  OutboundMessage list;
  list.kind = OutboundMessage::Kind::kList;
  list.text = "Our cuts";
  list.list_button = "See products";
  list.rows = {{"sku:A", "Lamb chops", "£14.50 / kg"}};
  json l = json::parse(connectors::whatsapp::GraphMessageJson(To("+1555", list)));
  EXPECT_EQ(l["interactive"]["type"], "list");
  EXPECT_EQ(l["interactive"]["action"]["button"], "See products");
  EXPECT_EQ(l["interactive"]["action"]["sections"][0]["rows"][0],
            json::parse(R"({"id":"sku:A","title":"Lamb chops","description":"£14.50 / kg"})"));

  OutboundMessage tpl;
  tpl.kind = OutboundMessage::Kind::kTemplate;
  tpl.template_name = "order_follow_up";
  tpl.template_language = "en_GB";
  tpl.template_parameters = {"Sam"};
  json t = json::parse(connectors::whatsapp::GraphMessageJson(To("+1555", tpl)));
  EXPECT_EQ(t["type"], "template");
  EXPECT_EQ(t["template"], json::parse(R"({"name":"order_follow_up","language":{"code":"en_GB"},
      "components":[{"type":"body","parameters":[{"type":"text","text":"Sam"}]}]})"));
}

TEST(TwilioWireTest, FormCarriesFromToBodyAndCallback) {
  OutboundMessage m;
  m.text = "Hi & welcome: 100% fresh";
  SendRequest r = To("+15035550123", m);
  r.from = "whatsapp:+15035550100";
  r.status_callback = "https://bot.example/whatsapp_webhook/twilio?outbox=9";
  EXPECT_EQ(connectors::whatsapp::TwilioMessageForm(r),
            "From=whatsapp%3A%2B15035550100&To=whatsapp%3A%2B15035550123&Body=Hi+%26+welcome%3A+100%25+fresh"
            "&StatusCallback=https%3A%2F%2Fbot.example%2Fwhatsapp_webhook%2Ftwilio%3Foutbox%3D9");
  OutboundMessage tpl;
  tpl.kind = OutboundMessage::Kind::kTemplate;
  tpl.content_sid = "HX0123456789abcdef0123456789abcdef";
  tpl.template_parameters = {"Sam", "ready"};
  SendRequest t = To("+15035550123", tpl);
  t.from = "whatsapp:+15035550100";
  std::string form = connectors::whatsapp::TwilioMessageForm(t);
  EXPECT_NE(form.find("ContentSid=HX0123456789abcdef0123456789abcdef"), std::string::npos);
  EXPECT_NE(form.find("ContentVariables=%7B%221%22%3A%22Sam%22%2C%222%22%3A%22ready%22%7D"), std::string::npos);
  EXPECT_EQ(form.find("Body="), std::string::npos);
}

TEST(HttpPostTest, RetryAfterInSecondsOnly) {
  using connectors::whatsapp::ParseRetryAfter;
  EXPECT_EQ(ParseRetryAfter(std::string("30")), std::chrono::seconds(30));
  EXPECT_FALSE(ParseRetryAfter(std::string("Wed, 21 Oct 2015 07:28:00 GMT")));
  EXPECT_FALSE(ParseRetryAfter(std::nullopt));
  EXPECT_EQ(ParseRetryAfter(std::string("999999999")), std::chrono::seconds(24 * 3600));
}

}  // namespace
