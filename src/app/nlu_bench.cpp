#include "app/nlu_bench.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

namespace app {

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

core::Result<NluSplit> ReadSplit(const nlohmann::json& doc, const char* name) {
  if (!doc.contains(name) || !doc[name].is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidJson, std::string("no \"") + name + "\" list");
  }
  NluSplit split;
  for (const auto& pair : doc[name]) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return core::MakeError(core::ErrorCode::kInvalidJson, std::string("\"") + name + "\" holds a non-[text, label] item");
    }
    split.texts.push_back(pair[0].get<std::string>());
    split.labels.push_back(pair[1].get<std::string>());
  }
  return split;
}

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// `shots` examples of every intent, drawn with `seed` (all when shots <= 0).
std::vector<retrieval::LabelledExample> TrainingExamples(const NluSplit& train, int shots, uint64_t seed,
                                                         const retrieval::TextNormalizer& normalizer) {
  std::vector<size_t> chosen;
  if (shots <= 0) {
    for (size_t i = 0; i < train.texts.size(); ++i) chosen.push_back(i);
  } else {
    std::map<std::string, std::vector<size_t>> by_label;
    for (size_t i = 0; i < train.texts.size(); ++i) by_label[train.labels[i]].push_back(i);
    uint64_t state = seed;
    for (auto& [label, indexes] : by_label) {
      for (size_t i = indexes.size(); i > 1; --i) std::swap(indexes[i - 1], indexes[SplitMix(state) % i]);
      size_t n = std::min(indexes.size(), static_cast<size_t>(shots));
      chosen.insert(chosen.end(), indexes.begin(), indexes.begin() + static_cast<std::ptrdiff_t>(n));
    }
    // Interleave intents as in the file, so the order does not group labels.
    std::sort(chosen.begin(), chosen.end());
  }
  std::vector<retrieval::LabelledExample> examples;
  examples.reserve(chosen.size());
  for (size_t i : chosen) examples.push_back({train.labels[i], normalizer.Normalize(train.texts[i])});
  return examples;
}

void Score(const retrieval::IntentModel& model, const retrieval::TextNormalizer& normalizer, const NluSplit& split,
           bool in_scope, std::vector<ScoredUtterance>& out) {
  for (size_t i = 0; i < split.texts.size(); ++i) {
    auto candidates = model.Predict(normalizer.Normalize(split.texts[i]), 1);
    ScoredUtterance s;
    s.in_scope = in_scope;
    s.label_correct = in_scope && !candidates.empty() && candidates[0].label == split.labels[i];
    s.confidence = candidates.empty() ? 0 : candidates[0].confidence;
    out.push_back(s);
  }
}

}  // namespace

core::Result<NluDataset> LoadClinc150(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::MakeError(core::ErrorCode::kIo, "cannot read " + path.string());
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return core::MakeError(core::ErrorCode::kInvalidJson, path.string() + " is not JSON");
  }
  NluDataset data;
  std::pair<const char*, NluSplit*> splits[] = {{"train", &data.train},
                                                {"val", &data.val},
                                                {"test", &data.test},
                                                {"oos_val", &data.oos_val},
                                                {"oos_test", &data.oos_test}};
  for (auto& [name, split] : splits) {
    auto read = ReadSplit(doc, name);
    if (!read.ok()) {
      return core::MakeError(core::ErrorCode::kInvalidJson, path.string() + ": " + read.error().message);
    }
    *split = std::move(*read);
  }
  return data;
}

ThresholdChoice ChooseThreshold(const std::vector<ScoredUtterance>& scored) {
  std::vector<ScoredUtterance> sorted = scored;
  std::sort(sorted.begin(), sorted.end(),
            [](const ScoredUtterance& a, const ScoredUtterance& b) { return a.confidence < b.confidence; });
  // Raising the threshold past an utterance rejects it: an out-of-scope one
  // becomes right, a correctly labelled in-scope one becomes wrong.
  long correct = 0;
  for (const auto& s : sorted) correct += s.label_correct ? 1 : 0;
  long best = correct;
  double best_threshold = sorted.front().confidence;  // rejects nothing
  size_t best_end = 0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j].confidence == sorted[i].confidence) {
      correct += !sorted[j].in_scope ? 1 : (sorted[j].label_correct ? -1 : 0);
      ++j;
    }
    if (correct > best) {
      best = correct;
      best_end = j;
    }
    i = j;
  }
  if (best_end > 0) {
    double below = sorted[best_end - 1].confidence;
    best_threshold = best_end < sorted.size() ? (below + sorted[best_end].confidence) / 2 : below + 1e-9;
  }
  return {best_threshold, static_cast<double>(best) / static_cast<double>(sorted.size())};
}

