// The live inbox over HTTP against the real server: staff replies, the
// shopper's message feed (/chat_api/messages) and the long polls that carry
// both (issue 15).
#include <gtest/gtest.h>

#include <future>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/wait.h"

namespace {

using nlohmann::json;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::RunAiv7WithInput;
using testing_support::ServerProcess;

constexpr char kPassword[] = "brisket-and-bikes-42";

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::map<std::string, std::string>{{"ARGON2_MEMORY_KIB", "64"}, {"ARGON2_ITERATIONS", "1"}});
    ASSERT_TRUE(server_->Start()) << server_->output();
    for (auto [email, role, tenant] : {std::tuple{"owner@butcher.test", "owner", "UK_BUTCHER"},
                                       std::tuple{"staff@butcher.test", "staff", "UK_BUTCHER"},
                                       std::tuple{"owner@bikes.test", "owner", "US_BIKES"}}) {
      auto r =
          RunAiv7WithInput({"user", "add", "--email", email, "--role", role, "--tenant", tenant, "--password-stdin"},
                           server_->env(), std::string(kPassword) + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  Headers SignIn(const std::string& email) {
    HttpReply r = Send("POST", "/admin/api/login", json{{"email", email}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Headers h;
    for (const auto& c : r.set_cookies) {
      if (c.rfind("aiv7_session=", 0) == 0) h.emplace_back("Cookie", c.substr(0, c.find(';')));
    }
    h.emplace_back("X-CSRF-Token", r.Json().value("csrf_token", ""));
    return h;
  }

  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 Headers headers = {}) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return testing_support::Request(server_->port(), method, target, body, headers);
  }

  json Chat(const std::string& message, std::string& session) {
    json body = {{"message", message}, {"tenant", "UK_BUTCHER"}};
    if (!session.empty()) body["session_id"] = session;
    HttpReply r = Send("POST", "/chat_api", body.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    json j = r.Json();
    session = j.value("session_id", session);
    return j;
  }

  // The lead of `session`, once the write queue has committed it.
  int64_t LeadOf(const Headers& who, const std::string& session) {
    int64_t id = 0;
    std::string last;
    testing_support::WaitUntil([&] {
      HttpReply r = Send("GET", "/admin/api/tenants/UK_BUTCHER/leads?limit=500", "", who);
      last = r.body;
      json page = r.Json();
      for (const auto& l : page["leads"]) {
        if (l["session"] == session) id = l["id"].get<int64_t>();
      }
      return id != 0;
    });
    EXPECT_NE(id, 0) << "no lead for session " << session << ": " << last;
    return id;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(InboxTest, StaffReplyTakesOverAndReachesTheShopperThroughALongPoll) {
  Headers owner = SignIn("owner@butcher.test");
  std::string session;
  Chat("how much are lamb chops?", session);
  ASSERT_EQ(session.size(), 32u);
  int64_t lead = LeadOf(owner, session);
  ASSERT_NE(lead, 0);

  const std::string feed = "/chat_api/messages?tenant=UK_BUTCHER&session_id=" + session;
  HttpReply history = Send("GET", feed);
  ASSERT_EQ(history.status, 200) << history.body;
  json h = history.Json();
  ASSERT_EQ(h["messages"].size(), 2u) << h.dump();
  EXPECT_EQ(h["messages"][0]["role"], "user");
  EXPECT_EQ(h["messages"][1]["role"], "bot");
  EXPECT_FALSE(h["handoff"]);
  int64_t cursor = h["cursor"];
  EXPECT_EQ(history.Header("cache-control"), "no-store");

  // A long poll with nothing new waits; the staff reply wakes it.
  auto waiting = std::async(std::launch::async,
                            [&] { return Send("GET", feed + "&after=" + std::to_string(cursor) + "&wait=20"); });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the poll answered before anything changed";
  HttpReply sent = Send("POST", "/admin/api/tenants/UK_BUTCHER/leads/" + std::to_string(lead) + "/messages",
                        json{{"text", "Hello from the counter"}}.dump(), owner);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.Json()["message"]["role"], "staff");
  HttpReply woke = waiting.get();
  ASSERT_EQ(woke.status, 200) << woke.body;
  json w = woke.Json();
  ASSERT_FALSE(w["messages"].empty()) << w.dump();
  EXPECT_EQ(w["messages"].back()["role"], "staff");
  EXPECT_EQ(w["messages"].back()["text"], "Hello from the counter");
  EXPECT_TRUE(w["handoff"]) << "a staff reply takes the conversation over";
  EXPECT_GT(w["cursor"].get<int64_t>(), cursor);

  // The bot stays quiet now, and the lead shows the takeover.
  json held = Chat("and beef mince?", session);
  EXPECT_EQ(held["intent"], "human_handoff") << held.dump();
  HttpReply l = Send("GET", "/admin/api/tenants/UK_BUTCHER/leads/" + std::to_string(lead), "", owner);
  EXPECT_TRUE(l.Json()["handoff"]);
  HttpReply transcript =
      Send("GET", "/admin/api/tenants/UK_BUTCHER/leads/" + std::to_string(lead) + "/transcript", "", owner);
  bool found = false;
  json turns = transcript.Json();
  for (const auto& m : turns["messages"]) found = found || (m["role"] == "staff");
  EXPECT_TRUE(found) << transcript.body;
  HttpReply audit = Send("GET", "/admin/api/tenants/UK_BUTCHER/audit", "", owner);
  EXPECT_NE(audit.body.find("lead.reply"), std::string::npos) << audit.body;
}

TEST_F(InboxTest, InboxChangesWakeOnAShopperTurn) {
  Headers staff = SignIn("staff@butcher.test");
  HttpReply first = Send("GET", "/admin/api/tenants/UK_BUTCHER/inbox/changes", "", staff);
  ASSERT_EQ(first.status, 200) << first.body;
  int64_t stamp = first.Json()["stamp"];
  EXPECT_EQ(first.Header("cache-control"), "no-store");

  auto waiting = std::async(std::launch::async, [&] {
    return Send("GET", "/admin/api/tenants/UK_BUTCHER/inbox/changes?wait=20&since=" + std::to_string(stamp), "", staff);
  });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  std::string session;
  Chat("hello", session);
  HttpReply woke = waiting.get();
  ASSERT_EQ(woke.status, 200) << woke.body;
  EXPECT_NE(woke.Json()["stamp"].get<int64_t>(), stamp);
  EXPECT_EQ(woke.Header("cache-control"), "no-store") << "the guard's headers reach the deferred answer";

  // A stamp from an earlier process (larger than any now) is answered at once.
  HttpReply stale = Send("GET", "/admin/api/tenants/UK_BUTCHER/inbox/changes?wait=20&since=999999999", "", staff);
  EXPECT_EQ(stale.status, 200);
  // Another shop's inbox is not this owner's.
  HttpReply other = Send("GET", "/admin/api/tenants/US_BIKES/inbox/changes", "", staff);
  EXPECT_EQ(other.status, 403);
  HttpReply anonymous = Send("GET", "/admin/api/tenants/UK_BUTCHER/inbox/changes");
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(InboxTest, BadRepliesAndForeignSessionsAreRefused) {
  Headers owner = SignIn("owner@butcher.test");
  Headers bikes = SignIn("owner@bikes.test");
  std::string session;
  Chat("hello", session);
  int64_t lead = LeadOf(owner, session);
  ASSERT_NE(lead, 0);
  const std::string path = "/admin/api/tenants/UK_BUTCHER/leads/" + std::to_string(lead) + "/messages";

  EXPECT_EQ(Send("POST", path, json{{"text", "   "}}.dump(), owner).status, 400);
  EXPECT_EQ(Send("POST", path, json{{"text", 5}}.dump(), owner).status, 400);
  EXPECT_EQ(Send("POST", path, json{{"text", "hi"}, {"html", "<b>"}}.dump(), owner).status, 400);
  EXPECT_EQ(Send("POST", path, json{{"text", std::string(4001, 'x')}}.dump(), owner).status, 413);
  EXPECT_EQ(
      Send("POST", "/admin/api/tenants/UK_BUTCHER/leads/999999/messages", json{{"text", "hi"}}.dump(), owner).status,
      404);
  EXPECT_EQ(Send("POST", "/admin/api/tenants/UK_BUTCHER/leads/" + std::to_string(lead) + "/messages",
                 json{{"text", "hi"}}.dump(), bikes)
                .status,
            403);
  Headers no_csrf = {owner[0]};
  EXPECT_EQ(Send("POST", path, json{{"text", "hi"}}.dump(), no_csrf).status, 403);
  // Nothing of the refused replies was stored.
  HttpReply feed = Send("GET", "/chat_api/messages?tenant=UK_BUTCHER&session_id=" + session);
  json thread = feed.Json();
  for (const auto& m : thread["messages"]) EXPECT_NE(m["role"], "staff") << feed.body;

  // Only ids the server hands to web chats are served: WhatsApp's are guessable.
  EXPECT_EQ(Send("GET", "/chat_api/messages?tenant=UK_BUTCHER&session_id=wa-447700900123").status, 400);
  EXPECT_EQ(Send("GET", "/chat_api/messages?tenant=UK_BUTCHER&session_id=" + session + "&after=-1").status, 400);
  EXPECT_EQ(Send("GET", "/chat_api/messages?tenant=UK_BUTCHER&session_id=" + session + "&wait=99").status, 400);
  // The same session id under another shop is another (empty) conversation.
  HttpReply other = Send("GET", "/chat_api/messages?tenant=US_BIKES&session_id=" + session);
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(other.Json()["messages"].empty());
}

}  // namespace
