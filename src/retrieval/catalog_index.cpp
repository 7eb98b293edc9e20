#include "retrieval/catalog_index.h"

#include <xapian.h>

#include <algorithm>
#include <mutex>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "retrieval/catalog_terms.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

namespace {

namespace fs = std::filesystem;
using namespace catalog_terms;  // NOLINT: the index is written in these terms

// Hits scoring below this fraction of the best one only share a common word
// with the query ("lamb" in "lamb chops"); they are noise to a shopper.
// Tuned on the demo tenants: 0.25 still let "lamb chopz" list every lamb cut.
constexpr double kMinRelativeScore = 0.3;

// BM25 with k1 = 2 instead of Xapian's 1: wdf saturates more slowly, so a word
// in the name (wdf 3) counts clearly more than one in the description (wdf 1).
// b = 0 turns off document-length normalization: product texts are short and
// alike, and reading every candidate's length made queries on a 100k catalog
// five times slower.
constexpr double kBm25K1 = 2.0;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.0;
constexpr double kBm25MinNormLen = 0.5;

constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

// Xapian keeps pending postings in std::maps that get slow as they grow;
// committing every few thousand documents keeps them small (a third faster on
// a 100k catalog than Xapian's default of 10,000).
constexpr size_t kCommitEvery = 2000;

// A multi-word phrase of synonyms.json as the query should read it: the
// shop's own words, plus the indexed phrase term when products contain it.
struct PhraseRewrite {
  std::vector<std::string> words;
  std::string phrase_term;  // empty when no product contains the phrase
};

// Single-word variants go into Xapian's synonym table, where the QueryParser
// expands them (FLAG_AUTO_SYNONYMS) into the terms the shop's word is indexed
// under. Multi-word variants are returned for rewriting instead: Xapian folds
// a multi-word group and its expansion into one OP_SYNONYM, which erases the
// difference between a rare and a common word ("lamb chop" then ranked every
// lamb product alike).
struct SynonymTables {
  std::unordered_map<std::string, PhraseRewrite> rewrites;  // multi-word variants
  std::unordered_set<std::string> keys;                      // single-word variants
};

SynonymTables AddSynonyms(const std::vector<SynonymGroup>& synonyms, DocumentBuilder& builder,
                          Xapian::WritableDatabase& db) {
  SynonymTables tables;
  auto& rewrites = tables.rewrites;
  for (const auto& group : synonyms) {
    std::vector<std::string> words = SplitTokens(group.term);
    if (words.empty()) continue;
    std::optional<std::string> phrase =
        words.size() > 1 ? builder.phrases().IndexedTerm(group.term) : std::nullopt;
    std::vector<std::string> values;
    if (phrase) {
      values.push_back(*phrase);
      rewrites.emplace(group.term, PhraseRewrite{words, *phrase});
    } else {
      for (const auto& w : words) {
        if (!IsIndexable(w)) continue;
        const std::string& term = builder.terms()(w);
        if (std::find(values.begin(), values.end(), term) == values.end()) values.push_back(term);
      }
    }
    for (const auto& w : words) {
      if (StartsWithLetter(w)) db.add_spelling(w);
    }
    for (const auto& variant : group.variants) {
      if (variant.empty() || variant == group.term) continue;
      std::vector<std::string> variant_words = SplitTokens(variant);
      if (variant_words.size() > 1) {
        rewrites.emplace(variant, PhraseRewrite{words, phrase.value_or(std::string())});
      } else if (!values.empty()) {
        for (const auto& value : values) db.add_synonym(variant, value);
        tables.keys.insert(variant);
      }
      for (const auto& w : variant_words) {
        if (StartsWithLetter(w)) db.add_spelling(w);
      }
    }
  }
  return tables;
}

// One reader: a Database handle and the objects bound to it. Used by one
// thread at a time.
struct Searcher {
  explicit Searcher(const std::string& path) : db(path), enquire(db) {
    parser.set_database(db);
    parser.set_stemmer(stem);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_stopper(&stopper);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  }

