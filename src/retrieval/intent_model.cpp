#include "retrieval/intent_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace retrieval {

namespace {

// Feature kinds live in the top two bits of a feature's hash, so a word and
// a character gram with equal bytes stay apart.
enum FeatureGroup : uint64_t { kWord = 0, kBigram = 1, kCharGram = 2 };
constexpr uint64_t kGroupShift = 62;
constexpr uint64_t kHashMask = (uint64_t{1} << kGroupShift) - 1;

// Feature weights before tf-idf and L2 normalisation: a whole word counts
// twice as much as a bigram or a character gram. Character grams of 3 and 4
// bytes: 2-grams cost a third of the scoring time and gained nothing on
// CLINC150, 5-grams gained nothing either (docs/nlu.md).
constexpr float kGroupWeight[3] = {2.0f, 1.0f, 1.0f};
constexpr size_t kCharMin = 3;
constexpr size_t kCharMax = 4;

// Label counts up to this get the full similarity floor (see Predict).
constexpr double kFewLabels = 10;

constexpr uint64_t kFnvBasis = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Finish(uint64_t h) {
  // splitmix64's finaliser: FNV alone leaves the low bits (the hash table's
  // slot) poorly mixed.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

uint64_t Tagged(uint64_t h, FeatureGroup group) { return (Finish(h) & kHashMask) | (uint64_t{group} << kGroupShift); }
FeatureGroup GroupOf(uint64_t tagged) { return static_cast<FeatureGroup>(tagged >> kGroupShift); }

uint64_t HashWord(std::string_view w) {
  uint64_t h = kFnvBasis;
  for (unsigned char c : w) h = (h ^ c) * kFnvPrime;
  return h;
}

// Every feature occurrence of `text` as a tagged hash (duplicates kept).
void FeatureHashes(std::string_view text, std::vector<uint64_t>& out) {
  out.clear();
  constexpr size_t kMaxWords = 64;
  constexpr size_t kMaxWordBytes = 40;
  uint64_t previous = HashWord("<s>");
  size_t words = 0;
  size_t i = 0;
  while (i < text.size() && words < kMaxWords) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view w = text.substr(i, std::min(j - i, kMaxWordBytes));
    i = j + 1;
    if (w.empty()) continue;
    ++words;
    uint64_t h = HashWord(w);
    out.push_back(Tagged(h, kWord));
    out.push_back(Tagged(previous * 31 + h, kBigram));
    previous = h;
    // Character grams of "<word>": typos, plurals and other inflections
    // still share most of them with the example's spelling.
    char padded[kMaxWordBytes + 2];
    padded[0] = '<';
    std::copy(w.begin(), w.end(), padded + 1);
    padded[w.size() + 1] = '>';
    const size_t len = w.size() + 2;
    for (size_t start = 0; start < len; ++start) {
      uint64_t g = kFnvBasis;
      for (size_t n = 1; n <= kCharMax && start + n <= len; ++n) {
        g = (g ^ static_cast<unsigned char>(padded[start + n - 1])) * kFnvPrime;
        if (n >= kCharMin && !(n == len && len > 2)) out.push_back(Tagged(g + n, kCharGram));
      }
    }
  }
  if (words > 0) out.push_back(Tagged(previous * 31 + HashWord("</s>"), kBigram));

}

// Open-addressing map from feature hash to a dense feature id and the
// feature's idf, kept in one slot so a lookup costs one cache miss.
class FeatureIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;
  struct Slot {
    uint64_t key = 0;
    uint32_t id = kMissing;
    float idf = 0;
  };

