// Decoding the providers' webhook bodies, field by field: the documented
// shapes (providers.md) decode; anything malformed is an error naming the
// field, never an exception.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "services/channels/meta_webhook.h"
#include "services/channels/twilio_webhook.h"

namespace {

using nlohmann::json;

const db::Time kNow{std::chrono::seconds(1'800'000'000)};

std::string Envelope(const json& value) {
  return json({{"object", "whatsapp_business_account"},
               {"entry", {{{"id", "WABA"}, {"changes", {{{"field", "messages"}, {"value", value}}}}}}}})
      .dump();
}

json Value(const json& messages, const json& statuses = json()) {
  json v = {{"messaging_product", "whatsapp"},
            {"metadata", {{"display_phone_number", "15550001111"}, {"phone_number_id", "106540352242922"}}},
            {"contacts", {{{"profile", {{"name", "Kerry Fisher"}}}, {"wa_id", "16315551234"}}}}};
  if (!messages.is_null()) v["messages"] = messages;
  if (!statuses.is_null()) v["statuses"] = statuses;
  return v;
}

TEST(MetaWebhookTest, DecodesTheDocumentedMessageKinds) {
  json messages = json::array({
      {{"from", "16315551234"},
       {"id", "wamid.A"},
       {"timestamp", "1700000000"},
       {"type", "text"},
       {"text", {{"body", "Hello there"}}}},
      {{"from", "16315551234"},
       {"id", "wamid.B"},
       {"timestamp", "1700000001"},
       {"type", "interactive"},
       {"context", {{"from", "15550001111"}, {"id", "wamid.OURS"}}},
       {"interactive", {{"type", "button_reply"}, {"button_reply", {{"id", "qr:Delivery"}, {"title", "Delivery"}}}}}},
      {{"from", "16315551234"},
       {"id", "wamid.C"},
       {"timestamp", "1700000002"},
       {"type", "interactive"},
       {"interactive",
        {{"type", "list_reply"},
         {"list_reply", {{"id", "sku:LAMB-1"}, {"title", "Lamb chops"}, {"description", "x"}}}}}},
      {{"from", "16315551234"},
       {"id", "wamid.D"},
       {"timestamp", "1700000003"},
       {"type", "button"},
       {"button", {{"payload", "STOP"}, {"text", "Stop promotions"}}}},
      {{"from", "16315551234"},
       {"id", "wamid.E"},
       {"timestamp", "1700000004"},
       {"type", "location"},
       {"location", {{"latitude", 53.79}, {"longitude", -1.75}, {"name", "Home"}}}},
      {{"from", "16315551234"},
       {"id", "wamid.F"},
       {"timestamp", "1700000005"},
       {"type", "sticker"},
       {"sticker", {{"id", "S1"}}}},
      {{"from", "16315551234"},
       {"id", "wamid.G"},
       {"timestamp", "1700000006"},
       {"type", "reaction"},
       {"reaction", {{"message_id", "wamid.OURS"}, {"emoji", "👍"}}}},
  });
  auto hook = services::DecodeMetaWebhook(Envelope(Value(messages)), kNow);
  ASSERT_TRUE(hook.ok()) << hook.error().message;
  EXPECT_EQ(hook->phone_number_ids, std::vector<std::string>{"106540352242922"});
  ASSERT_EQ(hook->messages.size(), 7u);
  const auto& text = hook->messages[0].message;
  EXPECT_EQ(text.kind, "text");
  EXPECT_EQ(text.text, "Hello there");
  EXPECT_EQ(text.shopper, "+16315551234");
  EXPECT_EQ(text.profile_name, "Kerry Fisher");
  EXPECT_EQ(text.sent_at, db::Time(std::chrono::seconds(1'700'000'000)));
  EXPECT_EQ(hook->messages[1].message.kind, "button");
  EXPECT_NE(hook->messages[1].message.payload.find("qr:Delivery"), std::string::npos);
  EXPECT_NE(hook->messages[2].message.payload.find("sku:LAMB-1"), std::string::npos);
  EXPECT_EQ(hook->messages[3].message.kind, "button");
  EXPECT_EQ(hook->messages[4].message.kind, "location");
  EXPECT_NE(hook->messages[4].message.payload.find("53.79"), std::string::npos);
  EXPECT_EQ(hook->messages[5].message.kind, "other");
  EXPECT_EQ(hook->messages[6].message.kind, "ignored");
}

TEST(MetaWebhookTest, DecodesStatusesWithOurReferenceAndErrors) {
  json statuses = json::array({
      {{"id", "wamid.S1"},
       {"status", "delivered"},
       {"timestamp", "1700000100"},
       {"recipient_id", "16315551234"},
       {"biz_opaque_callback_data", "42"}},
      {{"id", "wamid.S2"},
       {"status", "failed"},
       {"timestamp", "1700000101"},
       {"recipient_id", "16315551234"},
       {"errors", {{{"code", 131047}, {"title", "Re-engagement message"}}}}},
      {{"id", "wamid.S3"}, {"status", "deleted"}, {"timestamp", "1700000102"}},
  });
  auto hook = services::DecodeMetaWebhook(Envelope(Value(json(), statuses)), kNow);
  ASSERT_TRUE(hook.ok()) << hook.error().message;
  ASSERT_EQ(hook->statuses.size(), 2u) << "unknown statuses are skipped";
  EXPECT_EQ(hook->statuses[0].update.status, "delivered");
  EXPECT_EQ(hook->statuses[0].update.outbox_id, 42);
  EXPECT_EQ(hook->statuses[1].update.error, "131047: Re-engagement message");
  EXPECT_FALSE(hook->statuses[1].update.outbox_id);
}

TEST(MetaWebhookTest, MalformedBodiesNameTheField) {
  auto error_of = [](const std::string& body) {
    auto hook = services::DecodeMetaWebhook(body, kNow);
    EXPECT_FALSE(hook.ok()) << body;
    return hook.ok() ? core::Error{} : hook.error();
  };
  EXPECT_EQ(error_of("{not json").code, core::ErrorCode::kInvalidJson);
  EXPECT_EQ(error_of("[]").code, core::ErrorCode::kInvalidJson);
  EXPECT_EQ(error_of(std::string(100, '[') + std::string(100, ']')).code, core::ErrorCode::kInvalidJson);
  EXPECT_NE(error_of(R"({"object":"page","entry":[]})").message.find("/object"), std::string::npos);
  json no_from = {{{"id", "wamid.A"}, {"timestamp", "1"}, {"type", "text"}, {"text", {{"body", "x"}}}}};
  EXPECT_NE(error_of(Envelope(Value(no_from))).message.find("/entry/0/changes/0/value/messages/0/from"),
            std::string::npos);
  json bad_time = {{{"from", "1"}, {"id", "wamid.A"}, {"timestamp", 5}, {"type", "text"}, {"text", {{"body", "x"}}}}};
  EXPECT_NE(error_of(Envelope(Value(bad_time))).message.find("timestamp"), std::string::npos);
  json no_body = {{{"from", "1"}, {"id", "wamid.A"}, {"timestamp", "1"}, {"type", "text"}, {"text", json::object()}}};
  EXPECT_NE(error_of(Envelope(Value(no_body))).message.find("/text/body"), std::string::npos);
  json bad_location = {{{"from", "1"},
                        {"id", "wamid.A"},
                        {"timestamp", "1"},
                        {"type", "location"},
                        {"location", {{"latitude", 123.0}, {"longitude", 0}}}}};
  EXPECT_NE(error_of(Envelope(Value(bad_location))).message.find("latitude"), std::string::npos);
  json no_metadata = Value(json::array());
  no_metadata.erase("metadata");
  EXPECT_NE(error_of(Envelope(no_metadata)).message.find("metadata"), std::string::npos);
}

TEST(TwilioWebhookTest, DecodesMessagesAndStatusCallbacks) {
  auto params = services::ParseForm(
      "MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef"
      "&From=whatsapp%3A%2B15035550123&To=whatsapp%3A%2B15035550100&Body=do+you+sell+helmets%3F"
      "&NumMedia=0&ProfileName=Pat&SmsStatus=received");
  ASSERT_TRUE(params.ok()) << params.error().message;
  auto message = services::DecodeTwilioWebhook(*params, kNow, std::nullopt);
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_FALSE(message->is_status);
  EXPECT_EQ(message->message.text, "do you sell helmets?");
  EXPECT_EQ(message->message.shopper, "+15035550123");
  EXPECT_EQ(message->message.kind, "text");
  EXPECT_EQ(message->message.profile_name, "Pat");

  auto media = services::ParseForm(
      "MessageSid=SM0123456789abcdef0123456789abcdee&AccountSid=AC0123456789abcdef0123456789abcdef"
      "&From=whatsapp%3A%2B15035550123&To=whatsapp%3A%2B15035550100&Body=&NumMedia=1&MediaContentType0=image%2Fjpeg");
  auto photo = services::DecodeTwilioWebhook(*media, kNow, std::nullopt);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->message.kind, "other");

  auto status = services::ParseForm(
      "MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef"
      "&From=whatsapp%3A%2B15035550100&To=whatsapp%3A%2B15035550123&MessageStatus=undelivered&ErrorCode=63016");
  auto callback = services::DecodeTwilioWebhook(*status, kNow, 7);
  ASSERT_TRUE(callback.ok());
  EXPECT_TRUE(callback->is_status);
  EXPECT_EQ(callback->status.status, "failed");
  EXPECT_EQ(callback->status.outbox_id, 7);
  EXPECT_EQ(callback->status.error.rfind("63016", 0), 0u);
}

TEST(TwilioWebhookTest, MalformedFormsAreRefusedNamingTheParameter) {
  EXPECT_FALSE(services::ParseForm("a=%zz").ok());
  std::string many;
  for (int i = 0; i < 300; ++i) many += "p" + std::to_string(i) + "=1&";
  EXPECT_FALSE(services::ParseForm(many).ok());
  auto no_sid = services::ParseForm(
      "AccountSid=AC0123456789abcdef0123456789abcdef&From=whatsapp%3A%2B1503555012"
      "3&To=whatsapp%3A%2B15035550100&Body=hi");
  auto decoded = services::DecodeTwilioWebhook(*no_sid, kNow, std::nullopt);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("MessageSid"), std::string::npos);
  auto sms = services::ParseForm(
      "MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123"
      "456789abcdef&From=%2B15035550123&To=whatsapp%3A%2B15035550100&Body=hi");
  auto not_whatsapp = services::DecodeTwilioWebhook(*sms, kNow, std::nullopt);
  ASSERT_FALSE(not_whatsapp.ok());
  EXPECT_NE(not_whatsapp.error().message.find("From"), std::string::npos);
}

}  // namespace
