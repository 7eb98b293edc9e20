// Bodies the fake model server (fake_llm_server.h) answers with, in the
// shape of the OpenAI chat completions API reference examples: a
// chat.completion object with choices[0].message and usage, or a stream of
// chat.completion.chunk events (the first carrying the role, tool calls'
// id and name before their arguments, which arrive in pieces, merged by
// index) ending with "data: [DONE]". Also the scenario responders the
// integration tests and `aiv7_fake_llm` use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fakes/fake_llm_server.h"

namespace fakes {

struct FakeToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // sent as given: may be malformed on purpose
};

// {"id":"chatcmpl-...","object":"chat.completion",...,"choices":[{"index":0,
// "message":{"role":"assistant","content":...},"finish_reason":"stop"}],"usage":{...}}
std::string CompletionJson(std::string_view content, int prompt_tokens = 120, int completion_tokens = 40);
// The same with message.content null and message.tool_calls; finish_reason "tool_calls".
std::string ToolCallsJson(const std::vector<FakeToolCall>& calls, int prompt_tokens = 150, int completion_tokens = 20);

LlmReply Completion(std::string_view content, int prompt_tokens = 120, int completion_tokens = 40);
LlmReply ToolCalls(const std::vector<FakeToolCall>& calls);
// text/event-stream: `content` in `pieces` deltas, a usage chunk, [DONE].
LlmReply StreamedCompletion(std::string_view content, size_t pieces = 4);
// Each call's id and name first, then its arguments in three pieces.
LlmReply StreamedToolCalls(const std::vector<FakeToolCall>& calls);
// An HTTP error with the provider's error object.
LlmReply HttpError(unsigned status, std::string_view message);

// The draft reply the prompt carries (ai_modes/prompt.h: "<draft>...</draft>",
// escaped); empty when there is none.
std::string DraftOf(const RecordedRequest& request);
// True when the request offers tools and no tool result has come back yet.
bool FirstToolRound(const RecordedRequest& request);

// Scenario "faithful": answers with `marker` + the draft, word for word. With
// tools (V7) it first calls cart_view {} once, then answers.
FakeLlmServer::Responder FaithfulResponder(std::string marker = "[ai] ");
// Scenario "liar": the draft plus an invented fact on every answer (a price,
// a discount, a time, a phone number, an e-mail, a URL, a postcode, a SKU, a
// product, a promise, a stock count, a date), a different one each time.
FakeLlmServer::Responder LiarResponder();
// Every lie LiarResponder tells: none may ever reach a shopper.
const std::vector<std::string>& LiarTells();

}  // namespace fakes
