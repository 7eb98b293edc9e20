#include "ai_modes/llm_reply_mode.h"

#include <algorithm>
#include <deque>

#include <nlohmann/json.hpp>

#include "ai_modes/grounding/verifier.h"
#include "ai_modes/prompt.h"
#include "ai_modes/tool_schemas.h"

namespace ai_modes {

namespace {

using connectors::LlmMessage;
using connectors::LlmRequest;
using connectors::LlmRole;
using Steady = std::chrono::steady_clock;

// What this turn has established: the deterministic reply's facts and text,
// then every tool result's. Deques keep the addresses Evidence reads.
struct TurnRecord {
  std::deque<core::Fact> facts;
  std::deque<std::string> texts;
  std::vector<grounding::Action> actions;
  std::string message;
  std::vector<std::string> names;

  TurnRecord(const TurnContext& context, const core::Reply& draft) : message(context.message) {
    Add(draft);
    if (const retrieval::Tenant* t = context.tenant) {
      names.push_back(t->profile.name);
      if (t->geo) {
        for (const auto& b : t->geo->branches()) names.push_back(b.name);
      }
      if (t->catalog) {
        for (const auto& c : t->catalog->categories()) names.push_back(c.name);
      }
    } else {
      names.emplace_back(context.tenant_name);
    }
  }

  void Add(const core::Reply& reply) {
    facts.insert(facts.end(), reply.facts.begin(), reply.facts.end());
    texts.push_back(reply.text);
    for (const auto& item : reply.items) names.push_back(item.name);
  }

  grounding::Verdict Check(std::string_view text, size_t max_bytes) const {
    grounding::EvidenceSources s;
    for (const auto& f : facts) s.facts.push_back(&f);
    for (const auto& t : texts) s.engine_texts.push_back(t);
    s.shopper_texts.push_back(message);
    for (const auto& n : names) s.names.push_back(n);
    s.actions = actions;
    return grounding::Evidence(s).Check(text, max_bytes);
  }
};

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(a, b - a + 1));
}

std::string ErrorReason(const core::Error& e) {
  if (connectors::IsCircuitOpen(e)) return "circuit_open";
  return std::string(core::ErrorCodeName(e.code));
}

// A tool's result as the model reads it: JSON, the engine's text and facts.
std::string ToolResultJson(const ToolOutcome& outcome) {
  nlohmann::json j = {{"ok", outcome.ok}};
  if (!outcome.error.empty()) j["error"] = outcome.error;
  if (!outcome.reply.text.empty()) j["reply"] = outcome.reply.text;
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& f : outcome.reply.facts) {
    facts.push_back({{"source", f.source}, {"key", f.key}, {"field", f.field}, {"value", f.value}});
  }
  if (!facts.empty()) j["facts"] = std::move(facts);
  nlohmann::json products = nlohmann::json::array();
  for (const auto& p : outcome.reply.items) {
    products.push_back({{"sku", p.sku}, {"name", p.name}, {"in_stock", p.in_stock}});
  }
  if (!products.empty()) j["products"] = std::move(products);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ToolError(std::string message) {
  return nlohmann::json{{"ok", false}, {"error", std::move(message)}}.dump(-1, ' ', false,
                                                                           nlohmann::json::error_handler_t::replace);
}

bool ChangesBasket(std::string_view tool) {
  return tool == "cart_add" || tool == "cart_remove" || tool == "start_checkout";
}

}  // namespace

LlmReplyMode::LlmReplyMode(connectors::LlmClient& client, LlmGate& gate, const core::Clock& clock,
                           LlmModeOptions options)
    : client_(client), gate_(gate), clock_(clock), options_(std::move(options)) {}

core::Reply LlmReplyMode::Fallback(const TurnContext& context, core::Reply reply, std::string reason) const {
  reply.mode_used = "V5";
  reply.llm.used = false;
  if (options_.log && !reason.empty()) {
    options_.log(std::string(name()) + " reply not used (" + std::string(context.tenant_name) + ", " +
                 std::string(context.intent) + "): " + reason);
  }
  reply.llm.rejected_reason = std::move(reason);
  return reply;
}

core::Reply LlmReplyMode::Finish(const TurnContext& context, core::Reply deterministic) const {
  if (Trim(deterministic.text).empty()) {
    deterministic.mode_used = "V5";
    return deterministic;
  }
  std::string tenant = context.tenant ? context.tenant->key().str() : std::string(context.tenant_name);
  int64_t budget = context.tenant ? context.tenant->settings.llm_monthly_tokens : 0;
  if (!gate_.WithinBudget(tenant, context.now, budget)) {
    return Fallback(context, std::move(deterministic), "token_budget");
  }
  LlmSlot slot(gate_);
  if (!slot.held()) return Fallback(context, std::move(deterministic), "busy");
  Steady::time_point deadline = std::min(context.deadline, clock_.Monotonic() + options_.timeout);
  core::Reply reply = options_.tools ? WithTools(context, std::move(deterministic), deadline)
                                     : Rephrase(context, std::move(deterministic), deadline);
  gate_.Spend(tenant, context.now, reply.llm.tokens);
  return reply;
}

