// The WhatsApp channel end to end: the real `aiv7` binary, its webhooks
// signed like Meta and Twilio sign them, and local fake Graph and Twilio
// servers (support/fake_providers.h) that record every send. Secrets are
// set with `aiv7 secret set`, as an owner would.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include "db/sqlite/sqlite_database.h"
#include "services/channels/webhook_signatures.h"
#include "support/fake_providers.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/wait.h"

namespace {

using nlohmann::json;
using testing_support::FakeProviders;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::RunAiv7WithInput;
using testing_support::ServerProcess;
using testing_support::WaitUntil;

constexpr const char* kPhoneId = "100000000000001";  // UK_BUTCHER's channels.json
constexpr const char* kAppSecret = "meta-app-secret-for-tests";
constexpr const char* kAccessToken = "EAAG-test-access-token";
constexpr const char* kVerifyToken = "verify-me-please";
constexpr const char* kTwilioSid = "AC0123456789abcdef0123456789abcdef";  // US_BIKES's channels.json
constexpr const char* kTwilioNumber = "whatsapp:+15035550100";
constexpr const char* kTwilioToken = "twilio-auth-token-for-tests";
constexpr const char* kPublicBase = "https://bot.shop.example";
constexpr const char* kSecretsKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json TextMessage(const std::string& from, const std::string& id, const std::string& text) {
  return {{"from", from},
          {"id", id},
          {"timestamp", std::to_string(NowSeconds())},
          {"type", "text"},
          {"text", {{"body", text}}}};
}

std::string MetaBody(const std::vector<json>& messages, const std::string& phone_id = kPhoneId,
                     const std::vector<json>& statuses = {}) {
  json value = {{"messaging_product", "whatsapp"},
                {"metadata", {{"display_phone_number", "441134960100"}, {"phone_number_id", phone_id}}}};
  json contacts = json::array();
  for (const json& m : messages) contacts.push_back({{"profile", {{"name", "Sam Shopper"}}}, {"wa_id", m["from"]}});
  if (!messages.empty()) {
    value["contacts"] = contacts;
    value["messages"] = messages;
  }
  if (!statuses.empty()) value["statuses"] = statuses;
  return json({{"object", "whatsapp_business_account"},
               {"entry", {{{"id", "WABA1"}, {"changes", {{{"field", "messages"}, {"value", value}}}}}}}})
      .dump();
}

std::string FormEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out.push_back(static_cast<char>(c));
    else if (c == ' ')
      out.push_back('+');
    else
      out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

class WhatsAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fakes_ = std::make_unique<FakeProviders>(kAccessToken, kTwilioSid, kTwilioToken);
    ASSERT_NE(fakes_->port(), 0);
    server_ =
        std::make_unique<ServerProcess>(std::map<std::string, std::string>{{"WHATSAPP_GRAPH_URL", fakes_->graph_url()},
                                                                           {"TWILIO_API_URL", fakes_->twilio_url()},
                                                                           {"PUBLIC_BASE_URL", kPublicBase},
                                                                           {"SECRETS_KEY", kSecretsKey},
                                                                           {"OUTBOX_RETRY_MIN_MS", "20"},
                                                                           {"OUTBOX_RETRY_MAX_MS", "200"},
                                                                           {"OUTBOX_IN_DOUBT_MS", "0"},
                                                                           {"CHANNEL_POLL_MS", "20"},
                                                                           {"CHANNEL_WORKER_ID", "test-worker"}});
    SetSecret("UK_BUTCHER", "whatsapp.app_secret", kAppSecret);
    SetSecret("UK_BUTCHER", "whatsapp.access_token", kAccessToken);
    SetSecret("UK_BUTCHER", "whatsapp.verify_token", kVerifyToken);
    SetSecret("US_BIKES", "twilio.auth_token", kTwilioToken);
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void SetSecret(const std::string& tenant, const std::string& name, const std::string& value) {
    auto r = RunAiv7WithInput({"secret", "set", tenant, name, "--stdin"}, server_->env(), value + "\n");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find(value), std::string::npos) << "a secret value was printed";
  }

  HttpReply PostMeta(const std::string& body, std::optional<std::string> signature = std::nullopt) {
    Headers headers = {{"Content-Type", "application/json"}};
    std::string sig = signature ? *signature : services::MetaSignature(kAppSecret, body);
    if (!sig.empty()) headers.emplace_back("X-Hub-Signature-256", sig);
    return Request(server_->port(), "POST", "/whatsapp_webhook", body, headers);
  }

  HttpReply PostTwilio(const services::FormParams& params, const std::string& target = "/whatsapp_webhook/twilio",
                       const std::string& token = kTwilioToken) {
    std::string body;
    for (const auto& [k, v] : params) body += (body.empty() ? "" : "&") + FormEncode(k) + "=" + FormEncode(v);
    std::string sig = services::TwilioSignature(token, std::string(kPublicBase) + target, params);
    return Request(server_->port(), "POST", target, body,
                   {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", sig}});
  }

  // The Graph sends accepted for shopper `to` (digits).
  std::vector<testing_support::ProviderRequest> SentTo(const std::string& to) {
    std::vector<testing_support::ProviderRequest> out;
    for (auto& r : fakes_->accepted()) {
      if (r.provider == "meta" && r.json.value("to", "") == to) out.push_back(r);
    }
    return out;
  }

  // Opens the server's SQLite database beside it (WAL: readers do not block it).
  std::unique_ptr<db::SqliteDatabase> Database() {
    auto opened = db::SqliteDatabase::Open(server_->dir() / "data" / "aiv7.db");
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  // Every recorded message answered and every reply sent (or failed).
  bool Settled(db::SqliteDatabase& database) {
    auto in = database.inbox().CountPendingInbound();
    auto out = database.outbox().CountUnsentOutbound();
    return in.ok() && out.ok() && *in == 0 && *out == 0;
  }

  std::unique_ptr<FakeProviders> fakes_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(WhatsAppTest, SecretsAreListedByNameOnlyAndStoredEncrypted) {
  auto list = RunAiv7WithInput({"secret", "list", "UK_BUTCHER"}, server_->env(), "");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("whatsapp.app_secret"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("encrypted"), std::string::npos) << list.output;
  for (const char* value : {kAppSecret, kAccessToken, kVerifyToken}) {
    EXPECT_EQ(list.output.find(value), std::string::npos);
  }
  std::string file = testing_support::ReadText(server_->dir() / "data" / "secrets" / "UK_BUTCHER.json");
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(file.find(kAppSecret), std::string::npos) << "stored in the clear";
  auto unknown = RunAiv7WithInput({"secret", "set", "UK_BUTCHER", "stripe.key", "--stdin"}, server_->env(), "x\n");
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  // Nothing in the logs either.
  server_->Stop();
  for (const char* log : {"app.log", "errors.log", "chatbot.log"}) {
    std::string text = testing_support::ReadText(server_->dir() / "logs" / log);
    EXPECT_EQ(text.find(kAccessToken), std::string::npos) << log;
  }
}

TEST_F(WhatsAppTest, VerificationAnswersTheChallengeOnlyForAKnownToken) {
  HttpReply ok = Request(server_->port(), "GET",
                         std::string("/whatsapp_webhook?hub.mode=subscribe&hub.verify_token=") + kVerifyToken +
                             "&hub.challenge=1158201444");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.body, "1158201444");
  EXPECT_EQ(ok.Header("content-type").rfind("text/plain", 0), 0u);
  EXPECT_EQ(
      Request(server_->port(), "GET", "/whatsapp_webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")
          .status,
      403);
  EXPECT_EQ(Request(server_->port(), "GET",
                    std::string("/whatsapp_webhook?hub.mode=unsubscribe&hub.verify_token=") + kVerifyToken +
                        "&hub.challenge=1")
                .status,
            403);
}

TEST_F(WhatsAppTest, RefusedWebhooksProcessNothing) {
  const std::string body = MetaBody({TextMessage("447700900001", "wamid.refused1", "hello")});
  EXPECT_EQ(PostMeta(body, std::string("")).status, 401) << "unsigned";
  EXPECT_EQ(PostMeta(body, services::MetaSignature("another-secret", body)).status, 401) << "wrong secret";
  EXPECT_EQ(PostMeta(body, services::MetaSignature(kAppSecret, body + " ")).status, 401) << "body changed";
  HttpReply bad_json = PostMeta("{\"object\":");
  EXPECT_EQ(bad_json.status, 400) << bad_json.body;
  HttpReply missing = PostMeta(R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",
      "value":{"metadata":{"phone_number_id":"100000000000001"},"messages":[{"id":"wamid.x","timestamp":"1","type":"text","text":{"body":"hi"}}]}}]}]})");
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_NE(missing.body.find("/from"), std::string::npos) << "names the field: " << missing.body;
  HttpReply unknown = PostMeta(MetaBody({TextMessage("447700900001", "wamid.refused2", "hello")}, "999999999"));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  std::string huge = MetaBody({TextMessage("447700900001", "wamid.refused3", std::string(3 << 20, 'a'))});
  EXPECT_EQ(PostMeta(huge).status, 413);

  auto database = Database();
  ASSERT_TRUE(database);
  auto listed = database->inbox().ListInbound("UK_BUTCHER", "+447700900001", 100);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty()) << "a refused webhook recorded a message";
  EXPECT_TRUE(fakes_->requests().empty());
}

