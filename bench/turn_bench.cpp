// One V5 chat turn in process (normalise + route + retrieve + render), single
// thread, on the demo tenants: the figure behind "a turn in under 50 µs".
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/tenant_registry.h"
#include "core/clock.h"
#include "retrieval/file_system.h"
#include "retrieval/storage.h"
#include "services/message_handler.h"

namespace {

const std::filesystem::path kSource = AIV7_SOURCE_DIR;

struct Pipeline {
  Pipeline() {
    schemas = *retrieval::SchemaValidator::Load(kSource / "schemas");
    repo = std::make_unique<retrieval::TenantRepository>(
        retrieval::StorageOptions{kSource / "business", tmp / "data", schemas, &fs, &clock, nullptr});
    registry = std::make_unique<app::TenantRegistry>(
        *repo,
        [this](std::shared_ptr<const retrieval::TenantData> d) {
          return services::BuildTenant(std::move(d), normalizer, tmp / "index");
        },
        std::chrono::milliseconds(1000), nullptr);
    sessions = std::make_unique<services::InMemorySessionStore>(clock, std::chrono::hours(1), 100000);
    handler = std::make_unique<services::MessageHandler>(*registry, *sessions, normalizer, mode, clock, ids, nullptr);
  }
  ~Pipeline() { std::filesystem::remove_all(tmp); }

  std::filesystem::path tmp = std::filesystem::temp_directory_path() / "aiv7-turn-bench";
  core::SystemClock clock;
  core::RandomIdGenerator ids;
  retrieval::PosixFileSystem fs;
  retrieval::TextNormalizer normalizer;
  ai_modes::V5Deterministic mode;
  std::shared_ptr<const retrieval::SchemaValidator> schemas;
  std::unique_ptr<retrieval::TenantRepository> repo;
  std::unique_ptr<app::TenantRegistry> registry;
  std::unique_ptr<services::InMemorySessionStore> sessions;
  std::unique_ptr<services::MessageHandler> handler;
};

// Built once: Google Benchmark calls each benchmark function several times.
Pipeline& SharedPipeline() {
  static Pipeline pipeline;
  return pipeline;
}

void RunTurns(benchmark::State& state, const char* tenant, std::vector<std::string> messages) {
  Pipeline& p = SharedPipeline();
  auto key = core::TenantKey::Parse(tenant).value();
  if (!p.handler->Handle(key, {"hello", "", core::Channel::kApi, {}, ""}).ok()) state.SkipWithError("tenant");
  size_t i = 0;
  for (auto _ : state) {
    auto turn = p.handler->Handle(key, {messages[i++ % messages.size()], "", core::Channel::kApi, {}, ""});
    benchmark::DoNotOptimize(turn.ok());
  }
}

void BM_TurnMixUk(benchmark::State& state) {
  RunTurns(state, "UK_BUTCHER",
           {"how much are lamb chops?", "do you deliver to LS6 2AB", "what time do you open on sunday",
            "is your meat halal", "bbq for 6 people", "where is your nearest branch to BD3", "hello",
            "do you have boneless chicken thighs", "what's the capital of france"});
}
BENCHMARK(BM_TurnMixUk)->Unit(benchmark::kMicrosecond);

void BM_TurnPriceCheck(benchmark::State& state) { RunTurns(state, "UK_BUTCHER", {"how much are lamb chops?"}); }
BENCHMARK(BM_TurnPriceCheck)->Unit(benchmark::kMicrosecond);

void BM_TurnFaq(benchmark::State& state) { RunTurns(state, "US_BIKES", {"whats your return policy"}); }
BENCHMARK(BM_TurnFaq)->Unit(benchmark::kMicrosecond);

}  // namespace
