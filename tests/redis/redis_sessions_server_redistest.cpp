// The real `aiv7 serve` with REDIS_URL: a conversation keeps its memory across
// turns and across a restart of aiv7 itself.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/redis_server.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::HttpReply;
using testing_support::RedisServer;
using testing_support::Request;
using testing_support::ServerProcess;

HttpReply Chat(const ServerProcess& server, const std::string& message, const std::string& session = "") {
  json body = {{"message", message}, {"tenant", "UK_BUTCHER"}};
  if (!session.empty()) body["session_id"] = session;
  return Request(server.port(), "POST", "/chat_api", body.dump());
}

// True when a fact of the reply comes from delivery zone `zone`.
bool CitesZone(const HttpReply& r, const std::string& zone) {
  json j = r.Json();
  if (!j.is_object() || !j.contains("facts")) return false;
  for (const auto& f : j["facts"]) {
    if (f.value("key", "") == zone) return true;
  }
  return false;
}

std::string Reply(const HttpReply& r) {
  json j = r.Json();
  return j.is_object() && j.contains("reply") ? j["reply"].get<std::string>() : r.body;
}

TEST(RedisSessionsServerTest, ConversationSurvivesARestartOfAiv7) {
  if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
  RedisServer redis;
  ASSERT_TRUE(redis.Start()) << redis.log();

  std::string session;
  {
    ServerProcess first({{"REDIS_URL", redis.url()}});
    ASSERT_TRUE(first.Start()) << first.output();
    HttpReply ask = Chat(first, "do you deliver?");
    ASSERT_EQ(ask.status, 200) << ask.body;
    session = ask.Json()["session_id"];
    EXPECT_NE(Reply(ask).find("postcode"), std::string::npos) << ask.body;

    HttpReply fee = Chat(first, "LS6 2AB", session);
    ASSERT_EQ(fee.status, 200) << fee.body;
    EXPECT_EQ(fee.Json()["intent"], "check_delivery") << fee.body;
    EXPECT_NE(Reply(fee).find("£3.50"), std::string::npos) << fee.body;
    EXPECT_EQ(first.Stop(), 0) << first.output();
  }

  // A new process with its own DATA_DIR: only Redis remembers the shopper.
  ServerProcess second({{"REDIS_URL", redis.url()}});
  ASSERT_TRUE(second.Start()) << second.output();
  HttpReply minimum = Chat(second, "what's the minimum order?", session);
  ASSERT_EQ(minimum.status, 200) << minimum.body;
  EXPECT_NE(Reply(minimum).find("£25.00"), std::string::npos) << minimum.body;
  EXPECT_TRUE(CitesZone(minimum, "leeds-north-west")) << "remembered LS6 2AB: " << minimum.body;
  HttpReply stranger = Chat(second, "what's the minimum order?");
  EXPECT_FALSE(CitesZone(stranger, "leeds-north-west")) << "control without the session: " << stranger.body;
}

TEST(RedisSessionsServerTest, ReadinessReportsRedisDownAndTurnsStillWork) {
  if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
  RedisServer redis;
  ASSERT_TRUE(redis.Start()) << redis.log();
  ServerProcess server({{"REDIS_URL", redis.url()}});
  ASSERT_TRUE(server.Start()) << server.output();
  EXPECT_EQ(Request(server.port(), "GET", "/readyz").status, 200);

  redis.Stop();
  HttpReply ready = Request(server.port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_NE(ready.body.find("sessions"), std::string::npos) << ready.body;
  HttpReply turn = Chat(server, "how much are lamb chops?");
  EXPECT_EQ(turn.status, 200) << "a new conversation goes on while Redis is away: " << turn.body;

  ASSERT_TRUE(redis.Start()) << redis.log();
  EXPECT_EQ(Request(server.port(), "GET", "/readyz").status, 200);
}

// Issue 10 item 8: Redis stalls for one turn. The turn of an existing
// conversation cannot read its session: it is refused (503, retry) instead of
// being answered as a fresh conversation whose late write would replace the
// real session and lose the basket.
TEST(RedisSessionsServerTest, AStalledRedisNeverCostsAConversationItsBasket) {
  if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
  RedisServer redis;
  ASSERT_TRUE(redis.Start()) << redis.log();
  ServerProcess server({{"REDIS_URL", redis.url()}});
  ASSERT_TRUE(server.Start()) << server.output();
  HttpReply add = Chat(server, "add 2kg lamb chops to my basket");
  ASSERT_EQ(add.status, 200) << add.body;
  const std::string session = add.Json()["session_id"];
  ASSERT_TRUE(add.Json().contains("cart")) << add.body;

  redis.Pause();
  HttpReply stalled = Chat(server, "what's in my basket?", session);
  redis.Resume();
  EXPECT_EQ(stalled.status, 503) << stalled.body;
  EXPECT_EQ(stalled.Json()["error"]["code"], "unavailable") << stalled.body;

  HttpReply view = Chat(server, "what's in my basket?", session);
  ASSERT_EQ(view.status, 200) << view.body;
  ASSERT_TRUE(view.Json().contains("cart")) << view.body;
  EXPECT_EQ(view.Json()["cart"]["lines"].size(), 1u) << "the basket survived the stall: " << view.body;
}

TEST(RedisSessionsServerTest, BadRedisUrlStopsStartUp) {
  ServerProcess server(std::map<std::string, std::string>{{"REDIS_URL", "redis://:topsecret@127.0.0.1:notaport"}});
  EXPECT_FALSE(server.Start());
  EXPECT_NE(server.output().find("REDIS_URL"), std::string::npos) << server.output();
  EXPECT_EQ(server.output().find("topsecret"), std::string::npos) << server.output();
}

}  // namespace