TEST_F(WhatsAppTest, ASignedMessageIsAnsweredOnceThroughTheGraphApi) {
  const std::string body = MetaBody({TextMessage("447700900002", "wamid.hello1", "do you have lamb chops?")});
  HttpReply ack = PostMeta(body);
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.Json().value("accepted", -1), 1);
  ASSERT_TRUE(WaitUntil([&] { return !SentTo("447700900002").empty(); })) << server_->output();
  // Meta delivers the same notification again: acknowledged, not answered again.
  HttpReply again = PostMeta(body);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.Json().value("duplicates", -1), 1);
  // A later message of the same shopper is answered after anything earlier,
  // so once it is, a second answer to the first would have shown.
  const size_t first_answer = SentTo("447700900002").size();
  ASSERT_EQ(PostMeta(MetaBody({TextMessage("447700900002", "wamid.hello2", "what are your opening hours?")})).status,
            200);
  ASSERT_TRUE(WaitUntil([&] { return SentTo("447700900002").size() > first_answer; }));
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return Settled(*database); }));
  auto sent = SentTo("447700900002");
  auto rows = database->outbox().ListOutbound("UK_BUTCHER", "+447700900002", 100);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(sent.size(), rows->size()) << "every reply sent once";
  std::set<std::string> references;
  for (const auto& r : sent) {
    EXPECT_EQ(r.path, std::string("/v21.0/") + kPhoneId + "/messages");
    EXPECT_EQ(r.json["messaging_product"], "whatsapp");
    EXPECT_TRUE(references.insert(r.json.value("biz_opaque_callback_data", "")).second) << "sent twice: " << r.body;
  }
  for (const auto& row : *rows) {
    EXPECT_EQ(row.state, "sent") << row.error;
    EXPECT_TRUE(row.provider_message_id.starts_with("wamid.FAKE"));
  }
  HttpReply ready = Request(server_->port(), "GET", "/readyz");
  EXPECT_NE(ready.body.find("0 to answer, 0 to send"), std::string::npos) << ready.body;
  // Meta's delivery statuses move the outbox message forward.
  const auto& first = rows->front();
  json status = {{"id", first.provider_message_id},
                 {"status", "read"},
                 {"timestamp", std::to_string(NowSeconds())},
                 {"recipient_id", "447700900002"}};
  HttpReply receipt = PostMeta(MetaBody({}, kPhoneId, {status}));
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(receipt.Json().value("statuses", -1), 1);
  EXPECT_EQ(database->outbox().GetOutbound("UK_BUTCHER", first.id)->state, "read");
}

