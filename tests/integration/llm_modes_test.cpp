// MODE=V6 and V7 of the real binary against the fake OpenAI-compatible
// server (tests/fakes/fake_llm_server.h): a faithful model's text reaches
// the shopper with mode_used; a lying model's never does; a dead or slow
// model costs the shopper nothing but the V5 answer.
#include <gtest/gtest.h>

#include "fakes/fake_llm_replies.h"
#include "fakes/fake_llm_server.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::HttpReply;
using testing_support::Request;
using testing_support::ServerProcess;

constexpr const char* kApiKey = "sk-test-0123456789abcdef-never-logged";

std::map<std::string, std::string> ModelEnv(const std::string& mode, const std::string& base_url) {
  return {{"MODE", mode},           {"LLM_BASE_URL", base_url}, {"LLM_MODEL", "test-model"},
          {"LLM_API_KEY", kApiKey}, {"LLM_TIMEOUT_MS", "5000"}, {"LOG_LEVEL", "debug"}};
}

json Chat(const ServerProcess& server, const std::string& message, const std::string& session = "",
          const std::string& tenant = "UK_BUTCHER") {
  json body = {{"message", message}, {"tenant", tenant}};
  if (!session.empty()) body["session_id"] = session;
  HttpReply r = Request(server.port(), "POST", "/chat_api", body.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  return r.Json();
}

TEST(LlmModesTest, V6ShowsTheFaithfulModelsTextAndNeverLogsTheKey) {
  fakes::FakeLlmServer model;
  model.SetResponder(fakes::FaithfulResponder("[ai] "));
  ServerProcess server(ModelEnv("V6", model.base_url()));
  ASSERT_TRUE(server.Start()) << server.output();
  json j = Chat(server, "how much are lamb chops?");
  EXPECT_EQ(j["mode_used"], "V6") << j.dump();
  EXPECT_EQ(j["reply"].get<std::string>().rfind("[ai] ", 0), 0u) << j.dump();
  EXPECT_TRUE(j["llm"]["used"].get<bool>());
  EXPECT_GT(j["llm"]["tokens"].get<int>(), 0);
  EXPECT_EQ(j["intent"], "price_check");
  ASSERT_EQ(model.request_count(), 1u);
  auto request = model.requests()[0];
  EXPECT_EQ(request.target, "/v1/chat/completions");
  EXPECT_EQ(request.Header("authorization"), std::string("Bearer ") + kApiKey);
  EXPECT_EQ(request.json["model"], "test-model");
  server.Stop();
  EXPECT_EQ(server.output().find(kApiKey), std::string::npos);
}

TEST(LlmModesTest, ALyingModelNeverReachesTheShopper) {
  fakes::FakeLlmServer model;
  model.SetResponder(fakes::LiarResponder());
  for (const std::string mode : {"V6", "V7"}) {
    ServerProcess server(ModelEnv(mode, model.base_url()));
    ASSERT_TRUE(server.Start()) << server.output();
    std::string session;
    int shown = 0;
    for (const std::string message : {"how much are lamb chops?", "do you deliver to LS6 2AB?", "when are you open?",
                                      "add 1kg lamb chops", "what's in my basket?", "do you have any offers?",
                                      "where are you?", "how much is delivery?", "is the lamb halal?", "thanks"}) {
      json j = Chat(server, message, session);
      session = j["session_id"];
      std::string reply = j["reply"];
      for (const auto& tell : fakes::LiarTells()) {
        EXPECT_EQ(reply.find(tell), std::string::npos) << mode << " let \"" << tell << "\" through: " << reply;
      }
      EXPECT_EQ(j["mode_used"], "V5") << j.dump();
      if (j["llm"]["used"].get<bool>()) ++shown;
      EXPECT_EQ(j["llm"]["rejected_reason"].get<std::string>().rfind("ungrounded: ", 0), 0u) << j.dump();
    }
    EXPECT_EQ(shown, 0);
  }
}

TEST(LlmModesTest, V7CallsToolsAndAnswers) {
  fakes::FakeLlmServer model;
  model.SetResponder(fakes::FaithfulResponder("[ai] "));
  ServerProcess server(ModelEnv("V7", model.base_url()));
  ASSERT_TRUE(server.Start()) << server.output();
  json j = Chat(server, "how much are lamb chops?");
  EXPECT_EQ(j["mode_used"], "V7") << j.dump();
  EXPECT_EQ(j["llm"]["tool_calls"], 1);
  EXPECT_EQ(j["reply"].get<std::string>().rfind("[ai] ", 0), 0u) << j.dump();
  ASSERT_EQ(model.request_count(), 2u);
  auto first = model.requests()[0].json;
  ASSERT_TRUE(first["tools"].is_array());
  EXPECT_EQ(first["tools"].size(), 12u);
  auto second = model.requests()[1].json;
  EXPECT_EQ(second["messages"].back()["role"], "tool");
}

TEST(LlmModesTest, ADeadOrSlowModelCostsOnlyTheTimeout) {
  fakes::FakeLlmServer slow;
  slow.SetResponder([](const fakes::RecordedRequest&) {
    fakes::LlmReply r = fakes::Completion("too late");
    r.delay = std::chrono::milliseconds(3000);
    return r;
  });
  auto env = ModelEnv("V6", slow.base_url());
  env["LLM_TIMEOUT_MS"] = "300";
  ServerProcess server(env);
  ASSERT_TRUE(server.Start()) << server.output();
  json j = Chat(server, "how much are lamb chops?");
  EXPECT_EQ(j["mode_used"], "V5");
  EXPECT_EQ(j["llm"]["rejected_reason"], "timeout") << j.dump();
  EXPECT_NE(j["reply"].get<std::string>().find("Lamb"), std::string::npos) << j.dump();
  server.Stop();

  // Nothing listens on this port once the fake is gone.
  std::string dead_url;
  {
    fakes::FakeLlmServer gone;
    dead_url = gone.base_url();
  }
  ServerProcess dead(ModelEnv("V7", dead_url));
  ASSERT_TRUE(dead.Start()) << dead.output();
  json d = Chat(dead, "how much are lamb chops?");
  EXPECT_EQ(d["mode_used"], "V5");
  EXPECT_FALSE(d["llm"]["used"].get<bool>());
  EXPECT_NE(d["llm"]["rejected_reason"], "");
}

TEST(LlmModesTest, V6WithoutAModelIsAClearStartUpError) {
  auto result = testing_support::RunAiv7({"serve"}, {{"MODE", "V6"}, {"PORT", "0"}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("MODE=V6 needs LLM_BASE_URL"), std::string::npos) << result.output;
}

}  // namespace
