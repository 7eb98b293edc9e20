// How catalog text becomes Xapian terms. Internal to CatalogIndex: indexing
// and querying must agree on every rule here.
//
// Text is already normalized (lower case, no accents, words separated by
// single spaces). A word is indexed as "Z" + its English stem when it starts
// with a letter and as itself otherwise ("105", "2.5kg") -- exactly the terms
// QueryParser produces with STEM_SOME. Terms are made here rather than by
// Xapian's TermGenerator because that one stores word positions (no query
// uses them), stems every occurrence again and indexes stop words that
// queries drop; on a 100k catalog the build took four times as long.
//
// Not thread-safe: one DocumentBuilder per build.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "retrieval/catalog_index.h"

namespace retrieval::catalog_terms {

// Boolean filters, whole synonym phrases and whole product names.
inline constexpr std::string_view kCategoryPrefix = "XC";
inline constexpr std::string_view kTagPrefix = "XT";
inline constexpr std::string_view kPhrasePrefix = "XS";
inline constexpr std::string_view kFullNamePrefix = "XN";
// Xapian refuses terms longer than 245 bytes.
inline constexpr size_t kMaxTermBytes = 240;

// Generic English filler of shopper messages ("i", "want", "some"), dropped
// from queries and never spell-corrected. Never shop vocabulary.
std::span<const char* const> StopWords();
bool IsStopWord(std::string_view word);

// QueryParser only makes terms of runs starting with a word character (a lone
// "£" from the normalizer is not one); very long "words" are noise.
bool IsIndexable(const std::string& word);
bool StartsWithLetter(std::string_view word);
bool HasDigit(std::string_view word);
std::string Join(const std::vector<std::string>& words);

// The term `word` is indexed and queried under.
std::string SearchTerm(const Xapian::Stem& stem, const std::string& word);

// The whole stemmed name as one term ("XNZlamb Zchop"); empty when too long.
std::string FullNameTerm(const std::vector<std::string>& terms);

// SearchTerm with memory: catalogs repeat their words, stemming is costly.
class TermCache {
 public:
  struct Entry {
    std::string term;
    bool stop_word = false;
    bool indexed = false;  // some document has the term
  };

  Entry& Get(const std::string& word);
  const std::string& operator()(const std::string& word) { return Get(word).term; }
  // std::hash of every indexed term.
  std::unordered_set<size_t> IndexedTermHashes() const;

 private:
  Xapian::Stem stem_{"english"};
  std::unordered_map<std::string, Entry> cache_;
};

// Multi-word terms of synonyms.json ("lamb chops") found in product text and
// indexed as one phrase term, so a variant ("chopz") can expand to exactly
// that phrase instead of to every "lamb".
class PhraseTable {
 public:
  PhraseTable(const std::vector<SynonymGroup>& synonyms, TermCache& terms);

  // Adds `wdf` to found[phrase] for each phrase in the term sequence.
  void Scan(const std::vector<const std::string*>& terms, Xapian::termcount wdf,
            std::unordered_map<size_t, Xapian::termcount>& found) const;
  // Adds the found phrase terms to `doc` and counts their documents.
  void AddTerms(const std::unordered_map<size_t, Xapian::termcount>& found, Xapian::Document& doc);
  // The phrase term of normalized `text` if some product contains it.
  std::optional<std::string> IndexedTerm(const std::string& text);

 private:
  struct Phrase {
    std::vector<std::string> terms;
    std::string term;
    size_t doc_count = 0;
  };
  TermCache& cache_;
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, size_t> by_term_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;
};

// Makes the Xapian document of one product and collects spelling words.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(const std::vector<SynonymGroup>& synonyms) : phrases_(synonyms, terms_) {}

  Xapian::Document Make(const IndexDocument& product);

  TermCache& terms() { return terms_; }
  PhraseTable& phrases() { return phrases_; }
  // Words of names, category names and tags with their counts: the spelling
  // dictionary. Prose in descriptions would make the corrector "fix" valid
  // words into rare ones.
  const std::unordered_map<std::string, Xapian::termcount>& spellings() const { return spellings_; }
  // std::hash of every full-name term, to skip looking up names that no
  // product has.
  const std::unordered_set<size_t>& full_name_hashes() const { return full_name_hashes_; }

 private:
  // Returns the field's terms in order.
  const std::vector<const std::string*>& AddField(const std::string& text, Xapian::termcount wdf, bool spelling,
                                                  Xapian::Document& doc);

  TermCache terms_;
  PhraseTable phrases_;
  std::unordered_map<std::string, Xapian::termcount> spellings_;
  std::unordered_set<size_t> full_name_hashes_;
  std::unordered_map<size_t, Xapian::termcount> found_;
  std::vector<const std::string*> field_terms_;
};

}  // namespace retrieval::catalog_terms