TEST_F(WhatsAppTest, LocationAndMediaGetTheirOwnAnswers) {
  json location = {{"from", "447700900003"},
                   {"id", "wamid.loc1"},
                   {"timestamp", std::to_string(NowSeconds())},
                   {"type", "location"},
                   {"location", {{"latitude", 53.7950}, {"longitude", -1.7594}}}};
  ASSERT_EQ(PostMeta(MetaBody({location})).status, 200);
  ASSERT_TRUE(WaitUntil([&] { return !SentTo("447700900003").empty(); }));
  std::string first = SentTo("447700900003").front().body;
  EXPECT_NE(first.find("nearest branch"), std::string::npos) << first;
  json image = {{"from", "447700900004"},
                {"id", "wamid.img1"},
                {"timestamp", std::to_string(NowSeconds())},
                {"type", "image"},
                {"image", {{"id", "MEDIA1"}, {"mime_type", "image/jpeg"}}}};
  ASSERT_EQ(PostMeta(MetaBody({image})).status, 200);
  ASSERT_TRUE(WaitUntil([&] { return !SentTo("447700900004").empty(); }));
  EXPECT_NE(SentTo("447700900004").front().body.find("only read text"), std::string::npos);
}

TEST_F(WhatsAppTest, ProviderErrorsAreRetriedUntilAccepted) {
  fakes_->FailNext(2, 500);
  fakes_->FailNext(1, 429, "0");
  ASSERT_EQ(PostMeta(MetaBody({TextMessage("447700900005", "wamid.retry1", "hello")})).status, 200);
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return !SentTo("447700900005").empty() && Settled(*database); }));
  size_t attempts = 0;
  for (const auto& r : fakes_->requests()) attempts += r.json.value("to", "") == "447700900005";
  auto rows = database->outbox().ListOutbound("UK_BUTCHER", "+447700900005", 100);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(attempts, rows->size() + 3) << "three refusals, then each reply once";
  EXPECT_EQ(SentTo("447700900005").size(), rows->size());
}

