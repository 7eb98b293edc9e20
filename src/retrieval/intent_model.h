// IntentModel: a trained classifier from a short message to one of a set of
// labels (built-in intents, FAQ entries, tenant intents), learned from a few
// example phrases per label, with a confidence in [0, 1] on which the
// out-of-scope decision is a single threshold.
//
// Method (docs/nlu.md has the reasoning and the CLINC150 figures): word
// unigrams, word bigrams and character 3- and 4-grams of each word, hashed,
// sublinear tf-idf, L2-normalised; a multinomial logistic regression trained
// by SGD over a fixed-seed shuffle. The confidence is the label's softmax
// probability beyond chance, damped when the message is far from the
// label's examples (cosine with their centroid) -- strongly for models with
// few labels, where the probability alone cannot tell "none of these".
//
// Deterministic: the same examples (in the same order) and options give
// bit-identical models and scores on every x86-64 machine; training is
// single-threaded and reads no clock. Thread-safe: immutable after Train();
// Predict() may run concurrently from any number of threads.
// Cost: ~10 us per Predict on CLINC150 (150 labels); training ~50-80 ms for
// a 300-FAQ tenant, under a second for CLINC150's 15,000 examples.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>


namespace retrieval {

// One example utterance of a label (an FAQ entry, an intent).
struct LabelledExample {
  std::string label;
  std::string text;  // already normalized (TextNormalizer::Normalize)
};

struct IntentModelOptions {
  // Seeds the training shuffle; another seed gives a slightly different,
  // equally good model.
  uint64_t seed = 1;
  // Passes over the examples; 0 picks about 10,000 steps (3 to 30 passes).
  int epochs = 0;
  // Initial SGD step; it decays linearly to 0 over the training.
  double learning_rate = 3.0;
  // Cosine similarity to the label's centroid at and above which the
  // confidence is the (chance-corrected) probability itself; below it the
  // confidence shrinks in proportion. Applies in full up to 10 labels and
  // shrinks as 10 / labels beyond (see IntentCandidate::confidence).
  double similarity_floor = 0.3;
};

struct IntentCandidate {
  std::string label;
  // What a threshold is compared with, 0..1:
  //   max(0, (probability - 1/L) / (1 - 1/L)) * min(1, similarity / floor)
  // with L labels and floor = similarity_floor * min(1, 10 / L); 1-label
  // models use the similarity term alone. For tenants about 0.2 (0.15-0.3)
  // rejects unrelated questions and keeps paraphrases (docs/nlu.md).
  double confidence = 0;
  double probability = 0;  // softmax probability of the label, 0..1
  double similarity = 0;   // cosine similarity with the label's centroid, 0..1
};

class IntentModel {
 public:
  // Learns every label in `examples` (labels may repeat; order matters only
  // through the seeded shuffle). REQUIRES: texts are already normalized
  // (TextNormalizer::Normalize). Never fails: an example with no words still
  // counts as a label; no examples give a model that finds nothing.
  static std::unique_ptr<IntentModel> Train(const std::vector<LabelledExample>& examples,
                                            const IntentModelOptions& options = {});
  ~IntentModel();

  // The min(k, label_count()) most likely labels for `normalized_text`
  // (normalized like the examples), best first by probability, ties by
  // label. Words never seen in training count against the confidence.
  std::vector<IntentCandidate> Predict(std::string_view normalized_text, size_t k = 3) const;

  // True when the best candidate's confidence is below `threshold` (or
  // there is none): the message is about none of the labels.
  static bool OutOfScope(const std::vector<IntentCandidate>& candidates, double threshold) {
    return candidates.empty() || candidates.front().confidence < threshold;
  }

  size_t label_count() const;
  size_t example_count() const;
  size_t feature_count() const;  // distinct features seen in training
  size_t memory_bytes() const;   // approximate heap size of the model

 private:
  struct Impl;
  explicit IntentModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace retrieval