  // Adds `key` if new; returns its id.
  uint32_t Insert(uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t i = key & mask_;
    while (slots_[i].id != kMissing) {
      if (slots_[i].key == key) return slots_[i].id;
      i = (i + 1) & mask_;
    }
    slots_[i] = {key, static_cast<uint32_t>(size_++), 0};
    return slots_[i].id;
  }
  // Null when `key` was never inserted.
  const Slot* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    size_t i = key & mask_;
    while (slots_[i].id != kMissing) {
      if (slots_[i].key == key) return &slots_[i];
      i = (i + 1) & mask_;
    }
    return nullptr;
  }
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[key & mask_]);
  }
  void SetIdf(const std::vector<float>& idf_by_id) {
    for (Slot& s : slots_) {
      if (s.id != kMissing) s.idf = idf_by_id[s.id];
    }
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.size() * sizeof(Slot); }

 private:
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kMissing) continue;
      size_t i = s.key & mask_;
      while (slots_[i].id != kMissing) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// z[0..n) += v * row[0..n): the inner loop of scoring. Built for AVX2 too
// where the CPU has it; each element gets the same single multiply and add
// either way, so scores do not depend on the machine.
__attribute__((target_clones("avx2", "default"))) void AddScaled(float* z, const float* row, float v, size_t n) {
  for (size_t l = 0; l < n; ++l) z[l] += v * row[l];
}

// z[l] = e^(z[l] - max) for l in [0, n), within 2e-4 relative error (the
// Taylor polynomial of 2^f to degree 5 after taking out 2^i): the training
// softmax, where std::exp took a sixth of the time. Written so the compiler
// vectorises it (with -fno-trapping-math, see CMakeLists.txt), again with
// the same operations at every vector width.
__attribute__((target_clones("avx2", "default"))) void ExpShifted(float* z, float max, size_t n) {
  for (size_t l = 0; l < n; ++l) {
    float t = (z[l] - max) * 1.44269504f;
    t = t > -126.0f ? t : -126.0f;
    int i = static_cast<int>(t);
    i -= t < static_cast<float>(i);
    const float f = t - static_cast<float>(i);
    const float p =
        1.0f + f * (0.693147182f + f * (0.240226507f + f * (0.0555041087f + f * (0.00961812911f + f * 0.00133335581f))));
    const uint32_t bits = static_cast<uint32_t>(i + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    z[l] = p * scale;
  }
}

struct SparseVector {
  std::vector<std::pair<uint32_t, float>> entries;  // (feature id, weight)
};

// splitmix64: a tiny, fully specified generator, so the shuffle is the same
// with every standard library.
uint64_t NextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  return Finish(z ^ (z >> 1)) ^ z;
}

// A weight per (feature, label), by feature. A feature most labels use (a
// common character gram) gets a dense row, scored with vector instructions;
// the others keep a short list of (label, weight). Mutable while training,
// then frozen into one contiguous block.
class LabelWeights {
 public:
  LabelWeights() = default;
  LabelWeights(size_t features, size_t labels)
      : L_(labels), dense_row_(features, kSparse), lists_(features), stamp_(labels, UINT32_MAX) {}

  // z[l] += sum over x of value * weight(feature, l).
  void AddTo(const SparseVector& x, float* z) const {
    if (frozen_) {
      // The rows are cache misses; asking for all of them first lets the
      // loads overlap.
      for (const auto& [f, v] : x.entries) {
        if (dense_row_[f] != kSparse) {
          const float* row = &dense_[size_t{dense_row_[f]} * L_];
          for (size_t l = 0; l < L_; l += 16) __builtin_prefetch(row + l);
        } else {
          __builtin_prefetch(entries_.data() + start_[f]);
        }
      }
    }
    for (const auto& [f, v] : x.entries) {
      if (dense_row_[f] != kSparse) {
        AddScaled(z, &dense_[size_t{dense_row_[f]} * L_], v, L_);
      } else if (frozen_) {
        for (uint32_t e = start_[f]; e < start_[f + 1]; ++e) z[entries_[e].first] += v * entries_[e].second;
      } else {
        for (const auto& [l, w] : lists_[f]) z[l] += v * w;
      }
    }
  }

