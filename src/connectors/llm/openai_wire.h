// The OpenAI-compatible chat completions wire format, apart from any
// transport: the request body, the response body, and server-sent events
// (`stream: true`) assembled into the same response.
//
// Limits (bad input from a server is a value, never an exception): bodies
// and streams over kMaxResponseBytes, JSON nested deeper than
// core::kMaxJsonDepth, more than kMaxToolCalls calls or tool-call arguments
// over kMaxArgumentBytes are kInvalidJson.
// Pure functions and a single-owner assembler; thread-compatible.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "connectors/llm_client.h"
#include "core/result.h"

namespace connectors::llm {

inline constexpr size_t kMaxResponseBytes = 1 << 20;
inline constexpr size_t kMaxToolCalls = 16;
inline constexpr size_t kMaxArgumentBytes = 16 * 1024;

// The JSON body of POST /chat/completions.
std::string EncodeChatRequest(const LlmRequest& request, std::string_view model);

// A non-streamed response body: choices[0].message.content / tool_calls,
// choices[0].finish_reason, usage. kInvalidJson for anything else (an error
// object, no choices, wrong types).
core::Result<LlmResponse> ParseChatResponse(std::string_view body);

// Assembles a text/event-stream response: events are separated by a blank
// line and may arrive split anywhere; each "data: {chunk}" adds
// choices[0].delta.content and merges delta.tool_calls by `index` (id and
// name arrive first, `arguments` accrete); "data: [DONE]" ends it. Comment
// lines (":") and other fields are ignored.
class SseAssembler {
 public:
  // Feeds received bytes. An error (malformed chunk, over a limit) is final.
  core::Status Feed(std::string_view bytes);
  // True once [DONE] was seen.
  bool done() const { return done_; }
  // The response so far. kInvalidJson unless done() (a stream cut short is
  // not a reply).
  core::Result<LlmResponse> Finish();

 private:
  core::Status Event(std::string_view event);
  core::Status Chunk(std::string_view json);

  std::string pending_;  // bytes of an incomplete event
  size_t total_ = 0;
  bool done_ = false;
  LlmResponse response_;
  std::map<int, LlmToolCall> calls_;  // by index
};

}  // namespace connectors::llm
