#include "retrieval/catalog_terms.h"

#include <algorithm>
#include <iterator>

#include "retrieval/text_normalizer.h"

namespace retrieval::catalog_terms {

namespace {

// A word in the name counts most; then category name and tags; then prose.
constexpr Xapian::termcount kNameWdf = 3;
constexpr Xapian::termcount kCategoryWdf = 2;
constexpr Xapian::termcount kTagWdf = 2;
constexpr Xapian::termcount kDescriptionWdf = 1;

// TermGenerator's limit: longer "words" are noise (URLs, codes).
constexpr size_t kMaxWordBytes = 64;

constexpr const char* kStopWords[] = {
    "a",       "about", "an",   "and",   "any",  "anything", "are",   "as",    "at",    "be",
    "buy",     "by",    "can",  "could", "do",   "does",     "dont",  "for",   "from",  "get",
    "got",     "have",  "how",  "i",     "im",   "in",       "is",    "it",    "its",   "like",
    "looking", "me",    "much", "my",    "need", "of",       "on",    "or",    "our",   "please",
    "sell",    "show",  "some", "that",  "the",  "there",    "these", "this",  "those", "to",
    "want",    "we",    "what", "which", "with", "would",    "you",   "your",
};

}  // namespace

bool IsIndexable(const std::string& word) {
  if (word.empty() || word.size() > kMaxWordBytes) return false;
  return Xapian::Unicode::is_wordchar(*Xapian::Utf8Iterator(word));
}

std::span<const char* const> StopWords() { return kStopWords; }

bool IsStopWord(std::string_view word) {
  return std::any_of(std::begin(kStopWords), std::end(kStopWords), [word](const char* stop) { return word == stop; });
}

bool StartsWithLetter(std::string_view word) {
  if (word.empty()) return false;
  switch (Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word.data(), word.size()))) {
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::UPPERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string SearchTerm(const Xapian::Stem& stem, const std::string& word) {
  return StartsWithLetter(word) ? "Z" + stem(word) : word;
}

std::string FullNameTerm(const std::vector<std::string>& terms) {
  std::string term(kFullNamePrefix);
  term += Join(terms);
  return term.size() <= kMaxTermBytes && !terms.empty() ? term : std::string();
}

TermCache::Entry& TermCache::Get(const std::string& word) {
  auto it = cache_.find(word);
  if (it == cache_.end()) it = cache_.emplace(word, Entry{SearchTerm(stem_, word), IsStopWord(word), false}).first;
  return it->second;
}

std::unordered_set<size_t> TermCache::IndexedTermHashes() const {
  std::unordered_set<size_t> hashes;
  for (const auto& [word, entry] : cache_) {
    if (entry.indexed) hashes.insert(std::hash<std::string>()(entry.term));
  }
  return hashes;
}

PhraseTable::PhraseTable(const std::vector<SynonymGroup>& synonyms, TermCache& terms) : cache_(terms) {
  for (const auto& group : synonyms) {
    std::vector<std::string> words = SplitTokens(group.term);
    if (words.size() < 2) continue;
    std::vector<std::string> phrase_terms;
    for (const auto& w : words) phrase_terms.push_back(cache_(w));
    std::string term = std::string(kPhrasePrefix) + Join(phrase_terms);
    if (term.size() > kMaxTermBytes || by_term_.count(term)) continue;
    by_term_[term] = phrases_.size();
    by_first_[phrase_terms.front()].push_back(phrases_.size());
    phrases_.push_back({std::move(phrase_terms), std::move(term), 0});
  }
}

void PhraseTable::Scan(const std::vector<const std::string*>& terms, Xapian::termcount wdf,
                       std::unordered_map<size_t, Xapian::termcount>& found) const {
  if (phrases_.empty()) return;
  for (size_t i = 0; i < terms.size(); ++i) {
    auto it = by_first_.find(*terms[i]);
    if (it == by_first_.end()) continue;
    for (size_t p : it->second) {
      const auto& phrase = phrases_[p].terms;
      if (i + phrase.size() > terms.size()) continue;
      bool match = true;
      for (size_t k = 1; k < phrase.size() && match; ++k) match = *terms[i + k] == phrase[k];
      if (match) found[p] += wdf;
    }
  }
}

void PhraseTable::AddTerms(const std::unordered_map<size_t, Xapian::termcount>& found, Xapian::Document& doc) {
  for (const auto& [p, wdf] : found) {
    doc.add_term(phrases_[p].term, wdf);
    ++phrases_[p].doc_count;
  }
}

std::optional<std::string> PhraseTable::IndexedTerm(const std::string& text) {
  std::vector<std::string> phrase_terms;
  for (const auto& w : SplitTokens(text)) phrase_terms.push_back(cache_(w));
  auto it = by_term_.find(std::string(kPhrasePrefix) + Join(phrase_terms));
  if (it == by_term_.end() || phrases_[it->second].doc_count == 0) return std::nullopt;
  return phrases_[it->second].term;
}

const std::vector<const std::string*>& DocumentBuilder::AddField(const std::string& text, Xapian::termcount wdf,
                                                                 bool spelling, Xapian::Document& doc) {
  field_terms_.clear();
  for (const auto& word : SplitTokens(text)) {
    if (!IsIndexable(word)) continue;
    TermCache::Entry& entry = terms_.Get(word);
    field_terms_.push_back(&entry.term);
    // Queries drop stop words, so their postings (the longest lists) would
    // only cost build time; they still count inside phrases ("leg of lamb").
    if (entry.stop_word) continue;
    entry.indexed = true;
    doc.add_term(entry.term, wdf);
    if (spelling && StartsWithLetter(word)) ++spellings_[word];
  }
  phrases_.Scan(field_terms_, wdf, found_);
  return field_terms_;
}

Xapian::Document DocumentBuilder::Make(const IndexDocument& d) {
  Xapian::Document doc;
  found_.clear();
  std::vector<std::string> name_terms;
  for (const std::string* term : AddField(d.name, kNameWdf, true, doc)) name_terms.push_back(*term);
  if (std::string full_name = FullNameTerm(name_terms); !full_name.empty()) {
    doc.add_term(full_name, kNameWdf);
    full_name_hashes_.insert(std::hash<std::string>()(full_name));
  }
  AddField(d.category_name, kCategoryWdf, true, doc);
  for (const auto& tag : d.tags) AddField(tag, kTagWdf, true, doc);
  AddField(d.description, kDescriptionWdf, false, doc);
  phrases_.AddTerms(found_, doc);

  auto add_filter_term = [&doc](std::string term) {
    if (term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
  };
  add_filter_term(std::string(kCategoryPrefix) + d.category_id);
  for (const auto& tag : d.tags) add_filter_term(std::string(kTagPrefix) + tag);
  return doc;
}

}  // namespace retrieval::catalog_terms
