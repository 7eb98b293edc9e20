// LlmReplyMode: V6 and V7 (reply_mode.h) over a connectors::LlmClient.
//
// V6 (tools = false): the deterministic engine's reply and facts go to the
// model, fenced (prompt.h), to be rephrased in the tenant's tone and the
// shopper's language. The grounding verifier (grounding/verifier.h) checks
// the answer against this turn's facts, the draft, the shop's names and the
// shopper's words; a reply that fails is never shown: the deterministic
// reply is.
//
// V7 (tools = true): the model gets the same context plus the shop's tools
// (tool_schemas.h) and may call them for up to `max_steps` rounds; each
// call's arguments are validated against its schema (a malformed or unknown
// call gets an error result, never runs), runs through TurnTools (the same
// flows as V5) and adds its facts and texts to the evidence. A final answer
// that fails the verifier is sent back once with the violations named; if
// it fails again, or the rounds run out, the deterministic reply is shown
// (with the texts of what tools did, so a basket change is never hidden).
//
// Either way the model gets at most `timeout` (LLM_TIMEOUT_MS) of the turn,
// never past the request's deadline; a slow, failing or over-budget model
// costs at most that and the shopper gets the V5 answer. Every rejection is
// passed to `log` and recorded in core::Reply::llm (rejected_reason), which
// the records and analytics count. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "ai_modes/llm_gate.h"
#include "ai_modes/reply_mode.h"
#include "connectors/llm_client.h"
#include "core/clock.h"

namespace ai_modes {

struct LlmModeOptions {
  bool tools = false;                        // V7
  std::chrono::milliseconds timeout{8'000};  // model time per turn, all calls together
  int max_steps = 4;                         // V7: model calls per turn (tool rounds and the retry)
  size_t max_reply_bytes = 2'000;            // longer answers are refused
  int max_tokens = 400;                      // asked of the model per call
  double temperature = 0.2;
  bool stream = false;                               // ask for server-sent events
  std::function<void(const std::string& line)> log;  // one line per rejection; may be empty
};

class LlmReplyMode final : public ReplyMode {
 public:
  // `client`, `gate` and `clock` must outlive the mode.
  LlmReplyMode(connectors::LlmClient& client, LlmGate& gate, const core::Clock& clock, LlmModeOptions options);

  std::string_view name() const override { return options_.tools ? "V7" : "V6"; }
  core::Reply Finish(const TurnContext& context, core::Reply deterministic) const override;

 private:
  core::Reply Rephrase(const TurnContext& context, core::Reply deterministic,
                       std::chrono::steady_clock::time_point deadline) const;
  core::Reply WithTools(const TurnContext& context, core::Reply deterministic,
                        std::chrono::steady_clock::time_point deadline) const;
  core::Reply Fallback(const TurnContext& context, core::Reply reply, std::string reason) const;

  connectors::LlmClient& client_;
  LlmGate& gate_;
  const core::Clock& clock_;
  LlmModeOptions options_;
};

}  // namespace ai_modes
