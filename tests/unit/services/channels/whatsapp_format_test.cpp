// WhatsApp's documented limits applied to replies (providers.md): text
// <= 4096 characters (split beyond), up to 3 reply buttons with titles
// <= 20, list messages of <= 10 rows with titles <= 24 and descriptions
// <= 72, interactive bodies <= 1024; nothing cut inside a UTF-8 sequence.
#include "services/channels/whatsapp_format.h"

#include <gtest/gtest.h>

#include "services/channels/outbound_content.h"

namespace {

using connectors::OutboundMessage;
using services::CountChars;
using services::FormatReply;
using services::SplitText;

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

core::ProductCard Product(int i) {
  return {"SKU-" + std::to_string(i), "Extra mature dry-aged rib of beef on the bone no " + std::to_string(i),
          core::Money::FromMajor(12.5 + i, "GBP"), "kg", i % 2 == 0};
}

TEST(WhatsAppFormatTest, LongTextIsSplitAtBoundariesWithinTheLimit) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "Our lamb is from the Yorkshire Dales, £14.50 a kilo. ";
  text += "\n\nÉté crème brûlée — ünïcödé ✓ at the end.";
  auto parts = SplitText(text, 4096);
  ASSERT_GE(parts.size(), 4u);
  std::string joined;
  for (const auto& p : parts) {
    EXPECT_LE(CountChars(p), 4096u);
    EXPECT_TRUE(ValidUtf8(p));
    joined += p;
  }
  // Split at sentence ends: every part but the last ends a sentence.
  for (size_t i = 0; i + 1 < parts.size(); ++i) EXPECT_EQ(parts[i].back(), '.') << i;
  auto squash = [](std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
    return s;
  };
  EXPECT_EQ(squash(joined), squash(text)) << "nothing lost";
}

TEST(WhatsAppFormatTest, MultibyteTextWithoutSpacesIsCutAtCharacterBoundaries) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "é";
  auto parts = SplitText(text, 4096);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(CountChars(parts[0]), 4096u);
  EXPECT_EQ(CountChars(parts[1]), 904u);
  EXPECT_TRUE(ValidUtf8(parts[0]) && ValidUtf8(parts[1]));
}

TEST(WhatsAppFormatTest, UpToThreeQuickRepliesBecomeButtonsWithShortTitles) {
  core::Reply reply;
  reply.text = "What would you like to do?";
  reply.quick_replies = {"Opening hours", "Delivery to my postcode please", "Talk to a person"};
  auto messages = FormatReply(reply, {}, services::kMetaLimits);
  ASSERT_EQ(messages.size(), 1u);
  const OutboundMessage& m = messages[0];
  EXPECT_EQ(m.kind, OutboundMessage::Kind::kButtons);
  EXPECT_EQ(m.text, reply.text);
  ASSERT_EQ(m.buttons.size(), 3u);
  for (const auto& b : m.buttons) {
    EXPECT_LE(CountChars(b.title), 20u) << b.title;
    EXPECT_LE(b.id.size(), 256u);
  }
  EXPECT_EQ(m.buttons[1].id, "qr:Delivery to my postcode please") << "the id keeps the whole choice";
  auto choice = services::ParseChoiceId(m.buttons[1].id);
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->text, "Delivery to my postcode please");
}

TEST(WhatsAppFormatTest, ProductsBecomeAListOfAtMostTenRows) {
  core::Reply reply;
  reply.text = "Here is what we have:";
  for (int i = 0; i < 14; ++i) reply.items.push_back(Product(i));
  services::ChannelTexts texts;
  texts.list_button = "See all our lovely cuts of meat";
  auto messages = FormatReply(reply, texts, services::kMetaLimits);
  ASSERT_EQ(messages.size(), 1u);
  const OutboundMessage& m = messages[0];
  EXPECT_EQ(m.kind, OutboundMessage::Kind::kList);
  EXPECT_LE(CountChars(m.list_button), 20u);
  ASSERT_EQ(m.rows.size(), 10u);
  for (const auto& r : m.rows) {
    EXPECT_LE(CountChars(r.title), 24u) << r.title;
    EXPECT_LE(CountChars(r.description), 72u);
    EXPECT_LE(r.id.size(), 200u);
    EXPECT_TRUE(ValidUtf8(r.title));
  }
  auto choice = services::ParseChoiceId(m.rows[3].id);
  ASSERT_TRUE(choice && choice->sku);
  EXPECT_EQ(*choice->sku, "SKU-3");
  EXPECT_NE(m.rows[0].description.find("12.50"), std::string::npos) << m.rows[0].description;
}

TEST(WhatsAppFormatTest, ABodyTooLongForAnInteractiveMessageGoesFirstAsText) {
  core::Reply reply;
  reply.text = std::string(1500, 'a');
  reply.quick_replies = {"Yes", "No"};
  auto messages = FormatReply(reply, {}, services::kMetaLimits);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].kind, OutboundMessage::Kind::kText);
  EXPECT_EQ(messages[0].text, reply.text);
  EXPECT_EQ(messages[1].kind, OutboundMessage::Kind::kButtons);
  EXPECT_LE(CountChars(messages[1].text), 1024u);
  EXPECT_FALSE(messages[1].text.empty());
}

TEST(WhatsAppFormatTest, WithoutInteractiveMessagesChoicesAreLinesOfText) {
  core::Reply reply;
  reply.text = "We have:";
  reply.items = {Product(1), Product(2)};
  reply.quick_replies = {"Delivery"};
  auto messages = FormatReply(reply, {}, services::kTwilioLimits);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, OutboundMessage::Kind::kText);
  EXPECT_NE(messages[0].text.find("- Extra mature dry-aged rib of beef on the bone no 1: "), std::string::npos);
  EXPECT_NE(messages[0].text.find("- Delivery"), std::string::npos);
}

TEST(WhatsAppFormatTest, AnEmptyReplySendsNothing) {
  EXPECT_TRUE(FormatReply(core::Reply{}, {}, services::kMetaLimits).empty());
}

TEST(OutboundContentTest, EveryKindSurvivesTheOutboxColumn) {
  OutboundMessage list;
  list.kind = OutboundMessage::Kind::kList;
  list.text = "Pick one";
  list.list_button = "See products";
  list.rows = {{"sku:A", "Lamb", "£1"}, {"sku:B", "Beef", ""}};
  OutboundMessage tpl;
  tpl.kind = OutboundMessage::Kind::kTemplate;
  tpl.template_name = "order_follow_up";
  tpl.template_language = "en_GB";
  tpl.template_parameters = {"Sam", "Your order is ready"};
  for (const OutboundMessage& m : {list, tpl}) {
    auto back = services::DecodeOutbound(services::EncodeOutbound(m));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->kind, m.kind);
    EXPECT_EQ(back->text, m.text);
    EXPECT_EQ(back->rows.size(), m.rows.size());
    EXPECT_EQ(back->template_parameters, m.template_parameters);
    EXPECT_EQ(back->template_name, m.template_name);
  }
  EXPECT_FALSE(services::DecodeOutbound("not json").ok());
  EXPECT_FALSE(services::DecodeOutbound(R"({"type":"carrier-pigeon"})").ok());
}

}  // namespace
