// IntentModel: a trained classifier from a short message to one of a set of
// labels (built-in intents, FAQ entries, tenant intents), learned from a few
// example phrases per label, with a confidence in [0, 1] on which an
// out-of-scope decision is a single threshold.
//
// Method (docs/nlu.md has the reasoning and the CLINC150 figures): hashed
// word unigrams, word bigrams and character 2- to 5-grams of each word,
// sublinear tf-idf, L2-normalised; a multinomial logistic regression trained
// by averaged SGD over a fixed-seed shuffle. The confidence blends the
// regression's probability of a label with the cosine similarity of the
// message to the label's centroid, so a message made of words the model
// never saw scores low however few labels there are.
//
// Deterministic: the same examples (in the same order) and options give
// bit-identical models and scores; training is single-threaded and uses no
// clock. Thread-safe: immutable after Train(); Predict() may run
// concurrently from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retrieval/text_matcher.h"  // LabelledExample

namespace retrieval {

struct IntentModelOptions {
  // Seeds the training shuffle; another seed gives a slightly different,
  // equally good model.
  uint64_t seed = 1;
  // Passes over the examples; 0 picks about 10,000 steps (3 to 30 passes).
  int epochs = 0;
  // Initial SGD step; it decays linearly to 0 over the training.
  double learning_rate = 3.0;
  // Cosine similarity to the label's centroid at and above which the
  // confidence is the regression probability itself; below it the
  // confidence shrinks in proportion.
  double similarity_floor = 0.3;
};

struct IntentCandidate {
  std::string label;
  // probability * min(1, similarity / similarity_floor), 0..1: what a
  // threshold is compared with.
  double confidence = 0;
  double probability = 0;  // softmax probability of the label, 0..1
  double similarity = 0;   // cosine similarity with the label's centroid, 0..1
};

class IntentModel {
 public:
  // Learns every label in `examples` (labels may repeat; order matters only
  // through the seeded shuffle). REQUIRES: examples is not empty; texts are
  // already normalized (TextNormalizer::Normalize). Never fails: an example
  // with no words still counts toward its label.
  static std::unique_ptr<IntentModel> Train(const std::vector<LabelledExample>& examples,
                                            const IntentModelOptions& options = {});
  ~IntentModel();

  // The `k` most likely labels for `normalized_text`, best first (ties by
  // label). Empty only when k is 0.
  std::vector<IntentCandidate> Predict(std::string_view normalized_text, size_t k = 3) const;

  // True when the best candidate's confidence is below `threshold` (or
  // there is none): the message is about none of the labels.
  static bool OutOfScope(const std::vector<IntentCandidate>& candidates, double threshold) {
    return candidates.empty() || candidates.front().confidence < threshold;
  }

  size_t label_count() const;
  size_t example_count() const;
  size_t feature_count() const;  // distinct features seen in training

 private:
  struct Impl;
  explicit IntentModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace retrieval
