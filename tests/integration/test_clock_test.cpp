// X-Test-Now on POST /chat_api against the real binary: honoured for one turn
// with ALLOW_TEST_CLOCK=1, refused when malformed, ignored when the flag is off.
#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

constexpr const char* kChristmasDay = "2026-12-25T11:00:00Z";  // UK_BUTCHER is closed
constexpr const char* kTuesday = "2026-12-01T10:00:00Z";       // UK_BUTCHER is open

class TestClockTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    allowed_ = new ServerProcess(std::map<std::string, std::string>{{"ALLOW_TEST_CLOCK", "1"}});
    ASSERT_TRUE(allowed_->Start()) << allowed_->output();
    normal_ = new ServerProcess();
    ASSERT_TRUE(normal_->Start()) << normal_->output();
  }
  static void TearDownTestSuite() {
    allowed_->Stop();
    normal_->Stop();
    delete allowed_;
    delete normal_;
  }
  static HttpReply Ask(const ServerProcess& server, const std::string& message, std::optional<std::string> test_now,
                       const std::string& session_id = "") {
    json body = {{"message", message}, {"tenant", "UK_BUTCHER"}, {"channel", "api"}};
    if (!session_id.empty()) body["session_id"] = session_id;
    testing_support::Headers headers;
    if (test_now) headers.emplace_back("X-Test-Now", *test_now);
    return Request(server.port(), "POST", "/chat_api", body.dump(), headers);
  }
  static std::string Reply(const HttpReply& r) { return r.Json().value("reply", ""); }

  static ServerProcess* allowed_;
  static ServerProcess* normal_;
};

ServerProcess* TestClockTest::allowed_ = nullptr;
ServerProcess* TestClockTest::normal_ = nullptr;

TEST_F(TestClockTest, AllowedServerWarnsLoudlyAtStart) {
  EXPECT_NE(allowed_->output().find("ALLOW_TEST_CLOCK is ON"), std::string::npos) << allowed_->output();
  EXPECT_EQ(normal_->output().find("ALLOW_TEST_CLOCK is ON"), std::string::npos) << normal_->output();
}

TEST_F(TestClockTest, HeaderSetsTheTimeOfThatTurnOnly) {
  HttpReply christmas = Ask(*allowed_, "are you open today?", kChristmasDay);
  ASSERT_EQ(christmas.status, 200) << christmas.body;
  EXPECT_NE(Reply(christmas).find("Christmas Day"), std::string::npos) << christmas.body;
  EXPECT_EQ(christmas.Header("x-test-now"), kChristmasDay) << "the applied time is echoed";

  // Same conversation, next turn at another time: nothing of the first sticks.
  std::string session = christmas.Json()["session_id"];
  HttpReply tuesday = Ask(*allowed_, "are you open today?", kTuesday, session);
  ASSERT_EQ(tuesday.status, 200) << tuesday.body;
  EXPECT_EQ(Reply(tuesday).find("Christmas"), std::string::npos) << tuesday.body;
  EXPECT_EQ(tuesday.Header("x-test-now"), kTuesday);

  HttpReply real = Ask(*allowed_, "are you open today?", std::nullopt, session);
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(real.Header("x-test-now"), "") << "without the header the server's clock is used";
}

TEST_F(TestClockTest, MalformedHeaderIsA400WhenAllowed) {
  for (const char* bad : {"tomorrow", "2026-12-25", "2026-13-01T10:00:00Z", "2026-12-25T11:00:00+01:00",
                          "2026-12-25T11:00:00Z trailing"}) {
    HttpReply r = Ask(*allowed_, "are you open today?", bad);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    json error = r.Json()["error"];
    EXPECT_EQ(error["code"], "invalid_argument") << r.body;
    EXPECT_NE(error["message"].get<std::string>().find("X-Test-Now"), std::string::npos) << r.body;
    EXPECT_FALSE(error["request_id"].get<std::string>().empty()) << r.body;
  }
}

TEST_F(TestClockTest, HeaderIsIgnoredWhenNotAllowed) {
  HttpReply malformed = Ask(*normal_, "are you open today?", "tomorrow");
  EXPECT_EQ(malformed.status, 200) << "not even parsed: " << malformed.body;
  // Both turns run at the server's real time, whatever the header says.
  HttpReply christmas = Ask(*normal_, "are you open today?", kChristmasDay);
  HttpReply tuesday = Ask(*normal_, "are you open today?", kTuesday);
  ASSERT_EQ(christmas.status, 200) << christmas.body;
  ASSERT_EQ(tuesday.status, 200) << tuesday.body;
  EXPECT_EQ(Reply(christmas), Reply(tuesday));
  EXPECT_EQ(christmas.Header("x-test-now"), "");
  EXPECT_EQ(tuesday.Header("x-test-now"), "");
}

}  // namespace
