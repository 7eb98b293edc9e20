// Entity extraction alone (no normalisation, routing or retrieval): the
// scanners' share of a turn, on typical shopper messages and on one long
// message that would show a quadratic scanner.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "retrieval/text_normalizer.h"
#include "services/understanding/entity_extractor.h"

namespace {

struct Message {
  std::string raw;
  std::string normalized;
};

std::vector<Message> Prepare(const std::vector<std::string>& texts) {
  retrieval::TextNormalizer normalizer;
  std::vector<Message> out;
  for (const std::string& t : texts) out.push_back({t, normalizer.Normalize(t)});
  return out;
}

const std::vector<std::string> kMix = {
    "how much are lamb chops?",
    "do you deliver to LS6 2AB",
    "what time do you open on sunday",
    "bbq for 6 people",
    "Hi, I'm Sara. Need 2kg brisket for 8 people under £60, deliver to LS6 1AB tomorrow. "
    "07700 900123 / sara@example.com",
    "between £10 and £20 please",
    "can I collect on 24th december at 6pm",
    "half a kilo of mince and a dozen sausages",
    "my name is adam, phone +44 (0)7700 900123",
    "hello"};

void RunExtraction(benchmark::State& state, const std::vector<Message>& messages) {
  const services::ExtractionContext context;
  size_t i = 0;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    benchmark::DoNotOptimize(services::ExtractEntities(m.raw, m.normalized, context));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_ExtractEntitiesMix(benchmark::State& state) {
  static const std::vector<Message> messages = Prepare(kMix);
  RunExtraction(state, messages);
}
BENCHMARK(BM_ExtractEntitiesMix)->Unit(benchmark::kMicrosecond);

// 16 KiB of everything at once: ten times the text should cost about ten
// times as much.
void BM_ExtractEntitiesLong(benchmark::State& state) {
  static const std::vector<Message> messages = [] {
    std::string text;
    while (text.size() < 16 * 1024) text += "I'm looking for 2kg at 12:30 on 24/12 for £10 or 07700 900123 ";
    return Prepare({text});
  }();
  RunExtraction(state, messages);
}
BENCHMARK(BM_ExtractEntitiesLong)->Unit(benchmark::kMicrosecond);

}  // namespace
