// `aiv7 nlu-bench`: measures retrieval::IntentModel on the CLINC150 intent
// data set (Larson et al. 2019, "An Evaluation Dataset for Intent
// Classification and Out-of-Scope Prediction"), in the paper's oos-threshold
// setting:
//   - train on `train` (all of it, or N examples per intent picked with a
//     seed); oos_train is never used;
//   - choose the out-of-scope threshold on val + oos_val: the one with the
//     highest accuracy when out-of-scope is a 151st class;
//   - report on test + oos_test: in-scope accuracy (an utterance counts only
//     if it is not rejected and its label is right) and out-of-scope recall.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "retrieval/intent_model.h"
#include "retrieval/text_normalizer.h"

namespace app {

// One CLINC150 split: raw utterances and their labels ("oos" out of scope).
struct NluSplit {
  std::vector<std::string> texts;
  std::vector<std::string> labels;
};

struct NluDataset {
  NluSplit train, val, test, oos_val, oos_test;
};

// Reads data_full.json (or data_small.json). Errors: kIo when the file
// cannot be read, kInvalidJson when it is not the CLINC150 layout.
core::Result<NluDataset> LoadClinc150(const std::filesystem::path& path);

struct NluBenchOptions {
  int shots = 0;  // examples per intent; 0 = all of train
  uint64_t seed = 0;
  retrieval::IntentModelOptions model;
};

struct NluBenchResult {
  double in_scope_accuracy = 0;
  double oos_recall = 0;
  double threshold = 0;
  double train_seconds = 0;
  double us_per_utterance = 0;
  int shots = 0;
  // Extra figures (not in the JSON line): accuracy without rejection and
  // the 151-class accuracy on val + oos_val at the chosen threshold.
  double in_scope_accuracy_no_threshold = 0;
  double val_accuracy = 0;
  size_t train_examples = 0;
};

// A scored utterance: what the model answered and how sure it was.
struct ScoredUtterance {
  bool in_scope = true;       // the truth
  bool label_correct = false;  // top label == true label (in scope only)
  double confidence = 0;
};

struct ThresholdChoice {
  double threshold = 0;
  double accuracy = 0;  // with out-of-scope as one more class
};

// The paper's rule: the threshold maximising accuracy on `scored`, where an
// utterance is out of scope when its confidence is below the threshold.
// Picks the midpoint between the two confidences that bound the best
// plateau (the lowest such plateau on ties). REQUIRES: scored not empty.
ThresholdChoice ChooseThreshold(const std::vector<ScoredUtterance>& scored);

// Runs the benchmark; progress lines go to `progress` (may be null).
NluBenchResult RunNluBench(const NluDataset& data, const NluBenchOptions& options,
                           const retrieval::TextNormalizer& normalizer, std::ostream* progress);

// {"in_scope_accuracy": .., "oos_recall": .., "threshold": .., "train_seconds": ..,
//  "us_per_utterance": .., "shots": ..} on one line.
std::string NluBenchJson(const NluBenchResult& result);

}  // namespace app
