// The wire format against the provider's documented examples (the shapes of
// the OpenAI API reference for chat completions, function calling and
// streaming, which Ollama /v1, llama-server and vLLM reproduce): our parser
// reads each example, and the fake model server (tests/fakes) answers in
// the same shape, key for key, so tests against the fake test the protocol.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "connectors/llm/openai_wire.h"
#include "fakes/fake_llm_replies.h"

namespace connectors::llm {
namespace {

using nlohmann::json;

// The API reference's example chat completion object.
const char* kDocumentedCompletion = R"({
  "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  "object": "chat.completion",
  "created": 1741569952,
  "model": "gpt-4.1-2025-04-14",
  "choices": [{
    "index": 0,
    "message": {"role": "assistant", "content": "Hello! How can I assist you today?", "refusal": null,
                "annotations": []},
    "logprobs": null,
    "finish_reason": "stop"
  }],
  "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
  "service_tier": "default"
})";

// The function-calling guide's example response.
const char* kDocumentedToolCall = R"({
  "id": "chatcmpl-abc123",
  "object": "chat.completion",
  "created": 1699896916,
  "model": "gpt-4o-mini",
  "choices": [{
    "index": 0,
    "message": {"role": "assistant", "content": null,
                "tool_calls": [{"id": "call_abc123", "type": "function",
                                "function": {"name": "get_current_weather",
                                             "arguments": "{\n\"location\": \"Boston, MA\"\n}"}}]},
    "logprobs": null,
    "finish_reason": "tool_calls"
  }],
  "usage": {"prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99}
})";

// The streaming example: chunks as server-sent events, then [DONE].
const char* kDocumentedStream =
    "data: "
    "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
    "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":"
    "\"\"},"
    "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
    "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
    "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
    "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
    "\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";

// Every key of `ours` exists in `documented` with the same JSON type
// (arrays compared by their first element), at any depth.
void ExpectSameShape(const json& ours, const json& documented, const std::string& path = "") {
  if (documented.is_null() || ours.is_null()) return;  // nullable fields
  ASSERT_EQ(ours.type_name(), documented.type_name()) << path;
  if (ours.is_object()) {
    for (auto& [key, value] : ours.items()) {
      ASSERT_TRUE(documented.contains(key)) << "the fake sends " << path << "/" << key << ", the provider does not";
      ExpectSameShape(value, documented[key], path + "/" + key);
    }
  } else if (ours.is_array() && !ours.empty() && !documented.empty()) {
    ExpectSameShape(ours[0], documented[0], path + "/0");
  }
}

TEST(OpenAiDocumentedTest, ParsesTheDocumentedCompletion) {
  auto r = ParseChatResponse(kDocumentedCompletion);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "Hello! How can I assist you today?");
  EXPECT_EQ(r->finish_reason, "stop");
  EXPECT_EQ(r->tokens.prompt, 19);
  EXPECT_EQ(r->tokens.completion, 10);
  EXPECT_TRUE(r->tool_calls.empty());
}

TEST(OpenAiDocumentedTest, ParsesTheDocumentedToolCall) {
  auto r = ParseChatResponse(kDocumentedToolCall);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "");
  ASSERT_EQ(r->tool_calls.size(), 1u);
  EXPECT_EQ(r->tool_calls[0].id, "call_abc123");
  EXPECT_EQ(r->tool_calls[0].name, "get_current_weather");
  EXPECT_EQ(json::parse(r->tool_calls[0].arguments)["location"], "Boston, MA");
  EXPECT_EQ(r->finish_reason, "tool_calls");
}

TEST(OpenAiDocumentedTest, AssemblesTheDocumentedStream) {
  SseAssembler sse;
  ASSERT_TRUE(sse.Feed(kDocumentedStream).ok());
  auto r = sse.Finish();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "Hello");
  EXPECT_EQ(r->finish_reason, "stop");
}

TEST(OpenAiDocumentedTest, TheFakeAnswersInTheDocumentedShape) {
  ExpectSameShape(json::parse(fakes::CompletionJson("Hi")), json::parse(kDocumentedCompletion));
  ExpectSameShape(json::parse(fakes::ToolCallsJson({{"call_1", "cart_view", "{}"}})), json::parse(kDocumentedToolCall));
  // Each streamed chunk has the documented chunk's keys.
  json documented_chunk =
      json::parse(std::string(kDocumentedStream).substr(6, std::string(kDocumentedStream).find("\n\n") - 6));
  auto reply = fakes::StreamedCompletion("Hello there", 2);
  std::string all;
  for (const auto& c : reply.chunks) all += c;
  size_t pos = 0;
  int chunks = 0;
  while ((pos = all.find("data: {", pos)) != std::string::npos) {
    size_t end = all.find("\n\n", pos);
    json chunk = json::parse(all.substr(pos + 6, end - pos - 6));
    if (!chunk["choices"].empty()) {
      json shape = chunk;
      shape["choices"][0]["delta"] = json::object();  // delta keys differ by chunk kind
      json doc = documented_chunk;
      doc["choices"][0]["delta"] = json::object();
      ExpectSameShape(shape, doc);
      ++chunks;
    }
    pos = end;
  }
  EXPECT_GE(chunks, 3);
  EXPECT_NE(all.find("data: [DONE]\n\n"), std::string::npos);
}

}  // namespace
}  // namespace connectors::llm
