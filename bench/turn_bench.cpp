// One V5 chat turn in process (normalise + route + retrieve + render), single
// thread, on the demo tenants: the figure behind "a turn in under 50 µs".
// The *Persisted variants add the CRM and the group-commit write queue over
// SQLite (what `aiv7 serve` runs): the sustained turn rate with persistence
// on versus off, the queue drained inside the timed region.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>

#include "app/tenant_registry.h"
#include "core/clock.h"
#include "db/journal/record_queue.h"
#include "db/sqlite/sqlite_database.h"
#include "retrieval/file_system.h"
#include "retrieval/storage.h"
#include "services/conversation/message_handler.h"
#include "services/records/crm_service.h"

namespace {

const std::filesystem::path kSource = AIV7_SOURCE_DIR;

struct Pipeline {
  explicit Pipeline(bool persist) {
    std::filesystem::remove_all(tmp);
    std::filesystem::create_directories(tmp);
    schemas = *retrieval::SchemaValidator::Load(kSource / "schemas");
    lexicon = *retrieval::Lexicon::Load(fs, kSource / "lexicon", *schemas, normalizer);
    repo = std::make_unique<retrieval::TenantRepository>(
        retrieval::StorageOptions{kSource / "business", tmp / "data", schemas, &fs, &clock, nullptr});
    registry = std::make_unique<app::TenantRegistry>(
        *repo,
        [this](std::shared_ptr<const retrieval::TenantData> d) {
          return retrieval::BuildTenant(std::move(d), normalizer, lexicon, tmp / "index");
        },
        std::chrono::milliseconds(1000), nullptr);
    sessions = std::make_unique<services::InMemorySessionStore>(clock, std::chrono::hours(1), 100000);
    services::TurnSink* sink = nullptr;
    if (persist) {
      database = std::move(db::SqliteDatabase::Open(tmp / "ops.db")).value();
      queue = std::move(db::RecordQueue::Open(
                            database->record_batches(),
                            db::RecordQueueOptions{.journal_dir = tmp / "journal", .clock = &clock, .warn = {}}))
                  .value();
      queue->Start();
      crm = std::make_unique<services::CrmService>(*queue, database->leads(), database->orders(), database->audit(),
                                                   *sessions, clock);
      sink = crm.get();
    }
    handler = std::make_unique<services::MessageHandler>(*registry, *sessions, normalizer, mode, clock, ids, sink);
  }
  ~Pipeline() {
    handler.reset();
    crm.reset();
    queue.reset();
    database.reset();
    std::filesystem::remove_all(tmp);
  }

  std::filesystem::path tmp =
      std::filesystem::temp_directory_path() / ("aiv7-turn-bench-" + std::to_string(::getpid()));
  core::SystemClock clock;
  core::RandomIdGenerator ids;
  retrieval::PosixFileSystem fs;
  retrieval::TextNormalizer normalizer;
  ai_modes::V5Deterministic mode;
  std::shared_ptr<const retrieval::SchemaValidator> schemas;
  std::shared_ptr<const retrieval::Lexicon> lexicon;
  std::unique_ptr<retrieval::TenantRepository> repo;
  std::unique_ptr<app::TenantRegistry> registry;
  std::unique_ptr<services::InMemorySessionStore> sessions;
  std::unique_ptr<db::SqliteDatabase> database;
  std::unique_ptr<db::RecordQueue> queue;
  std::unique_ptr<services::CrmService> crm;
  std::unique_ptr<services::MessageHandler> handler;
};

// Built once: Google Benchmark calls each benchmark function several times.
Pipeline& SharedPipeline(bool persist) {
  if (persist) {
    static Pipeline persisted(true);
    return persisted;
  }
  static Pipeline pipeline(false);
  return pipeline;
}

const std::vector<std::string> kUkMix = {
    "how much are lamb chops?", "do you deliver to LS6 2AB", "what time do you open on sunday",
    "is your meat halal", "bbq for 6 people", "where is your nearest branch to BD3", "hello",
    "do you have boneless chicken thighs", "what's the capital of france"};

void RunTurns(benchmark::State& state, const char* tenant, std::vector<std::string> messages, bool persist = false) {
  Pipeline& p = SharedPipeline(persist);
  auto key = core::TenantKey::Parse(tenant).value();
  if (!p.handler->Handle({.tenant = key}, {.message = "hello"}).ok()) state.SkipWithError("tenant");
  if (p.queue && !p.queue->Flush(std::chrono::seconds(30))) state.SkipWithError("queue");
  size_t i = 0;
  const auto last = static_cast<size_t>(state.max_iterations);
  for (auto _ : state) {
    auto turn = p.handler->Handle({.tenant = key}, {.message = messages[i++ % messages.size()]});
    benchmark::DoNotOptimize(turn.ok());
    // Sustained rate: the last turn waits until every record is committed.
    if (p.queue && i == last && !p.queue->Flush(std::chrono::seconds(60))) state.SkipWithError("flush");
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_TurnMixUk(benchmark::State& state) { RunTurns(state, "UK_BUTCHER", kUkMix); }
BENCHMARK(BM_TurnMixUk)->Unit(benchmark::kMicrosecond);

// Persistence off vs on, same fixed number of turns, real time (the writer
// thread runs beside the turns).
void BM_TurnMixUkNotPersisted(benchmark::State& state) { RunTurns(state, "UK_BUTCHER", kUkMix, false); }
BENCHMARK(BM_TurnMixUkNotPersisted)->Unit(benchmark::kMicrosecond)->Iterations(20000)->UseRealTime();
void BM_TurnMixUkPersisted(benchmark::State& state) { RunTurns(state, "UK_BUTCHER", kUkMix, true); }
BENCHMARK(BM_TurnMixUkPersisted)->Unit(benchmark::kMicrosecond)->Iterations(20000)->UseRealTime();

void BM_TurnPriceCheck(benchmark::State& state) { RunTurns(state, "UK_BUTCHER", {"how much are lamb chops?"}); }
BENCHMARK(BM_TurnPriceCheck)->Unit(benchmark::kMicrosecond);

void BM_TurnFaq(benchmark::State& state) { RunTurns(state, "US_BIKES", {"whats your return policy"}); }
BENCHMARK(BM_TurnFaq)->Unit(benchmark::kMicrosecond);

}  // namespace
