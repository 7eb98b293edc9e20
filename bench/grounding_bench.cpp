// The cost of checking a model's reply (target: under 20 us per reply) and
// of V6 on top of a turn, model time excluded (an in-process model that
// answers at once). Run:
//   ./build/bench/aiv7_bench --benchmark_filter='Grounding|V6' --benchmark_repetitions=5
//   (add --benchmark_report_aggregates_only=true for medians only)
#include <benchmark/benchmark.h>

#include "ai_modes/grounding/verifier.h"
#include "ai_modes/llm_reply_mode.h"
#include "core/clock.h"

namespace {

using ai_modes::grounding::Evidence;
using ai_modes::grounding::EvidenceSources;

core::Reply Draft() {
  core::Reply r;
  r.text =
      "Lamb Chops are £15.99/kg and in stock; Whole Leg of Lamb is £12.49/kg. Delivery to LS6 2AB is £3.50, "
      "free over £60.00, same day if ordered before 2pm. Hyde Park is open today 08:00–18:00 — call 0113 496 0100 "
      "or email orders@noorhalal.example.";
  r.facts = {{"catalog", "LMB-001", "price", "£15.99/kg"},
             {"catalog", "LMB-001", "stock", "in stock"},
             {"catalog", "LMB-002", "price", "£12.49/kg"},
             {"policy", "leeds-north-west", "fee", "£3.50"},
             {"policy", "leeds-north-west", "free_over", "£60.00"},
             {"policy", "leeds-north-west", "cutoff", "14:00"},
             {"geo", "leeds-hyde-park", "hours_2026-12-01", "08:00–18:00"},
             {"store_info", "contact", "phone", "0113 496 0100"},
             {"store_info", "contact", "email", "orders@noorhalal.example"}};
  r.items = {{"LMB-001", "Lamb Chops", core::Money{1599, "GBP"}, "kg", true}};
  return r;
}

const std::string kRephrase =
    "Hi! Our Lamb Chops cost £15.99 per kg and they're in stock, and a Whole Leg of Lamb is £12.49/kg. We deliver "
    "to LS6 2AB for £3.50 (free over £60.00) the same day if you order before 2pm. Hyde Park is open 8am–6pm "
    "today: ring 0113 496 0100 or email orders@noorhalal.example.";

void BM_GroundingVerifyReply(benchmark::State& state) {
  core::Reply draft = Draft();
  std::string message = "how much are lamb chops and do you deliver to LS6 2AB?";
  for (auto _ : state) {
    EvidenceSources s;
    for (const auto& f : draft.facts) s.facts.push_back(&f);
    s.engine_texts = {draft.text};
    s.shopper_texts = {message};
    s.names = {"Noor Halal Butchers", "Hyde Park", "Harehills", "Bradford"};
    Evidence evidence(s);
    auto verdict = evidence.Check(kRephrase);
    if (!verdict.ok()) state.SkipWithError(verdict.Summary().c_str());
    benchmark::DoNotOptimize(verdict);
  }
}
BENCHMARK(BM_GroundingVerifyReply);

// The check alone, on evidence built once (V6 builds it once per turn).
void BM_GroundingCheckOnly(benchmark::State& state) {
  core::Reply draft = Draft();
  std::string message = "how much are lamb chops and do you deliver to LS6 2AB?";
  EvidenceSources s;
  for (const auto& f : draft.facts) s.facts.push_back(&f);
  s.engine_texts = {draft.text};
  s.shopper_texts = {message};
  s.names = {"Noor Halal Butchers", "Hyde Park", "Harehills", "Bradford"};
  Evidence evidence(s);
  for (auto _ : state) {
    auto verdict = evidence.Check(kRephrase);
    if (!verdict.ok()) state.SkipWithError(verdict.Summary().c_str());
    benchmark::DoNotOptimize(verdict);
  }
}
BENCHMARK(BM_GroundingCheckOnly);

// A model that answers at once with a faithful rephrase.
class InstantModel final : public connectors::LlmClient {
 public:
  core::Result<connectors::LlmResponse> Complete(const connectors::LlmRequest&,
                                                 std::chrono::steady_clock::time_point) override {
    connectors::LlmResponse r;
    r.content = kRephrase;
    r.finish_reason = "stop";
    return r;
  }
};

void BM_V6OverheadPerTurn(benchmark::State& state) {
  InstantModel model;
  ai_modes::LlmGate gate(16);
  core::SystemClock clock;
  ai_modes::LlmReplyMode v6(model, gate, clock, {});
  ai_modes::TurnContext context;
  context.message = "how much are lamb chops and do you deliver to LS6 2AB?";
  context.intent = "price_check";
  context.tenant_name = "Noor Halal Butchers";
  core::Reply draft = Draft();
  for (auto _ : state) {
    core::Reply r = v6.Finish(context, draft);
    if (!r.llm.used) state.SkipWithError(r.llm.rejected_reason.c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_V6OverheadPerTurn);

}  // namespace