TEST_F(WhatsAppTest, AThousandDeliveriesWithDuplicatesOutOfOrderAreAnsweredExactlyOnce) {
  // 800 messages from 40 shoppers, 200 of them delivered twice, all shuffled.
  std::vector<std::string> bodies;
  for (int i = 0; i < 800; ++i) {
    std::string from = "4477009010" + std::to_string(10 + i % 40);
    bodies.push_back(MetaBody({TextMessage(from, "wamid.bulk" + std::to_string(i), i % 2 ? "hello" : "lamb chops")}));
  }
  std::mt19937 random(14);
  for (int i = 0; i < 200; ++i) bodies.push_back(bodies[random() % 800]);
  std::shuffle(bodies.begin(), bodies.end(), random);
  int accepted = 0, duplicates = 0;
  for (const std::string& body : bodies) {
    HttpReply r = PostMeta(body);
    ASSERT_EQ(r.status, 200) << r.body;
    accepted += r.Json().value("accepted", 0);
    duplicates += r.Json().value("duplicates", 0);
  }
  EXPECT_EQ(accepted, 800);
  EXPECT_EQ(duplicates, 200);
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return Settled(*database); }, std::chrono::seconds(120)));
  size_t rows = 0;
  std::set<std::string> references;
  for (const auto& r : fakes_->accepted()) {
    EXPECT_TRUE(references.insert(r.json.value("biz_opaque_callback_data", "")).second) << "sent twice: " << r.body;
  }
  for (int s = 0; s < 40; ++s) {
    const std::string shopper = "+4477009010" + std::to_string(10 + s);
    auto in = database->inbox().ListInbound("UK_BUTCHER", shopper, 1000);
    auto out = database->outbox().ListOutbound("UK_BUTCHER", shopper, 1000);
    ASSERT_TRUE(in.ok() && out.ok());
    EXPECT_EQ(in->size(), 20u);
    std::set<int64_t> answered;
    for (const auto& m : *out) {
      EXPECT_EQ(m.state, "sent");
      if (m.inbound_id) answered.insert(*m.inbound_id);
    }
    for (const auto& m : *in) {
      EXPECT_EQ(m.state, "done") << m.error;
      EXPECT_TRUE(answered.count(m.id)) << "message " << m.message_id << " never answered";
    }
    rows += out->size();
  }
  EXPECT_EQ(references.size(), rows) << "every reply sent exactly once";
}

TEST_F(WhatsAppTest, KilledBetweenAcknowledgementAndReplyAnswersExactlyOnceAfterRestart) {
  // The provider is down: replies wait in the outbox (or turns wait in the
  // inbox) when the process dies.
  fakes_->FailNext(1'000'000, 503);
  for (int i = 0; i < 20; ++i) {
    std::string from = "4477009020" + std::to_string(10 + i % 5);
    ASSERT_EQ(PostMeta(MetaBody({TextMessage(from, "wamid.crash" + std::to_string(i), "hello")})).status, 200);
  }
  ASSERT_TRUE(WaitUntil([&] { return !fakes_->requests().empty(); }));
  server_->Kill();
  {
    auto database = Database();
    ASSERT_TRUE(database);
    EXPECT_GT(*database->inbox().CountPendingInbound() + *database->outbox().CountUnsentOutbound(), 0)
        << "the crash left nothing unanswered: the test proves nothing";
  }
  fakes_->ClearFailures();  // the provider is back
  ASSERT_TRUE(server_->Start()) << server_->output();
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return Settled(*database); }, std::chrono::seconds(60)));
  std::set<std::string> references;
  for (const auto& r : fakes_->accepted()) {
    EXPECT_TRUE(references.insert(r.json.value("biz_opaque_callback_data", "")).second) << "sent twice: " << r.body;
  }
  size_t rows = 0;
  for (int s = 0; s < 5; ++s) {
    const std::string shopper = "+4477009020" + std::to_string(10 + s);
    auto in = database->inbox().ListInbound("UK_BUTCHER", shopper, 100);
    auto out = database->outbox().ListOutbound("UK_BUTCHER", shopper, 100);
    ASSERT_TRUE(in.ok() && out.ok());
    EXPECT_EQ(in->size(), 4u);
    std::set<int64_t> answered;
    for (const auto& m : *out) {
      EXPECT_EQ(m.state, "sent") << m.error;
      if (m.inbound_id) answered.insert(*m.inbound_id);
    }
    for (const auto& m : *in) EXPECT_TRUE(answered.count(m.id)) << m.message_id << " never answered";
    rows += out->size();
  }
  EXPECT_EQ(references.size(), rows) << "every reply sent exactly once across the crash";
}