  Xapian::Database db;
  Xapian::Stem stem{"english"};
  Xapian::SimpleStopper stopper{StopWords().begin(), StopWords().end()};
  Xapian::QueryParser parser;
  Xapian::Enquire enquire;
};

struct RawResult {
  std::vector<IndexHit> hits;
  size_t total_matches = 0;
  double best_weight = 0;
};

// Category and tag as boolean filter terms; null when neither is asked for.
std::optional<Xapian::Query> TermFilter(const IndexFilter& f) {
  std::vector<Xapian::Query> parts;
  if (f.category_id) parts.emplace_back(std::string(kCategoryPrefix) + *f.category_id);
  if (f.tag) parts.emplace_back(std::string(kTagPrefix) + *f.tag);
  if (parts.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// Price and stock, checked per candidate from arrays in memory. Xapian's value
// range queries read each candidate's values from disk, which cost more than
// the whole text match on a 100k catalog.
class PriceStockDecider : public Xapian::MatchDecider {
 public:
  PriceStockDecider(const IndexFilter& filter, const std::vector<int64_t>& prices, const std::vector<int>& stock)
      : filter_(filter), prices_(prices), stock_(stock) {}

  static bool Needed(const IndexFilter& f) { return f.min_price_minor || f.max_price_minor || f.in_stock_only; }

  bool operator()(const Xapian::Document& doc) const override {
    Xapian::docid id = doc.get_docid();
    if (id == 0 || id > prices_.size()) return false;
    int64_t price = prices_[id - 1];
    if (filter_.min_price_minor && price < *filter_.min_price_minor) return false;
    if (filter_.max_price_minor && price > *filter_.max_price_minor) return false;
    return !filter_.in_stock_only || stock_[id - 1] > 0;
  }

 private:
  const IndexFilter& filter_;
  const std::vector<int64_t>& prices_;
  const std::vector<int>& stock_;
};

}  // namespace

struct CatalogIndex::Impl {
  ~Impl() {
    {
      std::lock_guard lock(mu);
      pool.clear();  // handles must be closed before their files go
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::unique_ptr<Searcher> Borrow() const {
    {
      std::lock_guard lock(mu);
      if (!pool.empty()) {
        auto searcher = std::move(pool.back());
        pool.pop_back();
        return searcher;
      }
    }
    return std::make_unique<Searcher>(dir.string());
  }

  void Return(std::unique_ptr<Searcher> searcher) const {
    std::lock_guard lock(mu);
    pool.push_back(std::move(searcher));
  }

  // Spans of `words` that a multi-word synonym rewrites: (start, length).
  std::vector<std::pair<size_t, size_t>> FindPhrases(const std::vector<std::string>& words) const;
  RawResult Run(Searcher& s, const std::vector<std::string>& words, const IndexFilter& filter, size_t limit) const;
  std::vector<std::string> Correct(Searcher& s, const std::vector<std::string>& words) const;
  // Xapian's spelling suggestion for `word` (empty: none), remembered: the
  // index never changes, shoppers repeat the same unknown words, and a
  // suggestion costs more than the rest of a search. Bounded.
  std::string Suggest(Searcher& s, const std::string& word, unsigned max_edits) const {
    std::string key = word + '/' + std::to_string(max_edits);
    {
      std::lock_guard lock(suggestions_mu);
      if (auto it = suggestions.find(key); it != suggestions.end()) return it->second;
    }
    std::string suggestion = s.db.get_spelling_suggestion(word, max_edits);
    std::lock_guard lock(suggestions_mu);
    if (suggestions.size() >= kMaxSuggestions) suggestions.clear();
    suggestions.emplace(std::move(key), suggestion);
    return suggestion;
  }
  static constexpr size_t kMaxSuggestions = 8192;
  mutable std::mutex suggestions_mu;
  mutable std::unordered_map<std::string, std::string> suggestions;
  bool Known(Searcher& s, const std::string& word) const;

  fs::path dir;
  // Indexed by docid - 1.
  std::vector<uint32_t> doc_products;
  std::vector<int64_t> doc_prices;
  std::vector<int> doc_stock;
  std::unordered_map<std::string, PhraseRewrite> rewrites;
  size_t max_phrase_words = 0;
  // In memory, so the common case costs no B-tree lookups: which words the
  // index knows, which single words have synonyms, which full names exist.
  std::unordered_set<size_t> term_hashes;
  std::unordered_set<std::string> synonym_keys;
  std::unordered_set<size_t> full_name_hashes;
  mutable std::mutex mu;
  mutable std::vector<std::unique_ptr<Searcher>> pool;
};

std::vector<std::pair<size_t, size_t>> CatalogIndex::Impl::FindPhrases(const std::vector<std::string>& words) const {
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < words.size();) {
    size_t matched = 0;
    for (size_t len = std::min(max_phrase_words, words.size() - i); len >= 2 && !matched; --len) {
      std::string key = words[i];
      for (size_t k = 1; k < len; ++k) key += ' ' + words[i + k];
      if (rewrites.count(key)) matched = len;
    }
    if (matched) {
      spans.emplace_back(i, matched);
      i += matched;
    } else {
      ++i;
    }
  }
  return spans;
}

RawResult CatalogIndex::Impl::Run(Searcher& s, const std::vector<std::string>& words, const IndexFilter& filter,
                                  size_t limit) const {
  RawResult out;
  if (filter.min_price_minor && filter.max_price_minor && *filter.min_price_minor > *filter.max_price_minor) {
    return out;
  }
  std::vector<std::string> rewritten;
  std::vector<Xapian::Query> boosts;
  size_t next = 0;
  for (const auto& [start, len] : FindPhrases(words)) {
    rewritten.insert(rewritten.end(), words.begin() + next, words.begin() + start);
    std::vector<std::string> span(words.begin() + start, words.begin() + start + len);
    const PhraseRewrite& rewrite = rewrites.at(Join(span));
    rewritten.insert(rewritten.end(), rewrite.words.begin(), rewrite.words.end());
    // The whole phrase in a product outranks its words scattered about.
    if (!rewrite.phrase_term.empty()) boosts.emplace_back(rewrite.phrase_term);
    next = start + len;
  }
  rewritten.insert(rewritten.end(), words.begin() + next, words.end());

  Xapian::Query query = s.parser.parse_query(Join(rewritten), kQueryFlags);
  if (query.empty()) return out;
  std::vector<std::string> name_terms;
  for (const auto& w : words) {
    if (IsIndexable(w)) name_terms.push_back(SearchTerm(s.stem, w));
  }
  // A query that is exactly a product's name puts that product first.
  if (std::string full_name = FullNameTerm(name_terms);
      !full_name.empty() && full_name_hashes.count(std::hash<std::string>()(full_name))) {
    boosts.emplace_back(full_name);
  }
  for (auto& boost : boosts) query = Xapian::Query(Xapian::Query::OP_OR, query, boost);
  if (auto terms = TermFilter(filter)) query = Xapian::Query(Xapian::Query::OP_FILTER, query, *terms);

  s.enquire.set_query(query);
  PriceStockDecider decider(filter, doc_prices, doc_stock);
  Xapian::MSet mset = s.enquire.get_mset(0, static_cast<Xapian::doccount>(limit), 0, nullptr,
                                         PriceStockDecider::Needed(filter) ? &decider : nullptr);
  out.total_matches = mset.get_matches_estimated();
  if (mset.empty()) return out;
  out.best_weight = mset.begin().get_weight();
  bool dropped = false;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    double score = out.best_weight > 0 ? it.get_weight() / out.best_weight : 1.0;
    if (score < kMinRelativeScore) {
      dropped = true;
      break;
    }
    Xapian::docid id = *it;
    if (id == 0 || id > doc_products.size()) continue;
    out.hits.push_back({doc_products[id - 1], score});
  }
  if (dropped) out.total_matches = out.hits.size();
  return out;
}

bool CatalogIndex::Impl::Known(Searcher& s, const std::string& word) const {
  return synonym_keys.count(word) || term_hashes.count(std::hash<std::string>()(SearchTerm(s.stem, word)));
}

// Replaces words the index has never seen by their closest spelling; returns
// an empty vector when nothing changed. Words of a multi-word synonym
// ("chiken breast") are left alone: the synonym already understands them.
std::vector<std::string> CatalogIndex::Impl::Correct(Searcher& s, const std::vector<std::string>& words) const {
  std::vector<bool> covered(words.size(), false);
  for (const auto& [start, len] : FindPhrases(words)) {
    std::fill(covered.begin() + start, covered.begin() + start + len, true);
  }
  std::vector<std::string> corrected = words;
  bool changed = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (covered[i] || w.size() < 3 || IsStopWord(w) || HasDigit(w) || !StartsWithLetter(w)) continue;
    if (Known(s, w)) continue;
    // One edit is already a lot for a four-letter word.
    unsigned max_edits = w.size() <= 4 ? 1 : 2;
    std::string suggestion = Suggest(s, w, max_edits);
    if (!suggestion.empty() && suggestion != w) {
      corrected[i] = std::move(suggestion);
      changed = true;
    }
  }
  if (!changed) corrected.clear();
  return corrected;
}

CatalogIndex::CatalogIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CatalogIndex::~CatalogIndex() = default;

core::Result<std::unique_ptr<CatalogIndex>> CatalogIndex::Build(const std::vector<IndexDocument>& documents,
                                                                const std::vector<SynonymGroup>& synonyms,
                                                                const fs::path& index_dir) {
  const std::string user_message = "The product catalogue could not be loaded.";
  std::error_code ec;
  fs::create_directories(index_dir, ec);
  if (ec || !fs::is_directory(index_dir, ec)) {
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot create search index folder " + index_dir.string() + ": " + ec.message(),
                           user_message);
  }
  // From here on the Impl owns the folder: an early return removes it.
  auto impl = std::make_unique<Impl>();
  impl->dir = index_dir;
  try {
    // No fsync: the index is a cache, rebuilt from catalog.json at every load.
    Xapian::WritableDatabase db(index_dir.string(),
                                Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC |
                                    Xapian::DB_NO_TERMLIST);
    DocumentBuilder builder(synonyms);
    impl->doc_products.reserve(documents.size());
    impl->doc_prices.reserve(documents.size());
    impl->doc_stock.reserve(documents.size());
    for (const auto& d : documents) {
      Xapian::docid id = db.add_document(builder.Make(d));
      if (id != impl->doc_products.size() + 1) {
        return core::MakeError(core::ErrorCode::kInternal, "search index assigned an unexpected document id",
                               user_message);
      }
      impl->doc_products.push_back(d.product_index);
      impl->doc_prices.push_back(d.price_minor);
      impl->doc_stock.push_back(d.stock);
      if (impl->doc_products.size() % kCommitEvery == 0) db.commit();
    }
    for (const auto& [word, count] : builder.spellings()) db.add_spelling(word, count);
    SynonymTables tables = AddSynonyms(synonyms, builder, db);
    impl->rewrites = std::move(tables.rewrites);
    impl->synonym_keys = std::move(tables.keys);
    impl->term_hashes = builder.terms().IndexedTermHashes();
    impl->full_name_hashes = builder.full_name_hashes();
    for (const auto& [key, rewrite] : impl->rewrites) {
      impl->max_phrase_words = std::max(impl->max_phrase_words, SplitTokens(key).size());
    }
    db.commit();
    db.close();
    // Open the first reader now, so a broken index fails here and not in Search.
    impl->pool.push_back(std::make_unique<Searcher>(index_dir.string()));
  } catch (const Xapian::DatabaseError& e) {
    return core::MakeError(core::ErrorCode::kIo, "search index " + index_dir.string() + ": " + e.get_description(),
                           user_message);
  } catch (const Xapian::Error& e) {
    return core::MakeError(core::ErrorCode::kInternal,
                           "search index " + index_dir.string() + ": " + e.get_description(), user_message);
  } catch (const std::exception& e) {
    return core::MakeError(core::ErrorCode::kInternal, "search index " + index_dir.string() + ": " + e.what(),
                           user_message);
  }
  return std::unique_ptr<CatalogIndex>(new CatalogIndex(std::move(impl)));
}

IndexResult CatalogIndex::Search(const std::string& normalized_text, const IndexFilter& filter, size_t limit) const {
  IndexResult result;
  if (normalized_text.empty() || limit == 0) return result;
  try {
    std::unique_ptr<Searcher> searcher = impl_->Borrow();
    std::vector<std::string> words = SplitTokens(normalized_text);
    RawResult raw = impl_->Run(*searcher, words, filter, limit);
    std::vector<std::string> corrected = impl_->Correct(*searcher, words);
    if (!corrected.empty()) {
      RawResult alt = impl_->Run(*searcher, corrected, filter, limit);
      if (!alt.hits.empty() && alt.best_weight > raw.best_weight) {
        raw = std::move(alt);
        result.corrected_query = Join(corrected);
      }
    }
    result.hits = std::move(raw.hits);
    result.total_matches = raw.total_matches;
    // Only a handle that did not fail goes back to the pool.
    impl_->Return(std::move(searcher));
  } catch (const Xapian::Error&) {
    return IndexResult{};
  } catch (const std::exception&) {
    return IndexResult{};
  }
  return result;
}

}  // namespace retrieval