NluBenchResult RunNluBench(const NluDataset& data, const NluBenchOptions& options,
                           const retrieval::TextNormalizer& normalizer, std::ostream* progress) {
  NluBenchResult result;
  result.shots = options.shots;
  auto examples = TrainingExamples(data.train, options.shots, options.seed, normalizer);
  result.train_examples = examples.size();

  auto start = Clock::now();
  auto model = retrieval::IntentModel::Train(examples, options.model);
  result.train_seconds = SecondsSince(start);
  if (progress) {
    *progress << "trained on " << examples.size() << " examples, " << model->label_count() << " labels, "
              << model->feature_count() << " features (" << model->memory_bytes() / 1024 << " KiB) in "
              << result.train_seconds << " s\n";
  }

  std::vector<ScoredUtterance> val;
  Score(*model, normalizer, data.val, true, val);
  Score(*model, normalizer, data.oos_val, false, val);
  ThresholdChoice choice = ChooseThreshold(val);
  result.threshold = choice.threshold;
  result.val_accuracy = choice.accuracy;
  if (progress) *progress << "threshold " << choice.threshold << " (val+oos_val accuracy " << choice.accuracy << ")\n";

  std::vector<ScoredUtterance> test;
  Score(*model, normalizer, data.test, true, test);
  std::vector<ScoredUtterance> oos;
  Score(*model, normalizer, data.oos_test, false, oos);
  size_t accepted_correct = 0, correct = 0, rejected = 0;
  for (const auto& s : test) {
    correct += s.label_correct;
    accepted_correct += s.label_correct && s.confidence >= choice.threshold;
  }
  for (const auto& s : oos) rejected += s.confidence < choice.threshold;
  result.in_scope_accuracy = test.empty() ? 0 : static_cast<double>(accepted_correct) / test.size();
  result.in_scope_accuracy_no_threshold = test.empty() ? 0 : static_cast<double>(correct) / test.size();
  result.oos_recall = oos.empty() ? 0 : static_cast<double>(rejected) / oos.size();

  // Latency of what the router pays per message: normalise + predict.
  std::vector<const std::string*> texts;
  for (const auto& t : data.test.texts) texts.push_back(&t);
  for (const auto& t : data.oos_test.texts) texts.push_back(&t);
  size_t sink = 0;
  for (size_t i = 0; i < std::min<size_t>(texts.size(), 500); ++i) {
    sink += model->Predict(normalizer.Normalize(*texts[i]), 1).size();
  }
  const int kRounds = 3;
  start = Clock::now();
  for (int round = 0; round < kRounds; ++round) {
    for (const std::string* t : texts) sink += model->Predict(normalizer.Normalize(*t), 1).size();
  }
  double seconds = SecondsSince(start);
  result.us_per_utterance = texts.empty() || sink == 0 ? 0 : seconds * 1e6 / (kRounds * texts.size());
  if (progress) {
    *progress << "test: in-scope accuracy " << result.in_scope_accuracy << " (without rejection "
              << result.in_scope_accuracy_no_threshold << "), oos recall " << result.oos_recall << ", "
              << result.us_per_utterance << " us per utterance\n";
  }
  return result;
}

std::string NluBenchJson(const NluBenchResult& r) {
  char line[256];
  std::snprintf(line, sizeof line,
                "{\"in_scope_accuracy\": %.4f, \"oos_recall\": %.4f, \"threshold\": %.4f, \"train_seconds\": %.3f, "
                "\"us_per_utterance\": %.2f, \"shots\": %d}",
                r.in_scope_accuracy, r.oos_recall, r.threshold, r.train_seconds, r.us_per_utterance, r.shots);
  return line;
}

}  // namespace app