core::Reply LlmReplyMode::Rephrase(const TurnContext& context, core::Reply draft, Steady::time_point deadline) const {
  TurnRecord record(context, draft);
  LlmRequest request;
  request.messages.push_back({LlmRole::kSystem, SystemPrompt(context.tenant, false), {}, {}});
  request.messages.push_back({LlmRole::kUser, TurnPrompt(context.message, draft, false), {}, {}});
  request.temperature = options_.temperature;
  request.max_tokens = options_.max_tokens;
  request.stream = options_.stream;
  auto started = clock_.Monotonic();
  auto answer = client_.Complete(request, deadline);
  draft.llm.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Monotonic() - started).count();
  if (!answer.ok()) return Fallback(context, std::move(draft), ErrorReason(answer.error()));
  draft.llm.tokens = answer->tokens.total();
  if (answer->finish_reason == "length") return Fallback(context, std::move(draft), "truncated");
  std::string text = Trim(answer->content);
  grounding::Verdict verdict = record.Check(text, options_.max_reply_bytes);
  if (!verdict.ok()) return Fallback(context, std::move(draft), "ungrounded: " + verdict.Summary());
  draft.text = std::move(text);
  draft.mode_used = "V6";
  draft.llm.used = true;
  return draft;
}

core::Reply LlmReplyMode::WithTools(const TurnContext& context, core::Reply draft, Steady::time_point deadline) const {
  TurnRecord record(context, draft);
  // Tool effects the shopper must hear about even if the model's text is refused.
  std::vector<core::Reply> effects;
  const bool draft_changed_basket = draft.cart_changed;
  LlmRequest request;
  request.messages.push_back({LlmRole::kSystem, SystemPrompt(context.tenant, true), {}, {}});
  request.messages.push_back({LlmRole::kUser, TurnPrompt(context.message, draft, true), {}, {}});
  request.temperature = options_.temperature;
  request.max_tokens = options_.max_tokens;
  request.stream = options_.stream;
  bool retried = false;
  std::string reason = "max_steps";
  auto started = clock_.Monotonic();
  auto finish = [&](core::Reply reply) {
    reply.llm.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Monotonic() - started).count();
    return reply;
  };
  auto fallback = [&](std::string why) {
    core::Reply reply = draft;
    for (const auto& e : effects) {
      reply.text += "\n\n" + e.text;
      if (e.cart_changed) {
        reply.cart_changed = true;
        reply.cart = e.cart;
      }
    }
    return finish(Fallback(context, std::move(reply), std::move(why)));
  };
  for (int step = 0; step < options_.max_steps; ++step) {
    // The last round offers no tools, so it must answer.
    request.tools =
        context.tools && step + 1 < options_.max_steps ? ShopToolDefinitions() : std::vector<connectors::LlmTool>{};
    auto answer = client_.Complete(request, deadline);
    if (!answer.ok()) return fallback(ErrorReason(answer.error()));
    draft.llm.tokens += answer->tokens.total();
    if (!answer->tool_calls.empty()) {
      LlmMessage call_message{LlmRole::kAssistant, answer->content, answer->tool_calls, {}};
      request.messages.push_back(std::move(call_message));
      for (const auto& call : answer->tool_calls) {
        ++draft.llm.tool_calls;
        std::string result;
        auto args = ValidateToolArguments(call.name, call.arguments);
        if (!context.tools) {
          result = ToolError("no tools in this turn");
        } else if (!args.ok()) {
          result = ToolError(call.name + ": " + args.error().message);
        } else if (draft_changed_basket && ChangesBasket(call.name)) {
          result = ToolError("the shop already changed the basket this turn (see the draft); do not repeat it");
        } else {
          ToolOutcome outcome = context.tools->Call(call.name, *args);
          record.Add(outcome.reply);
          if (outcome.action) {
            record.actions.push_back(*outcome.action);
            effects.push_back(outcome.reply);
          }
          result = ToolResultJson(outcome);
        }
        request.messages.push_back(
            {LlmRole::kTool, "<tool_result>" + EscapeFenced(result) + "</tool_result>", {}, call.id});
      }
      continue;
    }
    if (answer->finish_reason == "length") {
      reason = "truncated";
      break;
    }
    std::string text = Trim(answer->content);
    grounding::Verdict verdict = record.Check(text, options_.max_reply_bytes);
    if (verdict.ok()) {
      core::Reply reply = draft;
      reply.text = std::move(text);
      reply.facts.assign(record.facts.begin(), record.facts.end());
      for (const auto& e : effects) {
        if (e.cart_changed) {
          reply.cart_changed = true;
          reply.cart = e.cart;
        }
      }
      reply.mode_used = "V7";
      reply.llm.used = true;
      return finish(std::move(reply));
    }
    reason = "ungrounded: " + verdict.Summary();
    if (retried) break;
    retried = true;
    if (options_.log) options_.log("V7 reply refused, asking again: " + verdict.Summary());
    request.messages.push_back({LlmRole::kAssistant, text, {}, {}});
    request.messages.push_back({LlmRole::kUser, RetryPrompt(verdict.Summary()), {}, {}});
  }
  return fallback(std::move(reason));
}

}  // namespace ai_modes