TEST_F(WhatsAppTest, StaffRepliesGoOutThroughTheOutboxAndPauseTheBot) {
  const std::string shopper = "447700900777";
  ASSERT_EQ(PostMeta(MetaBody({TextMessage(shopper, "wamid.staff1", "hello")})).status, 200);
  ASSERT_TRUE(WaitUntil([&] { return !SentTo(shopper).empty(); }));
  auto user = RunAiv7WithInput(
      {"user", "add", "--email", "owner@butcher.test", "--role", "owner", "--tenant", "UK_BUTCHER", "--password-stdin"},
      server_->env(), "correct horse battery staple\n");
  ASSERT_EQ(user.exit_code, 0) << user.output;
  HttpReply login = Request(server_->port(), "POST", "/admin/api/login",
                            json{{"email", "owner@butcher.test"}, {"password", "correct horse battery staple"}}.dump(),
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie;
  for (const auto& c : login.set_cookies) {
    if (c.rfind("aiv7_session=", 0) == 0) cookie = c.substr(0, c.find(';'));
  }
  Headers auth = {
      {"Cookie", cookie}, {"X-CSRF-Token", login.Json().value("csrf_token", "")}, {"Content-Type", "application/json"}};
  const std::string leads = "/admin/api/tenants/UK_BUTCHER/leads";
  json lead;
  ASSERT_TRUE(WaitUntil([&] {
    json page = Request(server_->port(), "GET", leads + "?q=447700900777", "", auth).Json();
    if (page.value("total", 0) < 1) return false;
    lead = page["leads"][0];
    return true;
  })) << "no lead for the WhatsApp shopper";
  EXPECT_EQ(lead["phone"], "+" + shopper) << "the lead gets the number without asking";
  EXPECT_EQ(lead["name"], "Sam Shopper") << "and the profile name";
  EXPECT_EQ(lead["channel"], "whatsapp");
  const std::string path = leads + "/" + std::to_string(lead["id"].get<int64_t>()) + "/whatsapp";

  const size_t bot_replies = SentTo(shopper).size();
  Headers once = auth;
  once.emplace_back("Idempotency-Key", "staff-reply-1");
  HttpReply sent =
      Request(server_->port(), "POST", path, json{{"text", "Hi Sam, Jo from the shop here."}}.dump(), once);
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(sent.Json()["templated"], false) << "within 24 hours: free text";
  HttpReply retried =
      Request(server_->port(), "POST", path, json{{"text", "Hi Sam, Jo from the shop here."}}.dump(), once);
  ASSERT_EQ(retried.status, 202);
  EXPECT_EQ(retried.Json()["outbox_ids"], sent.Json()["outbox_ids"]) << "the same request queues nothing new";
  ASSERT_TRUE(WaitUntil([&] { return SentTo(shopper).size() == bot_replies + 1; }));
  EXPECT_EQ(SentTo(shopper).back().json["text"]["body"], "Hi Sam, Jo from the shop here.");
  // Staff have the conversation now: the bot stays quiet.
  ASSERT_EQ(PostMeta(MetaBody({TextMessage(shopper, "wamid.staff2", "how much are lamb chops?")})).status, 200);
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return Settled(*database); }));
  EXPECT_EQ(SentTo(shopper).size(), bot_replies + 1) << "the bot answered during hand-off";
  json conversation = Request(server_->port(), "GET", path, "", auth).Json();
  ASSERT_TRUE(conversation["messages"].is_array()) << conversation.dump();
  bool staff_seen = false;
  for (const json& m : conversation["messages"]) {
    if (m["author"] == "staff:owner@butcher.test") {
      staff_seen = true;
      EXPECT_EQ(m["status"], "sent");
    }
  }
  EXPECT_TRUE(staff_seen) << conversation.dump();
  EXPECT_EQ(Request(server_->port(), "POST", path, json{{"text", 5}}.dump(), auth).status, 400);

  // The owner API sets secrets write-only: names come back, never values.
  const std::string secrets = "/admin/api/tenants/UK_BUTCHER/secrets";
  HttpReply set = Request(server_->port(), "PUT", secrets + "/whatsapp.verify_token",
                          json{{"value", "rotated-verify-token"}}.dump(), auth);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.body.find("rotated-verify-token"), std::string::npos);
  HttpReply listed = Request(server_->port(), "GET", secrets, "", auth);
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("whatsapp.access_token"), std::string::npos);
  EXPECT_EQ(listed.body.find(kAccessToken), std::string::npos);
  EXPECT_EQ(Request(server_->port(), "PUT", secrets + "/stripe.key", json{{"value", "x"}}.dump(), auth).status, 400);
  EXPECT_EQ(Request(server_->port(), "GET", "/admin/api/tenants/US_BIKES/secrets", "", auth).status, 403);
  EXPECT_EQ(Request(server_->port(), "GET",
                    "/whatsapp_webhook?hub.mode=subscribe&hub.verify_token=rotated-verify-token&hub.challenge=7")
                .body,
            "7")
      << "the new token is in force at once";
}

