// TextMatcher: maps a short text to the closest label learned from a handful
// of example phrases per label (FAQ entries and their variants, built-in
// intents), with a similarity score in [0, 1] used for out-of-scope rejection.
//
// Method: TF-IDF over word unigrams, word bigrams and character 3- to 5-grams
// of each word (so typos and inflections still share most features),
// sublinear term frequency, L2-normalised vectors; the score of a label is
// the best cosine similarity to any of its examples (nearest neighbour),
// found through an inverted index. Deterministic; no randomness.
//
// Thread-safe: immutable after Train(); Match() may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace retrieval {

struct LabelledExample {
  std::string label;
  std::string text;  // already normalized (TextNormalizer::Normalize)
};

struct MatchCandidate {
  std::string label;
  double score = 0;  // cosine similarity of the nearest example, 0..1
};

class TextMatcher {
 public:
  // Learns from `examples`; labels may repeat (several examples per label).
  static std::unique_ptr<TextMatcher> Train(const std::vector<LabelledExample>& examples);
  ~TextMatcher();

  // The best `k` labels for `normalized_text`, best first; empty when no
  // feature is shared with any example.
  std::vector<MatchCandidate> Match(std::string_view normalized_text, size_t k = 3) const;

  size_t label_count() const;
  size_t example_count() const;

 private:
  struct Impl;
  explicit TextMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace retrieval
