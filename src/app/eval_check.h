// The checks of a conversation test pack (see eval_runner.h), on what one
// turn showed the shopper. Both ways of running a pack observe a turn into
// the same ObservedTurn: in process from services::ChatTurn, over HTTP from
// the /chat_api response body. Every check reads only ObservedTurn, so the
// two modes cannot drift apart.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "services/conversation/message_handler.h"

namespace app {

struct ObservedTurn {
  // Set when the turn was refused ("payload_too_large"); the rest is then empty.
  std::string error_code;
  std::string session_id;
  std::string reply;
  std::string intent;
  nlohmann::json entities = nlohmann::json::object();
  bool needs_clarification = false;
  bool resolved = true;
  bool fallback = false;
  size_t items = 0;                     // product cards
  std::vector<std::string> cart_skus;   // one per basket line, when the reply carries the basket
  std::vector<std::string> fact_values; // the grounding trace, as shown to the shopper
  std::string mode_used = "V5";         // whose text the reply is (V6/V7: the model's)

  bool operator==(const ObservedTurn&) const = default;
};

// A turn answered in process.
ObservedTurn Observe(const services::ChatTurn& turn);

// A turn refused with `code` (in process or as an HTTP error body).
ObservedTurn ObserveRefusal(std::string code);

// A 200 body of POST /chat_api (routes/chat_routes.h). kInvalidJson when a
// field the checks need is missing or has the wrong type.
core::Result<ObservedTurn> ObserveChatApi(const nlohmann::json& body);

// What is wrong with `turn` against a pack turn's "expect" object; empty when
// it passes. Always includes the grounding check (UngroundedAmounts).
std::vector<std::string> CheckTurn(const nlohmann::json& expect, const ObservedTurn& turn);

// Money amounts written in the reply ("£6.99", "$1,299.00") that no fact
// value contains.
std::vector<std::string> UngroundedAmounts(const ObservedTurn& turn);

}  // namespace app
