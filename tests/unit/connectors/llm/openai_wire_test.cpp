#include "connectors/llm/openai_wire.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace connectors::llm {
namespace {

using nlohmann::json;

TEST(OpenAiWireTest, EncodesEveryRequestField) {
  LlmRequest request;
  request.messages = {{LlmRole::kSystem, "rules", {}, ""},
                      {LlmRole::kUser, "hi", {}, ""},
                      {LlmRole::kAssistant, "", {{"call_1", "get_product", R"({"sku":"A-1"})"}}, ""},
                      {LlmRole::kTool, R"({"ok":true})", {}, "call_1"}};
  request.tools = {{"get_product", "One product by SKU",
                    R"({"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]})"}};
  request.tool_choice = "auto";
  request.temperature = 0.1;
  request.max_tokens = 321;
  json body = json::parse(EncodeChatRequest(request, "gpt-test"));
  EXPECT_EQ(body["model"], "gpt-test");
  EXPECT_EQ(body["max_tokens"], 321);
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.1);
  ASSERT_EQ(body["messages"].size(), 4u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][1]["content"], "hi");
  EXPECT_TRUE(body["messages"][2]["content"].is_null());
  EXPECT_EQ(body["messages"][2]["tool_calls"][0]["function"]["arguments"], R"({"sku":"A-1"})");
  EXPECT_EQ(body["messages"][2]["tool_calls"][0]["type"], "function");
  EXPECT_EQ(body["messages"][3]["role"], "tool");
  EXPECT_EQ(body["messages"][3]["tool_call_id"], "call_1");
  EXPECT_EQ(body["tools"][0]["type"], "function");
  EXPECT_EQ(body["tools"][0]["function"]["parameters"]["required"][0], "sku");
  EXPECT_EQ(body["tool_choice"], "auto");
  EXPECT_FALSE(body.contains("stream"));
}

TEST(OpenAiWireTest, NoToolsMeansNoToolChoiceAndStreamAsksForUsage) {
  LlmRequest request;
  request.messages = {{LlmRole::kUser, "hi", {}, ""}};
  request.stream = true;
  json body = json::parse(EncodeChatRequest(request, "m"));
  EXPECT_FALSE(body.contains("tools"));
  EXPECT_FALSE(body.contains("tool_choice"));
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
}

TEST(OpenAiWireTest, ParsesContentToolCallsAndUsage) {
  auto r = ParseChatResponse(R"({"choices":[{"index":0,"message":{"role":"assistant","content":"Hello",
      "tool_calls":[{"id":"c1","type":"function","function":{"name":"cart_view","arguments":"{}"}}]},
      "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "Hello");
  EXPECT_EQ(r->finish_reason, "tool_calls");
  ASSERT_EQ(r->tool_calls.size(), 1u);
  EXPECT_EQ(r->tool_calls[0].id, "c1");
  EXPECT_EQ(r->tool_calls[0].name, "cart_view");
  EXPECT_EQ(r->tool_calls[0].arguments, "{}");
  EXPECT_EQ(r->tokens.prompt, 12);
  EXPECT_EQ(r->tokens.completion, 3);
}

TEST(OpenAiWireTest, KeepsMalformedArgumentsForTheCallerToJudge) {
  auto r = ParseChatResponse(R"({"choices":[{"message":{"content":null,"tool_calls":[{"id":"c","type":"function",
      "function":{"name":"cart_add","arguments":"{\"sku\": \"A-1\", quantity: }"}}]},"finish_reason":"tool_calls"}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "");
  EXPECT_EQ(r->tool_calls[0].arguments, R"({"sku": "A-1", quantity: })");
}

TEST(OpenAiWireTest, ArgumentsSentAsAnObjectBecomeText) {
  auto r = ParseChatResponse(R"({"choices":[{"message":{"tool_calls":[{"id":"c","function":{"name":"f",
      "arguments":{"sku":"A-1"}}}]}}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(json::parse(r->tool_calls[0].arguments)["sku"], "A-1");
}

TEST(OpenAiWireTest, RefusesWhatIsNotACompletion) {
  for (const char* body : {"", "[]", "not json", R"({"error":{"message":"bad key"}})", R"({"choices":[]})",
                           R"({"choices":[{"message":{"content":5}}]})", R"({"choices":[{"message":"hi"}]})",
                           R"({"choices":[{"message":{"content":"x"},"finish_reason":1}]})",
                           R"({"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":"many"}})",
                           R"({"choices":[{"message":{"tool_calls":{"id":"c"}}}]})",
                           R"({"choices":[{"message":{"tool_calls":[{"id":"c","function":{"name":7}}]}}]})"}) {
    auto r = ParseChatResponse(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidJson) << body;
  }
}

