// V7's tools, named exactly as the issue lists them, each with a JSON Schema
// for its arguments (sent to the model as `parameters`) and a validator for
// what the model sends back: the `arguments` JSON string is parsed, must be
// an object, every required field present with its type, strings within
// their length, numbers within their range, no other fields. One table is
// the source of both. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ai_modes/turn_tools.h"
#include "connectors/llm_client.h"
#include "core/result.h"

namespace ai_modes {

// search_products, get_product, check_delivery, find_branch, opening_hours,
// answer_faq, cart_add, cart_remove, cart_view, start_checkout,
// capture_lead, handoff.
const std::vector<connectors::LlmTool>& ShopToolDefinitions();
bool IsShopTool(std::string_view name);

// kInvalidArgument naming the problem ("quantity: must be a number",
// "arguments are not JSON", "unknown field \"discount\"", "unknown tool").
core::Result<ToolArguments> ValidateToolArguments(std::string_view tool, std::string_view arguments_json);

}  // namespace ai_modes
