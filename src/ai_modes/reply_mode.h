// ReplyMode: the last step of a turn, chosen by MODE. It receives the
// deterministic reply (text, facts, items) and returns what the shopper sees.
//   V5  returns the deterministic reply unchanged.
//   V6  (planned) rephrases the text with an LLM, keeping every fact.
//   V7  (planned) lets an LLM plan tool calls over the retrieval stores.
// Every mode must fall back to the deterministic reply when anything fails.
// Implementations are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "core/reply.h"

namespace ai_modes {

struct TurnContext {
  std::string_view message;      // what the shopper typed
  std::string_view intent;       // router intent name
  std::string_view tenant_name;
  // The request's deadline (core::RequestContext): a mode that waits for a
  // model stops waiting here and returns the deterministic reply.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

class ReplyMode {
 public:
  virtual ~ReplyMode() = default;
  virtual std::string_view name() const = 0;
  virtual core::Reply Finish(const TurnContext& context, core::Reply deterministic) const = 0;
};

// V5: deterministic only.
class V5Deterministic final : public ReplyMode {
 public:
  std::string_view name() const override { return "V5"; }
  core::Reply Finish(const TurnContext&, core::Reply deterministic) const override { return deterministic; }
};

}  // namespace ai_modes