  // sum over x of value * weight(feature, label). REQUIRES: frozen.
  float Dot(const SparseVector& x, uint32_t label) const {
    float sum = 0;
    for (const auto& [f, v] : x.entries) {
      if (dense_row_[f] != kSparse) {
        sum += v * dense_[size_t{dense_row_[f]} * L_ + label];
        continue;
      }
      auto first = entries_.begin() + start_[f], last = entries_.begin() + start_[f + 1];
      auto it = std::lower_bound(first, last, label, [](const auto& e, uint32_t l) { return e.first < l; });
      if (it != last && it->first == label) sum += v * it->second;
    }
    return sum;
  }

  // weight(f, l) += v * gradient[l] for every l in `labels`. REQUIRES: not
  // frozen; gradient[l] != 0 exactly for the l in `labels`.
  void Add(uint32_t f, float v, const std::vector<uint32_t>& labels, const float* gradient) {
    if (dense_row_[f] != kSparse) {
      float* row = &dense_[size_t{dense_row_[f]} * L_];
      for (uint32_t l : labels) row[l] += v * gradient[l];
      return;
    }
    auto& list = lists_[f];
    size_t found = 0;
    for (auto& [l, w] : list) {
      if (gradient[l] != 0) {
        w += v * gradient[l];
        stamp_[l] = f;
        ++found;
      }
    }
    if (found < labels.size()) {
      for (uint32_t l : labels) {
        if (stamp_[l] != f) list.emplace_back(l, v * gradient[l]);
      }
    }
    for (uint32_t l : labels) stamp_[l] = UINT32_MAX;
    if (list.size() * kDenseFraction > L_) MakeDense(f);
  }

  void Set(uint32_t f, uint32_t l, float w) {
    lists_[f].emplace_back(l, w);
    if (lists_[f].size() * kDenseFraction > L_) MakeDense(f);
  }

  size_t MemoryBytes() const {
    return dense_row_.size() * sizeof(uint32_t) + dense_.size() * sizeof(float) + start_.size() * sizeof(uint32_t) +
           entries_.size() * sizeof(entries_[0]);
  }

  // Packs the short lists into one block; the weights are read-only after.
  // With `center`, each dense row first loses its median (adding the same
  // amount to every label's score changes no softmax probability), and
  // weights within `prune` of 0 are dropped: most of a common feature's
  // weights say nothing, and rows that become short leave the dense block.
  void Freeze(bool center = false, float prune = 0) {
    if (center || prune > 0) {
      std::vector<float> dense;
      std::vector<float> sorted(L_);
      for (size_t f = 0; f < dense_row_.size(); ++f) {
        if (dense_row_[f] == kSparse) continue;
        float* row = &dense_[size_t{dense_row_[f]} * L_];
        if (center) {
          std::copy(row, row + L_, sorted.begin());
          std::nth_element(sorted.begin(), sorted.begin() + L_ / 2, sorted.end());
          const float median = sorted[L_ / 2];
          for (size_t l = 0; l < L_; ++l) row[l] -= median;
        }
        size_t kept = 0;
        for (size_t l = 0; l < L_; ++l) kept += std::fabs(row[l]) > prune;
        if (kept * kDenseFraction > L_) {
          dense_row_[f] = static_cast<uint32_t>(dense.size() / L_);
          dense.insert(dense.end(), row, row + L_);
        } else {
          for (size_t l = 0; l < L_; ++l) {
            if (std::fabs(row[l]) > prune) lists_[f].emplace_back(static_cast<uint32_t>(l), row[l]);
          }
          dense_row_[f] = kSparse;
        }
      }
      for (auto& list : lists_) {
        list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& e) { return std::fabs(e.second) <= prune; }),
                   list.end());
      }
      dense_ = std::move(dense);
    }
    start_.assign(lists_.size() + 1, 0);
    for (size_t f = 0; f < lists_.size(); ++f) {
      std::sort(lists_[f].begin(), lists_[f].end());
      start_[f + 1] = start_[f] + static_cast<uint32_t>(lists_[f].size());
      entries_.insert(entries_.end(), lists_[f].begin(), lists_[f].end());
    }
    lists_.clear();
    lists_.shrink_to_fit();
    stamp_.clear();
    stamp_.shrink_to_fit();
    frozen_ = true;
  }

 private:
  static constexpr uint32_t kSparse = UINT32_MAX;
  // A row turns dense once more than 1/kDenseFraction of the labels use it.
  static constexpr size_t kDenseFraction = 8;

  void MakeDense(uint32_t f) {
    dense_row_[f] = static_cast<uint32_t>(dense_.size() / L_);
    dense_.resize(dense_.size() + L_, 0.0f);
    float* row = &dense_[size_t{dense_row_[f]} * L_];
    for (const auto& [l, w] : lists_[f]) row[l] += w;
    lists_[f].clear();
    lists_[f].shrink_to_fit();
  }

  size_t L_ = 0;
  std::vector<uint32_t> dense_row_;  // by feature: row in dense_, or kSparse
  std::vector<float> dense_;
  std::vector<std::vector<std::pair<uint32_t, float>>> lists_;  // while training
  std::vector<uint32_t> stamp_;                                 // feature whose list last held a label
  bool frozen_ = false;
  std::vector<uint32_t> start_;                     // frozen lists, by feature, F + 1
  std::vector<std::pair<uint32_t, float>> entries_;  // (label, weight)
};

}  // namespace

