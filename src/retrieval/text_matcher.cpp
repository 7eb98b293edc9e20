#include "retrieval/text_matcher.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace retrieval {

namespace {

// Words so common in questions that they say nothing about which question it is.
bool IsStopWord(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "a",  "an",  "the", "is",   "are", "do",   "does", "you", "your", "u",  "i",    "me",   "my",  "we",
      "to", "of",  "in",  "on",   "for", "it",   "and",  "or",  "can",  "be", "this", "that", "with", "at",
      "im", "ive", "am",  "have", "has", "there", "any", "so",  "pls",  "please", "hi", "hey", "hello"};
  return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}

uint64_t Hash(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Sparse feature vector: (feature id, weight), sorted by id.
using Vector = std::vector<std::pair<uint64_t, float>>;

uint64_t Mix(uint64_t a, uint64_t b) {
  a ^= b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2);
  return a;
}

// Feature hashes with their counts, merged and sorted by hash. Allocation
// light: this runs on every message.
void Features(std::string_view text, std::vector<std::pair<uint64_t, float>>& out) {
  out.clear();
  std::string_view words[64];
  size_t n_words = 0;
  size_t i = 0;
  while (i < text.size() && n_words < 64) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) words[n_words++] = text.substr(i, j - i);
    i = j + 1;
  }
  std::string_view content[64];
  size_t n_content = 0;
  for (size_t k = 0; k < n_words; ++k) {
    if (!IsStopWord(words[k])) content[n_content++] = words[k];
  }
  // Stop words still count a little when the text has nothing else.
  const std::string_view* used = n_content ? content : words;
  size_t n_used = n_content ? n_content : n_words;
  char padded[80];
  for (size_t k = 0; k < n_used; ++k) {
    uint64_t word_hash = Hash(used[k], 1);
    out.emplace_back(word_hash, 1.0f);
    if (k + 1 < n_used) out.emplace_back(Mix(word_hash, Hash(used[k + 1], 2)), 1.0f);
    size_t len = std::min<size_t>(used[k].size(), sizeof padded - 2);
    padded[0] = '<';
    std::copy(used[k].begin(), used[k].begin() + static_cast<std::ptrdiff_t>(len), padded + 1);
    padded[len + 1] = '>';
    std::string_view p(padded, len + 2);
    for (size_t n = 3; n <= 5 && n <= p.size(); ++n) {
      for (size_t q = 0; q + n <= p.size(); ++q) out.emplace_back(Hash(p.substr(q, n), 10 + n), 0.25f);
    }
  }
  std::sort(out.begin(), out.end());
  size_t w = 0;
  for (size_t r = 0; r < out.size(); ++r) {
    if (w > 0 && out[w - 1].first == out[r].first) {
      out[w - 1].second += out[r].second;
    } else {
      out[w++] = out[r];
    }
  }
  out.resize(w);
}

}  // namespace

struct TextMatcher::Impl {
  std::vector<std::string> labels;
  std::vector<uint32_t> example_label;  // example index -> label index
  std::unordered_map<uint64_t, float> idf;
  float unseen_idf = 1.0f;  // idf of a feature no example has
  // feature -> (example index, weight)
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, float>>> postings;

  Vector Vectorize(std::string_view text, bool training_time) const {
    std::vector<std::pair<uint64_t, float>> counts;
    Features(text, counts);
    Vector v;
    v.reserve(counts.size());
    double norm = 0;
    for (auto& [f, c] : counts) {
      auto it = idf.find(f);
      float w = (1.0f + std::log(c)) * (it == idf.end() ? unseen_idf : it->second);
      norm += double(w) * w;
      // Unseen features cannot match any example, but they still count in
      // the norm: a question mostly about something else must score low.
      if (it != idf.end() || training_time) v.emplace_back(f, w);
    }
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (auto& [f, w] : v) w = static_cast<float>(w / norm);
    }
    return v;
  }
};

TextMatcher::TextMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextMatcher::~TextMatcher() = default;

std::unique_ptr<TextMatcher> TextMatcher::Train(const std::vector<LabelledExample>& examples) {
  auto impl = std::make_unique<Impl>();
  std::unordered_map<std::string, uint32_t> label_index;
  std::unordered_map<uint64_t, int> document_frequency;
  std::vector<std::vector<std::pair<uint64_t, float>>> counts(examples.size());
  for (size_t e = 0; e < examples.size(); ++e) {
    auto [it, added] = label_index.emplace(examples[e].label, static_cast<uint32_t>(impl->labels.size()));
    if (added) impl->labels.push_back(examples[e].label);
    impl->example_label.push_back(it->second);
    Features(examples[e].text, counts[e]);
    for (auto& [f, c] : counts[e]) ++document_frequency[f];
  }
  double n = static_cast<double>(examples.size());
  for (auto& [f, df] : document_frequency) {
    impl->idf[f] = static_cast<float>(std::log((1.0 + n) / (1.0 + df)) + 1.0);
  }
  impl->unseen_idf = static_cast<float>(std::log(1.0 + n) + 1.0);
  for (size_t e = 0; e < examples.size(); ++e) {
    Vector v = impl->Vectorize(examples[e].text, true);
    for (auto& [f, w] : v) impl->postings[f].emplace_back(static_cast<uint32_t>(e), w);
  }
  return std::unique_ptr<TextMatcher>(new TextMatcher(std::move(impl)));
}

std::vector<MatchCandidate> TextMatcher::Match(std::string_view normalized_text, size_t k) const {
  Vector query = impl_->Vectorize(normalized_text, false);
  std::vector<float> scores(impl_->example_label.size(), 0.0f);
  for (auto& [f, w] : query) {
    auto it = impl_->postings.find(f);
    if (it == impl_->postings.end()) continue;
    for (auto& [example, ew] : it->second) scores[example] += w * ew;
  }
  std::vector<float> best(impl_->labels.size(), 0.0f);
  for (size_t example = 0; example < scores.size(); ++example) {
    uint32_t label = impl_->example_label[example];
    best[label] = std::max(best[label], scores[example]);
  }
  std::vector<MatchCandidate> out;
  for (size_t l = 0; l < best.size(); ++l) {
    if (best[l] > 0) out.push_back({impl_->labels[l], std::min(1.0, static_cast<double>(best[l]))});
  }
  std::sort(out.begin(), out.end(), [](const MatchCandidate& a, const MatchCandidate& b) {
    return a.score != b.score ? a.score > b.score : a.label < b.label;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

size_t TextMatcher::label_count() const { return impl_->labels.size(); }
size_t TextMatcher::example_count() const { return impl_->example_label.size(); }

}  // namespace retrieval
