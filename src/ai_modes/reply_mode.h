// ReplyMode: the last step of a turn, chosen by MODE (and a tenant's
// overrides.json "mode"). It receives the deterministic reply (text, facts,
// items) and returns what the shopper sees.
//   V5  returns the deterministic reply unchanged (v5: this file).
//   V6  has a model rephrase it, keeping every fact (v6_hybrid.h).
//   V7  lets a model answer with tools over the same stores (v7_flagship.h).
// Every mode falls back to the deterministic reply when anything fails, and
// answers by TurnContext::deadline. Implementations are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "ai_modes/turn_tools.h"
#include "core/reply.h"
#include "retrieval/tenant.h"

namespace ai_modes {

struct TurnContext {
  std::string_view message;      // what the shopper typed
  std::string_view intent;       // router intent name
  std::string_view tenant_name;
  // The request's deadline (core::RequestContext): a mode that waits for a
  // model stops waiting here and returns the deterministic reply.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // The tenant snapshot the turn is answered from (profile, tone, names,
  // the mode override); null in tests of V5.
  const retrieval::Tenant* tenant = nullptr;
  // The turn's business time (for the monthly token budget).
  std::chrono::system_clock::time_point now{};
  // V7's tools over this turn's session (services/conversation); null: no
  // tools, V7 behaves like V6.
  TurnTools* tools = nullptr;
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
  core::Reply Finish(const TurnContext&, core::Reply deterministic) const override {
    deterministic.mode_used = "V5";
    return deterministic;
  }
};

}  // namespace ai_modes
