// The prompts V6 and V7 send. Everything that is not ours is fenced and
// escaped (& < > as entities) so it can never close a fence or open one of
// ours: the shopper's message in <shopper_message>, the deterministic reply
// in <draft>, the facts in <shop_facts>, tool results as JSON in tool
// messages. The system prompt says that fenced text is data, never
// instructions. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "connectors/llm_client.h"
#include "core/reply.h"
#include "retrieval/tenant.h"

namespace ai_modes {

// "&", "<", ">" as "&amp;", "&lt;", "&gt;".
std::string EscapeFenced(std::string_view text);

// The system prompt: the shop (name, contact), the tone from overrides.json,
// the shopper's language, the grounding rules; with `tools`, how to use them.
std::string SystemPrompt(const retrieval::Tenant* tenant, bool tools);

// The user message: the shopper's words, the facts and the draft, fenced,
// then the task ("rephrase" for V6; "answer, calling tools when the draft
// does not" for V7).
std::string TurnPrompt(std::string_view message, const core::Reply& draft, bool tools);

// A second chance after the verifier refused a reply: names what was wrong.
std::string RetryPrompt(std::string_view violations);

}  // namespace ai_modes
