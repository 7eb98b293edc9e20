// FaqStore: a tenant's FAQ entries and the matcher that finds the entry a
// shopper's question is about, from the question and its paraphrase variants.
// Synonyms from synonyms.json are applied to examples and questions alike.
// Thread-safe (immutable after Build).
#pragma once

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "retrieval/intent_model.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

struct Faq {
  std::string id;
  std::string question;
  std::string answer;  // may contain {placeholders}
  std::vector<std::string> variants;
  std::vector<std::string> tags;
  // Every normalized word of the question, variants, tags and answer (also
  // without a plural "s"): what the entry talks about.
  std::unordered_set<std::string> words;
  bool Mentions(const std::string& word) const {
    return words.count(word) || (word.size() > 3 && word.back() == 's' && words.count(word.substr(0, word.size() - 1)));
  }
};

struct FaqMatch {
  const Faq* faq = nullptr;
  double score = 0;   // 0..1
  double margin = 0;  // score minus the runner-up FAQ's score
  // The best built-in rival ("@hours", "@off_topic"...; see
  // builtin_intents.h) among the top candidates, if any, and its score.
  std::string rival;
  double rival_score = 0;
  // The next FAQs among the top candidates, best first, with their scores:
  // the questions to offer when the best one is not sure enough.
  std::vector<std::pair<const Faq*, double>> runners_up;
};

// Shopper words -> the shop's own terms, from synonyms.json.
class SynonymMap {
 public:
  SynonymMap() = default;
  SynonymMap(const nlohmann::json& synonyms, const TextNormalizer& normalizer);
  // `normalized` plus the canonical term of every variant it contains (as
  // whole words), so "keema" also says "mince".
  std::string Expand(std::string_view normalized) const;
  // Where variants occur in `words`: [start, start + length) stands for `canonical`.
  struct Span {
    size_t start = 0;
    size_t length = 0;
    const std::string* canonical = nullptr;
  };
  std::vector<Span> Find(const std::vector<std::string>& words) const;
  bool empty() const { return variants_.empty(); }

 private:
  struct Variant {
    std::vector<std::string> words;
    std::string canonical;
  };
  std::vector<Variant> variants_;
  // First word of a variant -> indexes into variants_, so Expand() looks
  // only at variants that can start at each word of the message.
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;
};

class FaqStore {
 public:
  // `faq` is faq.json or null.
  static std::unique_ptr<FaqStore> Build(const nlohmann::json& faq, const SynonymMap& synonyms,
                                         const TextNormalizer& normalizer);

  const std::vector<Faq>& faqs() const { return faqs_; }
  const Faq* FindById(std::string_view id) const;
  // Best entry for a normalized question; faq is null when nothing is close.
  FaqMatch Best(std::string_view normalized_question) const;

 private:
  FaqStore() = default;
  std::vector<Faq> faqs_;
  std::string Expand(std::string_view normalized) const;

  SynonymMap synonyms_;
  SynonymMap everyday_;  // everyday English paraphrases ("bring back" -> "return"), for every tenant
  std::unique_ptr<IntentModel> model_;
};

// Replaces {name} with values[name]. A sentence that still has a
// placeholder without a value is dropped whole, so a shopper never sees
// "{delivery_summary}" or a sentence with a hole in it.
std::string FillPlaceholders(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace retrieval
