// Conversation test packs: multi-turn cases run through the real message
// pipeline, in process (`aiv7 eval <pack.json>`) or through the HTTP API of
// a running server (`aiv7 eval <pack.json> --url http://127.0.0.1:PORT`).
//
// Pack format:
//   {"tenant": "UK_BUTCHER", "now": "2026-12-01T10:00:00Z",
//    "cases": [{"name": "...", "now": "...",            // optional per case
//               "turns": [{"say": "...", "expect": {...}}]}]}
// Expectations (all optional): intent (string or list of accepted ones),
// contains / not_contains (every string, case-insensitive), contains_any,
// needs_clarification, resolved, fallback, items_min, items_max,
// cart_lines, cart_contains (SKUs), entities (object of expected values).
// "error" on a turn expects it to be refused with that code
// ("payload_too_large"). Every turn is also checked for grounding: each
// amount of money in the reply must be the value of one of its facts.
//
// Each case is a fresh conversation; every turn of it runs at the case's
// "now" (else the pack's). Over HTTP the time travels in the X-Test-Now
// header, which the server obeys only with ALLOW_TEST_CLOCK=1; both modes
// apply the same checks (eval_check.h) to the same observed fields, so a
// case passes over HTTP exactly when it passes in process.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>

#include "app/eval_target.h"
#include "core/result.h"
#include "core/tenant_key.h"

namespace app {

struct EvalSummary {
  int passed = 0;
  int failed = 0;
  int turns = 0;
};

// Runs every case of the pack at `pack` against `target`, printing
// "PASS <name>" or "FAIL <name>" (then the broken expectations, indented) per
// case and a summary line to `out`; with `verbose` every turn and reply too.
// Errors: kNotFound / kInvalidJson / kInvalidArgument for an unreadable or
// malformed pack, and whatever the target reports when it cannot run a turn.
core::Result<EvalSummary> RunEvalPack(EvalTarget& target, const std::filesystem::path& pack,
                                      const std::optional<core::TenantKey>& tenant_override, std::ostream& out,
                                      bool verbose);

}  // namespace app
