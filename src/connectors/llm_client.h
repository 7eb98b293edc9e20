// LlmClient: one chat completion from a language model, in the shape of the
// OpenAI-compatible chat completions API (OpenAI, Ollama /v1, llama.cpp
// llama-server, vLLM). Plain values only: the wire format lives in the
// implementation (connectors/llm/openai_llm_client.h); decorators add retries
// and a circuit breaker behind the same interface (connectors/llm/).
//
// Contract:
//   - Complete() returns by `deadline` (plus a few milliseconds of
//     scheduling): no answer by then is kTimeout. It blocks the calling
//     thread; callers that must not block run it on a thread of their own.
//   - A response is a value whatever the model said: content may be empty,
//     tool calls may name unknown tools or carry malformed JSON arguments
//     (they arrive as the raw string the model produced). Judging them is
//     the caller's job.
//   - Errors: kTimeout (deadline), kUnavailable (cannot connect, connection
//     lost, HTTP 5xx, circuit open; `retryable`), kTooManyRequests (HTTP
//     429; `retryable`), kUnauthorized (401/403), kInvalidArgument (other
//     4xx), kInvalidJson (a body that is not a chat completion, or a wrong
//     content type). Messages never contain the API key.
// Implementations are thread-safe.
#pragma once

#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace connectors {

// One function call the model asked for. `arguments` is the JSON text as
// the model wrote it (may be malformed).
struct LlmToolCall {
  std::string id;
  std::string name;
  std::string arguments;
};

enum class LlmRole { kSystem, kUser, kAssistant, kTool };

struct LlmMessage {
  LlmRole role = LlmRole::kUser;
  std::string content;
  // kAssistant only: the calls it made (sent back so the tool results that
  // follow refer to them).
  std::vector<LlmToolCall> tool_calls;
  // kTool only: which call this message answers.
  std::string tool_call_id;
};

// A function the model may call. `parameters` is a JSON Schema object as
// JSON text.
struct LlmTool {
  std::string name;
  std::string description;
  std::string parameters;
};

struct LlmRequest {
  std::vector<LlmMessage> messages;
  std::vector<LlmTool> tools;  // empty: none offered
  // "auto", "none" or "required"; ignored without tools.
  std::string tool_choice = "auto";
  double temperature = 0.2;
  int max_tokens = 600;
  // Ask for server-sent events (the response is assembled the same).
  bool stream = false;
};

struct LlmTokens {
  int64_t prompt = 0;
  int64_t completion = 0;
  int64_t total() const { return prompt + completion; }
};

struct LlmResponse {
  std::string content;  // empty when the model only called tools
  std::vector<LlmToolCall> tool_calls;
  std::string finish_reason;  // "stop", "tool_calls", "length", "content_filter", or "" when not sent
  LlmTokens tokens;           // zero when the server does not report usage
  int attempts = 1;           // HTTP requests it took (retries included)
};

// A 429 or 503 may say how long to wait (Retry-After); transports attach it
// to the error (as a detail) and retry decorators read it back.
inline constexpr std::string_view kRetryAfterDetail = "retry_after_ms";
inline core::Error WithRetryAfter(core::Error error, std::chrono::milliseconds wait) {
  error.details.push_back({"", std::string(kRetryAfterDetail), std::to_string(wait.count())});
  return error;
}
inline std::optional<std::chrono::milliseconds> RetryAfter(const core::Error& error) {
  for (const auto& d : error.details) {
    if (d.pointer != kRetryAfterDetail) continue;
    long long ms = 0;
    auto [ptr, ec] = std::from_chars(d.message.data(), d.message.data() + d.message.size(), ms);
    if (ec == std::errc() && ms >= 0) return std::chrono::milliseconds(ms);
  }
  return std::nullopt;
}

// The error a circuit breaker returns without calling the server.
inline constexpr std::string_view kCircuitOpenDetail = "circuit_open";
inline core::Error CircuitOpen(core::Error error) {
  error.details.push_back({"", std::string(kCircuitOpenDetail), "the model server failed repeatedly"});
  return error;
}
inline bool IsCircuitOpen(const core::Error& error) {
  for (const auto& d : error.details) {
    if (d.pointer == kCircuitOpenDetail) return true;
  }
  return false;
}

class LlmClient {
 public:
  virtual ~LlmClient() = default;
  virtual core::Result<LlmResponse> Complete(const LlmRequest& request,
                                             std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace connectors
