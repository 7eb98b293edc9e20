// TurnTools: what V7's model may do in one turn, named exactly as the tools
// it is offered (tool_schemas.h). The implementation lives with the turn
// (services/conversation/shop_tools.h) and calls the same stores and flows
// as the deterministic engine, so a cart line, lead or hand-off made by a
// tool is the same record V5 makes.
//
// Arguments arrive validated against the tool's schema: every required
// field present with its type, no unknown fields. One TurnTools serves one
// turn on one thread (it changes that turn's session); not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ai_modes/grounding/claims.h"
#include "core/reply.h"

namespace ai_modes {

struct ToolArguments {
  std::map<std::string, std::string> text;  // string fields
  std::map<std::string, double> number;     // number and integer fields
  const std::string* Text(const std::string& name) const {
    auto it = text.find(name);
    return it == text.end() ? nullptr : &it->second;
  }
  std::optional<double> Number(const std::string& name) const {
    auto it = number.find(name);
    return it == number.end() ? std::nullopt : std::optional<double>(it->second);
  }
};

struct ToolOutcome {
  bool ok = false;  // the tool did what was asked (found, added, captured, ...)
  // The deterministic engine's reply for this request: its text, facts,
  // product cards and cart, as V5 would have shown them.
  core::Reply reply;
  // What it did, when it changed something (cart, order, lead, hand-off).
  std::optional<grounding::Action> action;
  std::string error;  // when !ok and nothing was found: why, for the model
};

class TurnTools {
 public:
  virtual ~TurnTools() = default;
  // `name` is one of the tool names of tool_schemas.h.
  virtual ToolOutcome Call(const std::string& name, const ToolArguments& arguments) = 0;
};

}  // namespace ai_modes
