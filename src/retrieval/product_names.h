// ProductNames: the words each product of one tenant version is called by
// (name, category, SKU, tags), and an inverted index over them, so the
// router can tell which products a shopper *named* without a full-text
// search. Full-text search (descriptions, stemming, spelling) stays with
// retrieval::CatalogStore and is used when no product is named in full.
//
// Word forms: plural and singular meet ("chops"/"chop", "berries"/"berry");
// one typo is tolerated in words of four letters or more (symmetric-delete
// index, so a lookup costs a handful of hash probes, not a vocabulary scan).
// Immutable after Build; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "retrieval/catalog_store.h"
#include "retrieval/lexicon.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

// "chops" -> "chop", "berries" -> "berry"; other words unchanged.
std::string Singular(std::string_view word);

// Same word up to plural form, or one typo apart when both have 4+ letters.
bool CloseWords(std::string_view a, std::string_view b);

// A set of words that also answers "which words are one typo away?"
// (symmetric-delete index: a lookup costs a handful of hash probes).
class TypoIndex {
 public:
  void Add(const std::string& word);
  bool Contains(std::string_view word) const { return words_.count(std::string(word)) > 0; }
  // Words of the set within one edit of `word` (itself included when
  // present); typos only for words of four letters or more, and never a
  // changed digit in a size ("200ml" is not "100ml"; "700x32" is "700x32c").
  void Close(std::string_view word, std::vector<const std::string*>& out) const;
  bool HasClose(std::string_view word) const;
  // The stored copy of `word`, or null: stable for the index's lifetime, so
  // it serves as the word's id.
  const std::string* Find(std::string_view word) const;

 private:
  std::unordered_set<std::string> words_;
  std::unordered_map<std::string, std::vector<const std::string*>> deletions_;  // word minus one letter -> words
};

class ProductNames {
 public:
  // A product's words as ids (see Forms): compared by pointer.
  struct Words {
    std::vector<const std::string*> own;           // name, category, SKU and tags (singular forms)
    std::vector<const std::string*> name_content;  // the name's words, minus the lexicon's non_product words
    std::vector<const std::string*> core_content;  // the same, before any "(...)" in the name
  };

  ProductNames() = default;
  // `lexicon` says which words never name a product ("for", "with"); not kept.
  ProductNames(const retrieval::CatalogStore& catalog, const retrieval::TextNormalizer& normalizer,
               const Lexicon& lexicon);

  const Words& Of(const retrieval::Product& product) const { return words_[static_cast<size_t>(&product - products_)]; }
  // Inverse document frequency of `word` over the products' own words; 1.0
  // for words no product is called by.
  double Weight(std::string_view word) const;
  // "free range" when some product name has those two words side by side.
  bool IsNameBigram(std::string_view first, std::string_view second) const;
  // Ids of the product words `word` stands for: its singular form and the
  // words one typo away (words of 4+ letters). Empty when no product is
  // called anything like it.
  std::vector<const std::string*> Forms(std::string_view word) const;
  // Appends the index (into catalog.products()) of every product called by
  // one of `forms` (from Forms()).
  void ProductsCalled(const std::vector<const std::string*>& forms, std::vector<uint32_t>& out) const;

 private:
  const retrieval::Product* products_ = nullptr;
  std::vector<Words> words_;
  std::unordered_map<std::string, std::vector<uint32_t>> postings_;  // singular own word -> products
  TypoIndex own_words_;                                              // the keys of postings_
  std::unordered_map<std::string, double> weights_;
  std::unordered_set<std::string> bigrams_;
};

}  // namespace retrieval
