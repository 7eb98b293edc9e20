// The record write path: what one chat turn leaves behind (a turn event,
// the shopper's and the bot's messages, a lead update) handed to a sink.
//   BM_RecordsOff        a sink that drops everything: persistence off.
//   BM_RecordsOnSqlite   db::RecordQueue over SQLite in a temp dir:
//                        journal append per turn, group commit behind it.
//                        When the queue is full the loop waits and retries,
//                        so the rate is the sustained one, bounded by the
//                        database. committed_rows_per_s counts rows in the
//                        database per second, drain included.
//   BM_RecordsJournalOnly  the caller's cost alone: Enqueue with the writer
//                        not started (JSON + one journal write + queue push).
// Arg: 1 = fsync_journal (fdatasync per Enqueue group).
// Note: Google Benchmark's CPU column is process CPU, so it includes the
// writer thread.
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "db/journal/record_queue.h"
#include "db/sqlite/sqlite_database.h"

namespace {

db::RecordBatch TurnRecords(int64_t n) {
  const auto at = db::Time(std::chrono::milliseconds(1'790'000'000'000 + n));
  const std::string session = "bench-" + std::to_string(n % 1000);
  db::RecordBatch b;
  db::Event e;
  e.tenant = "UK_BUTCHER";
  e.session = session;
  e.channel = "web";
  e.kind = "turn";
  e.at = at;
  e.intent = "product_search";
  e.confidence = 0.82;
  e.resolved = true;
  e.items = 3;
  e.latency_us = 40;
  e.query = "how much are lamb chops?";
  b.events.push_back(std::move(e));
  b.messages.push_back({0, "UK_BUTCHER", session, at, "user", "how much are lamb chops?", "product_search", 0.82, "[]"});
  b.messages.push_back({0, "UK_BUTCHER", session, at, "bot", "Lamb chops are £4.50 per 500g.", "product_search",
                        0.82, R"(["sku:LAMB-CHOP"])"});
  db::LeadUpsert u;
  u.tenant = "UK_BUTCHER";
  u.session = session;
  u.channel = "web";
  u.tags = {"lamb"};
  u.at = at;
  b.leads.push_back(std::move(u));
  return b;
}
constexpr int64_t kRowsPerTurn = 4;

class DropSink final : public db::RecordSink {
 public:
  core::Status Enqueue(db::RecordBatch batch) override {
    benchmark::DoNotOptimize(batch.events.data());
    return core::Status::Ok();
  }
};

void BM_RecordsOff(benchmark::State& state) {
  DropSink sink;
  int64_t n = 0;
  for (auto _ : state) benchmark::DoNotOptimize(sink.Enqueue(TurnRecords(n++)).ok());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordsOff)->Unit(benchmark::kMicrosecond);

void BM_RecordsOnSqlite(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / ("aiv7-record-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  int64_t full_waits = 0;
  double seconds = 0;
  {
    auto database = db::SqliteDatabase::Open(dir / "ops.db");
    if (!database.ok()) {
      state.SkipWithError(database.error().message.c_str());
      return;
    }
    db::RecordQueueOptions options;
    options.journal_dir = dir / "journal";
    options.fsync_journal = state.range(0) != 0;
    auto queue = db::RecordQueue::Open((*database)->record_batches(), options);
    if (!queue.ok()) {
      state.SkipWithError(queue.error().message.c_str());
      return;
    }
    (*queue)->Start();
    int64_t n = 0;
    auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
      while (!(*queue)->Enqueue(TurnRecords(n)).ok()) {
        ++full_waits;
        std::this_thread::yield();
      }
      ++n;
    }
    (*queue)->Stop();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto stats = (*queue)->stats();
    state.counters["transactions"] = static_cast<double>(stats.transactions);
    state.counters["committed_rows_per_s"] = static_cast<double>(stats.committed * kRowsPerTurn) / seconds;
  }
  state.counters["full_waits"] = static_cast<double>(full_waits);
  state.SetItemsProcessed(state.iterations());
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_RecordsOnSqlite)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_RecordsJournalOnly(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / ("aiv7-record-bench-j-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto database = db::SqliteDatabase::Open(dir / "ops.db");
    if (!database.ok()) {
      state.SkipWithError(database.error().message.c_str());
      return;
    }
    db::RecordQueueOptions options;
    options.journal_dir = dir / "journal";
    options.capacity = 100'000'000;
    options.fsync_journal = state.range(0) != 0;
    auto queue = db::RecordQueue::Open((*database)->record_batches(), options);
    if (!queue.ok()) {
      state.SkipWithError(queue.error().message.c_str());
      return;
    }
    int64_t n = 0;
    for (auto _ : state) {
      if (!(*queue)->Enqueue(TurnRecords(n++)).ok()) state.SkipWithError("enqueue failed");
    }
    (*queue)->AbandonForTest();  // not measuring the drain here
  }
  state.SetItemsProcessed(state.iterations());
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_RecordsJournalOnly)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