struct IntentModel::Impl {
  IntentModelOptions options;
  std::vector<std::string> labels;
  size_t examples = 0;
  FeatureIndex index;
  float unseen_idf = 1;
  LabelWeights weights;    // regression weights
  LabelWeights centroids;  // L2-normalised label centroids

  struct Scratch {
    std::vector<uint64_t> hashes;
    std::vector<float> counts;
  };

  // Tf-idf vector of `text`; unseen features count toward the norm only, so
  // a message mostly about something else is far from every centroid.
  void Vectorize(std::string_view text, Scratch& work, SparseVector& out) const {
    std::vector<uint64_t>& scratch = work.hashes;
    std::vector<float>& counts = work.counts;
    FeatureHashes(text, scratch);
    std::sort(scratch.begin(), scratch.end());
    // Distinct hashes with their counts, then all slots fetched at once:
    // the lookups are cache misses, and this lets them overlap.
    out.entries.clear();
    counts.clear();
    size_t distinct = 0;
    for (size_t r = 0; r < scratch.size();) {
      size_t e = r;
      while (e < scratch.size() && scratch[e] == scratch[r]) ++e;
      scratch[distinct] = scratch[r];
      index.Prefetch(scratch[r]);
      counts.push_back(static_cast<float>(e - r));
      ++distinct;
      r = e;
    }
    double norm = 0;
    for (size_t i = 0; i < distinct; ++i) {
      const FeatureIndex::Slot* slot = index.Find(scratch[i]);
      float w = kGroupWeight[GroupOf(scratch[i])] * (1.0f + std::log(counts[i])) * (slot ? slot->idf : unseen_idf);
      norm += double(w) * w;
      if (slot) out.entries.emplace_back(slot->id, w);
    }
    if (norm > 0) {
      float inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (auto& [id, w] : out.entries) w *= inv;
    }
  }
};

namespace {

// Multinomial logistic regression by SGD with a linearly decaying step.
// Each step updates only the true label and the labels the model currently
// gives more than kMinProbability: the others' gradients are negligible,
// and skipping them keeps the weights sparse (a feature has weights only
// for labels that use it or are confused with one that does), which is
// what makes a 300-label tenant train in milliseconds. No bias: a label's
// score is its features' evidence alone.
class Trainer {
 public:
  static constexpr float kMinProbability = 0.01f;

  Trainer(size_t features, size_t labels)
      : L_(labels), weights_(features, labels), z_(labels), gradient_(labels, 0.0f) {}