TEST(OpenAiWireTest, RefusesDeepNestingHugeBodiesAndTooManyCalls) {
  std::string deep =
      R"({"choices":[{"message":{"content":"x","extra":)" + std::string(200, '[') + std::string(200, ']') + "}}]}";
  EXPECT_FALSE(ParseChatResponse(deep).ok());
  EXPECT_FALSE(ParseChatResponse(std::string(kMaxResponseBytes + 1, ' ')).ok());
  json calls = json::array();
  for (size_t i = 0; i <= kMaxToolCalls; ++i) {
    calls.push_back({{"id", "c"}, {"function", {{"name", "f"}, {"arguments", "{}"}}}});
  }
  json body = {{"choices", {{{"message", {{"tool_calls", calls}}}}}}};
  EXPECT_FALSE(ParseChatResponse(body.dump()).ok());
  json big = {{"choices",
               {{{"message",
                  {{"tool_calls",
                    {{{"id", "c"},
                      {"function", {{"name", "f"}, {"arguments", std::string(kMaxArgumentBytes + 1, 'a')}}}}}}}}}}}};
  EXPECT_FALSE(ParseChatResponse(big.dump()).ok());
}

std::string Event(const std::string& json_text) { return "data: " + json_text + "\n\n"; }

TEST(SseAssemblerTest, AssemblesTextSplitAnywhere) {
  std::string stream =
      ": keep-alive comment\n\n" + Event(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})") +
      Event(R"({"choices":[{"index":0,"delta":{"content":"Lamb chops are "}}]})") +
      "event: message\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"£15.99/kg.\"}}]}\r\n\r\n" +
      Event(R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})") +
      Event(R"({"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4}})") + "data: [DONE]\n\n";
  // Byte by byte: every split point an event can arrive with.
  SseAssembler sse;
  for (char c : stream) ASSERT_TRUE(sse.Feed(std::string_view(&c, 1)).ok());
  ASSERT_TRUE(sse.done());
  auto r = sse.Finish();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "Lamb chops are £15.99/kg.");
  EXPECT_EQ(r->finish_reason, "stop");
  EXPECT_EQ(r->tokens.prompt, 9);
  EXPECT_EQ(r->tokens.completion, 4);
}

TEST(SseAssemblerTest, MergesToolCallArgumentsByIndex) {
  SseAssembler sse;
  std::string stream =
      Event(
          R"({"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"cart_add","arguments":""}}]}}]})") +
      Event(
          R"({"choices":[{"delta":{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"check_delivery","arguments":"{\"post"}}]}}]})") +
      Event(
          R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"sku\":\"LMB-001\","}}]}}]})") +
      Event(R"({"choices":[{"delta":{"tool_calls":[{"index":1,"function":{"arguments":"code\":\"LS6\"}"}}]}}]})") +
      Event(R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"quantity\":2}"}}]}}]})") +
      Event(R"({"choices":[{"delta":{},"finish_reason":"tool_calls"}]})") + "data: [DONE]\n\n";
  ASSERT_TRUE(sse.Feed(stream).ok());
  auto r = sse.Finish();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->tool_calls.size(), 2u);
  EXPECT_EQ(r->tool_calls[0].id, "a");
  EXPECT_EQ(r->tool_calls[0].name, "cart_add");
  EXPECT_EQ(json::parse(r->tool_calls[0].arguments)["quantity"], 2);
  EXPECT_EQ(r->tool_calls[1].name, "check_delivery");
  EXPECT_EQ(json::parse(r->tool_calls[1].arguments)["postcode"], "LS6");
  EXPECT_EQ(r->finish_reason, "tool_calls");
}

TEST(SseAssemblerTest, AStreamCutShortIsNotAReply) {
  SseAssembler sse;
  ASSERT_TRUE(sse.Feed(Event(R"({"choices":[{"delta":{"content":"half a sen"}}]})")).ok());
  EXPECT_FALSE(sse.done());
  EXPECT_FALSE(sse.Finish().ok());
}

TEST(SseAssemblerTest, MalformedChunksAndLimitsAreErrors) {
  for (std::string bad : {Event("{not json"), Event(R"({"error":{"message":"overloaded"}})"),
                          Event(R"({"choices":[{"delta":{"content":7}}]})"),
                          Event(R"({"choices":[{"delta":{"tool_calls":[{"function":{"name":"f"}}]}}]})"),
                          Event(R"({"choices":[{"delta":{"tool_calls":[{"index":99,"function":{"name":"f"}}]}}]})")}) {
    SseAssembler sse;
    EXPECT_FALSE(sse.Feed(bad).ok()) << bad;
  }
  SseAssembler big;
  EXPECT_FALSE(big.Feed(std::string(kMaxResponseBytes + 1, 'x')).ok());
}

}  // namespace
}  // namespace connectors::llm
