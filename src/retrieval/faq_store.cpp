#include "retrieval/faq_store.h"

#include "retrieval/builtin_intents.h"

#include <algorithm>

namespace retrieval {

namespace {
bool ContainsWords(std::string_view text, std::string_view words) {
  size_t pos = 0;
  while ((pos = text.find(words, pos)) != std::string_view::npos) {
    bool start_ok = pos == 0 || text[pos - 1] == ' ';
    size_t end = pos + words.size();
    bool end_ok = end == text.size() || text[end] == ' ';
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}
}  // namespace

SynonymMap::SynonymMap(const nlohmann::json& synonyms, const TextNormalizer& normalizer) {
  if (!synonyms.is_object() || !synonyms.contains("synonyms")) return;
  for (const auto& entry : synonyms["synonyms"]) {
    std::string canonical = normalizer.Normalize(entry.value("term", ""));
    for (const auto& variant : entry.value("variants", nlohmann::json::array())) {
      std::string v = normalizer.Normalize(variant.get<std::string>());
      if (v.empty() || v == canonical) continue;
      by_first_word_[SplitTokens(v).front()].push_back(variants_.size());
      variants_.push_back({SplitTokens(v), canonical});
    }
  }
}

std::vector<SynonymMap::Span> SynonymMap::Find(const std::vector<std::string>& words) const {
  std::vector<Span> spans;
  if (variants_.empty()) return spans;
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = by_first_word_.find(words[i]);
    if (it == by_first_word_.end()) continue;
    for (size_t v : it->second) {
      const Variant& variant = variants_[v];
      if (i + variant.words.size() <= words.size() &&
          std::equal(variant.words.begin(), variant.words.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
        spans.push_back({i, variant.words.size(), &variant.canonical});
      }
    }
  }
  return spans;
}

std::string SynonymMap::Expand(std::string_view normalized) const {
  std::string out(normalized);
  if (variants_.empty()) return out;
  for (const Span& span : Find(SplitTokens(normalized))) {
    if (!ContainsWords(out, *span.canonical)) {
      out += ' ';
      out += *span.canonical;
    }
  }
  return out;
}

namespace {

// Everyday paraphrases shoppers use for what FAQ entries usually say.
const nlohmann::json& EverydaySynonyms() {
  static const nlohmann::json kSynonyms = nlohmann::json::parse(R"({"synonyms": [
    {"term": "return", "variants": ["bring back", "bring it back", "send back", "send it back", "take back",
                                    "take it back"]},
    {"term": "refund", "variants": ["money back", "my money back", "reimburse"]},
    {"term": "job", "variants": ["hiring", "vacancy", "vacancies", "looking for staff", "work for you",
                                 "employment", "recruiting"]},
    {"term": "pay", "variants": ["payment", "paying", "card accepted", "take card", "take cards"]},
    {"term": "discount", "variants": ["offer", "deal", "promo", "promotion", "coupon", "voucher code"]}
  ]})");
  return kSynonyms;
}

}  // namespace

std::string FaqStore::Expand(std::string_view normalized) const {
  return everyday_.Expand(synonyms_.Expand(normalized));
}

std::unique_ptr<FaqStore> FaqStore::Build(const nlohmann::json& faq, const SynonymMap& synonyms,
                                          const TextNormalizer& normalizer) {
  std::unique_ptr<FaqStore> store(new FaqStore());
  store->synonyms_ = synonyms;
  store->everyday_ = SynonymMap(EverydaySynonyms(), normalizer);
  std::vector<LabelledExample> examples;
  if (faq.is_object() && faq.contains("faqs")) {
    for (const auto& item : faq["faqs"]) {
      Faq f;
      f.id = item.value("id", "");
      f.question = item.value("question", "");
      f.answer = item.value("answer", "");
      f.variants = item.value("variants", std::vector<std::string>{});
      f.tags = item.value("tags", std::vector<std::string>{});
      examples.push_back({f.id, store->Expand(normalizer.Normalize(f.question))});
      for (const auto& v : f.variants) {
        examples.push_back({f.id, store->Expand(normalizer.Normalize(v))});
      }
      std::string all = f.question + " " + f.answer;
      for (const auto& v : f.variants) all += " " + v;
      for (const auto& t : f.tags) all += " " + t;
      for (auto& w : SplitTokens(normalizer.Normalize(all))) {
        if (w.size() > 3 && w.back() == 's') f.words.insert(w.substr(0, w.size() - 1));
        f.words.insert(std::move(w));
      }
      store->faqs_.push_back(std::move(f));
    }
  }
  if (!examples.empty()) {
    // Rivals for what live data answers and for off-topic requests.
    for (const auto& [label, phrases] : BuiltInIntentPhrases()) {
      for (const auto& phrase : phrases) examples.push_back({label, store->Expand(normalizer.Normalize(phrase))});
    }
    store->model_ = IntentModel::Train(examples);
  }
  return store;
}

const Faq* FaqStore::FindById(std::string_view id) const {
  for (const auto& f : faqs_) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

FaqMatch FaqStore::Best(std::string_view normalized_question) const {
  if (!model_) return {};
  // The rival and the margin come from the top four, as they always have; a
  // fifth candidate may only add a close question.
  auto candidates = model_->Predict(Expand(normalized_question), 5);
  FaqMatch m;
  bool margin_set = false;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    bool rival = !c.label.empty() && c.label[0] == kBuiltInLabelPrefix;
    if (rival) {
      if (m.rival.empty() && !margin_set && i < 4) {
        m.rival = c.label;
        m.rival_score = c.confidence;
      }
      continue;
    }
    const Faq* faq = FindById(c.label);
    if (!m.faq) {
      if (i >= 4) break;
      m.faq = faq;
      m.score = c.confidence;
      continue;
    }
    if (!margin_set && i < 4) {
      m.margin = m.score - c.confidence;
      margin_set = true;
    }
    if (faq && faq != m.faq &&
        std::none_of(m.runners_up.begin(), m.runners_up.end(), [&](const auto& r) { return r.first == faq; })) {
      m.runners_up.emplace_back(faq, c.confidence);
    }
  }
  if (m.faq && m.margin == 0) m.margin = m.score;
  return m;
}

std::string FillPlaceholders(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    // A sentence ends after '.', '!' or '?' followed by a space, or at a newline.
    size_t end = start;
    while (end < text.size()) {
      char c = text[end];
      if (c == '\n') {
        ++end;
        break;
      }
      if ((c == '.' || c == '!' || c == '?') && (end + 1 == text.size() || text[end + 1] == ' ')) {
        end += end + 1 < text.size() ? 2 : 1;
        break;
      }
      ++end;
    }
    std::string_view sentence = text.substr(start, end - start);
    std::string filled;
    bool unresolved = false;
    for (size_t i = 0; i < sentence.size(); ++i) {
      if (sentence[i] == '{') {
        size_t close = sentence.find('}', i);
        if (close != std::string_view::npos) {
          std::string name(sentence.substr(i + 1, close - i - 1));
          auto it = values.find(name);
          if (it == values.end() || it->second.empty()) {
            unresolved = true;
            break;
          }
          filled += it->second;
          i = close;
          continue;
        }
      }
      filled += sentence[i];
    }
    if (!unresolved) out += filled;
    start = end;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace retrieval