  void Step(const SparseVector& x, uint32_t y, float lr) {
    std::fill(z_.begin(), z_.end(), 0.0f);
    weights_.AddTo(x, z_.data());
    ExpShifted(z_.data(), *std::max_element(z_.begin(), z_.end()), L_);
    float sum = 0;
    for (size_t l = 0; l < L_; ++l) sum += z_[l];
    const float inv = 1.0f / sum;
    update_.clear();
    for (uint32_t l = 0; l < L_; ++l) {
      const float p = z_[l] * inv;
      if (l == y) {
        gradient_[l] = lr * (1.0f - p);
      } else if (p > kMinProbability) {
        gradient_[l] = -lr * p;
      } else {
        continue;
      }
      // A label whose gradient rounds to 0 stays out, as Add() requires.
      if (gradient_[l] != 0) update_.push_back(l);
    }
    for (const auto& [f, v] : x.entries) weights_.Add(f, v, update_, gradient_.data());
    for (uint32_t l : update_) gradient_[l] = 0;
  }

  LabelWeights Finish() {
    weights_.Freeze(/*center=*/true, /*prune=*/0.05f);
    return std::move(weights_);
  }

 private:
  size_t L_;
  LabelWeights weights_;
  std::vector<float> z_;
  std::vector<float> gradient_;  // non-zero only for the labels in update_
  std::vector<uint32_t> update_;
};

}  // namespace

IntentModel::IntentModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IntentModel::~IntentModel() = default;

std::unique_ptr<IntentModel> IntentModel::Train(const std::vector<LabelledExample>& examples,
                                                const IntentModelOptions& options) {
  auto impl = std::make_unique<Impl>();
  Impl& m = *impl;
  m.options = options;
  m.examples = examples.size();

  std::unordered_map<std::string, uint32_t> label_index;
  std::vector<uint32_t> y(examples.size());
  std::vector<uint64_t> scratch;
  std::vector<uint32_t> document_frequency;
  for (size_t e = 0; e < examples.size(); ++e) {
    auto [it, added] = label_index.emplace(examples[e].label, static_cast<uint32_t>(m.labels.size()));
    if (added) m.labels.push_back(examples[e].label);
    y[e] = it->second;
    FeatureHashes(examples[e].text, scratch);
    std::sort(scratch.begin(), scratch.end());
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
    for (uint64_t h : scratch) {
      uint32_t id = m.index.Insert(h);
      if (id == document_frequency.size()) document_frequency.push_back(0);
      ++document_frequency[id];
    }
  }
  const size_t F = m.index.size();
  const size_t L = m.labels.size();
  const double n = static_cast<double>(examples.size());
  {
    std::vector<float> idf(F);
    for (size_t f = 0; f < F; ++f) idf[f] = static_cast<float>(std::log((1.0 + n) / (1.0 + document_frequency[f])) + 1.0);
    m.index.SetIdf(idf);
  }
  m.unseen_idf = static_cast<float>(std::log(1.0 + n) + 1.0);

  std::vector<SparseVector> x(examples.size());
  Impl::Scratch work;
  for (size_t e = 0; e < examples.size(); ++e) m.Vectorize(examples[e].text, work, x[e]);

  {
    // Centroids: the mean of each label's example vectors, L2-normalised.
    std::vector<std::tuple<uint32_t, uint32_t, float>> cells;  // (label, feature, value)
    for (size_t e = 0; e < examples.size(); ++e) {
      for (const auto& [f, v] : x[e].entries) cells.emplace_back(y[e], f, v);
    }
    std::sort(cells.begin(), cells.end());
    m.centroids = LabelWeights(F, L);
    for (size_t c = 0; c < cells.size();) {
      const uint32_t label = std::get<0>(cells[c]);
      size_t end = c;
      double norm = 0;
      std::vector<std::pair<uint32_t, double>> centroid;
      while (end < cells.size() && std::get<0>(cells[end]) == label) {
        const uint32_t f = std::get<1>(cells[end]);
        double sum = 0;
        while (end < cells.size() && std::get<0>(cells[end]) == label && std::get<1>(cells[end]) == f) {
          sum += std::get<2>(cells[end++]);
        }
        centroid.emplace_back(f, sum);
        norm += sum * sum;
      }
      norm = norm > 0 ? std::sqrt(norm) : 1;
      for (const auto& [f, v] : centroid) m.centroids.Set(f, label, static_cast<float>(v / norm));
      c = end;
    }
    m.centroids.Freeze();
  }

  int epochs = options.epochs;
  if (epochs <= 0) {
    // About 10,000 steps, 3 to 30 passes: a small tenant sees each example
    // often, CLINC150's 15,000 examples three times (within a second).
    epochs = static_cast<int>(std::clamp<size_t>(10000 / std::max<size_t>(1, examples.size()), 3, 30));
  }
  Trainer trainer(F, L);
  std::vector<uint32_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t rng = options.seed;
  const double total_steps = static_cast<double>(epochs) * static_cast<double>(examples.size());
  double step = 0;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[NextRandom(rng) % i]);
    for (uint32_t e : order) {
      trainer.Step(x[e], y[e], static_cast<float>(options.learning_rate * (1.0 - step / total_steps)));
      step += 1;
    }
  }
  m.weights = trainer.Finish();
  return std::unique_ptr<IntentModel>(new IntentModel(std::move(impl)));
}