TEST_F(WhatsAppTest, TwilioMessagesAreSignedRecordedOnceAndAnsweredThroughTheRestApi) {
  services::FormParams message = {{"SmsMessageSid", "SM11111111111111111111111111111111"},
                                  {"MessageSid", "SM11111111111111111111111111111111"},
                                  {"AccountSid", kTwilioSid},
                                  {"From", "whatsapp:+15035550123"},
                                  {"To", kTwilioNumber},
                                  {"Body", "do you sell helmets?"},
                                  {"NumMedia", "0"},
                                  {"ProfileName", "Pat"},
                                  {"WaId", "15035550123"}};
  HttpReply bad = PostTwilio(message, "/whatsapp_webhook/twilio", "wrong-token");
  EXPECT_EQ(bad.status, 403) << bad.body;
  HttpReply ok = PostTwilio(message);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Header("content-type").rfind("text/xml", 0), 0u);
  EXPECT_NE(ok.body.find("<Response>"), std::string::npos);
  EXPECT_EQ(PostTwilio(message).status, 200) << "a redelivery is acknowledged";
  auto twilio_sends = [&] {
    std::vector<testing_support::ProviderRequest> out;
    for (auto& r : fakes_->accepted()) {
      if (r.provider == "twilio") out.push_back(r);
    }
    return out;
  };
  ASSERT_TRUE(WaitUntil([&] { return !twilio_sends().empty(); })) << server_->output();
  auto database = Database();
  ASSERT_TRUE(WaitUntil([&] { return Settled(*database); }));
  auto rows = database->outbox().ListOutbound("US_BIKES", "+15035550123", 100);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(twilio_sends().size(), rows->size()) << "answered once";
  const auto first = twilio_sends().front();
  EXPECT_EQ(first.path, std::string("/2010-04-01/Accounts/") + kTwilioSid + "/Messages.json");
  EXPECT_EQ(first.json["From"], kTwilioNumber);
  EXPECT_EQ(first.json["To"], "whatsapp:+15035550123");
  std::string callback = first.json.value("StatusCallback", "");
  ASSERT_EQ(callback.rfind(std::string(kPublicBase) + "/whatsapp_webhook/twilio?outbox=", 0), 0u) << callback;
  // Twilio's status callback, signed over the callback URL, moves it on.
  std::string target = callback.substr(std::string(kPublicBase).size());
  services::FormParams status = {{"MessageSid", rows->front().provider_message_id},
                                 {"AccountSid", kTwilioSid},
                                 {"From", kTwilioNumber},
                                 {"To", "whatsapp:+15035550123"},
                                 {"MessageStatus", "delivered"}};
  HttpReply receipt = PostTwilio(status, target);
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(database->outbox().GetOutbound("US_BIKES", rows->front().id)->state, "delivered");
}

}  // namespace
