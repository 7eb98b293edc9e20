// Conversation test packs: multi-turn cases run through the real message
// pipeline (`aiv7 eval <pack.json> --tenant KEY`).
//
// Pack format:
//   {"tenant": "UK_BUTCHER", "now": "2026-12-01T10:00:00Z",
//    "cases": [{"name": "...", "now": "...",            // optional per case
//               "turns": [{"say": "...", "expect": {...}}]}]}
// Expectations (all optional): intent (string or list of accepted ones),
// contains / not_contains (every string, case-insensitive), contains_any,
// needs_clarification, resolved, fallback, items_min, items_max,
// cart_lines, cart_contains (SKUs), entities (object of expected values).
// Every turn is also checked for grounding: each amount of money in the
// reply must be the value of one of its facts.
#pragma once

#include <filesystem>
#include <ostream>

#include "core/result.h"
#include "core/tenant_key.h"
#include "services/message_handler.h"

namespace app {

struct EvalSummary {
  int passed = 0;
  int failed = 0;
  int turns = 0;
};

// Runs every case with a fresh session and a clock set to the case's "now".
core::Result<EvalSummary> RunEvalPack(services::TenantDirectory& tenants, const retrieval::TextNormalizer& normalizer,
                                      const ai_modes::ReplyMode& mode, const std::filesystem::path& pack,
                                      const std::optional<core::TenantKey>& tenant_override, std::ostream& out,
                                      bool verbose);

// Money amounts written in `text` ("£6.99", "$1,299.00") that no fact backs.
std::vector<std::string> UngroundedAmounts(const core::Reply& reply);

}  // namespace app