std::vector<IntentCandidate> IntentModel::Predict(std::string_view normalized_text, size_t k) const {
  const Impl& m = *impl_;
  const size_t L = m.labels.size();
  if (L == 0 || k == 0) return {};
  Impl::Scratch work;
  SparseVector x;
  m.Vectorize(normalized_text, work, x);
  std::vector<float> z(L, 0.0f);
  m.weights.AddTo(x, z.data());
  const float max_z = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (size_t l = 0; l < L; ++l) sum += std::exp(double(z[l] - max_z));

  std::vector<uint32_t> top(L);
  std::iota(top.begin(), top.end(), 0);
  k = std::min(k, L);
  std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(), [&](uint32_t a, uint32_t b) {
    return z[a] != z[b] ? z[a] > z[b] : m.labels[a] < m.labels[b];
  });
  // The probability only compares the labels with each other. Many labels
  // cover much of what people say, and a message unlike all of them spreads
  // its probability thin; a few labels leave most of the world unexplained,
  // and a message about something else still lands on one of them with a
  // high probability. So the fewer the labels, the more a message must also
  // resemble the label's examples (centroid similarity) to count.
  const double floor = m.options.similarity_floor * std::min(1.0, kFewLabels / static_cast<double>(L));
  std::vector<IntentCandidate> out;
  out.reserve(k);
  for (size_t r = 0; r < k; ++r) {
    const uint32_t l = top[r];
    IntentCandidate c;
    c.label = m.labels[l];
    c.probability = std::exp(double(z[l] - max_z)) / sum;
    c.similarity = std::clamp(static_cast<double>(m.centroids.Dot(x, l)), 0.0, 1.0);
    // The probability beyond chance (with 2 labels even noise gets 0.5), so
    // one threshold means about the same for 2 labels and for 300.
    const double chance = 1.0 / static_cast<double>(L);
    const double beyond_chance = L > 1 ? std::max(0.0, (c.probability - chance) / (1 - chance)) : 1.0;
    c.confidence = beyond_chance * std::min(1.0, c.similarity / floor);
    out.push_back(std::move(c));
  }
  return out;
}

size_t IntentModel::label_count() const { return impl_->labels.size(); }
size_t IntentModel::example_count() const { return impl_->examples; }
size_t IntentModel::feature_count() const { return impl_->index.size(); }

size_t IntentModel::memory_bytes() const {
  size_t bytes = sizeof(Impl) + impl_->index.MemoryBytes() + impl_->weights.MemoryBytes() +
                 impl_->centroids.MemoryBytes();
  for (const auto& label : impl_->labels) bytes += sizeof(label) + label.capacity();
  return bytes;
}

}  // namespace retrieval
