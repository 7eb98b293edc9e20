#include "retrieval/catalog_index.h"

#include <xapian.h>

#include <algorithm>
#include <mutex>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "retrieval/text_normalizer.h"

namespace retrieval {

namespace {

namespace fs = std::filesystem;

constexpr Xapian::valueno kPriceSlot = 0;
constexpr Xapian::valueno kStockSlot = 1;

// Term prefixes: boolean category and tag filters, and whole synonym phrases.
constexpr std::string_view kCategoryPrefix = "XC";
constexpr std::string_view kTagPrefix = "XT";
constexpr std::string_view kPhrasePrefix = "XS";
constexpr std::string_view kFullNamePrefix = "XN";
// Xapian refuses terms longer than 245 bytes.
constexpr size_t kMaxTermBytes = 240;

// A shopper's words matter most in the product name.
constexpr Xapian::termcount kNameWdf = 3;
constexpr Xapian::termcount kCategoryWdf = 2;
constexpr Xapian::termcount kTagWdf = 2;
constexpr Xapian::termcount kDescriptionWdf = 1;

// Hits scoring below this fraction of the best one only share a common word
// with the query ("lamb" in "lamb chops"); they are noise to a shopper.
// Tuned on the demo tenants: 0.25 still let "lamb chopz" list every lamb cut.
constexpr double kMinRelativeScore = 0.3;

// BM25 with k1 = 2 instead of Xapian's 1: wdf saturates more slowly, so a word
// in the name (wdf 3) counts clearly more than one in the description (wdf 1).
constexpr double kBm25K1 = 2.0;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.5;
constexpr double kBm25MinNormLen = 0.5;

constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

// Generic English filler of shopper messages (never shop vocabulary), dropped
// from queries and never spell-corrected.
constexpr const char* kStopWords[] = {
    "a",     "about", "an",   "and",  "any",  "anything", "are",    "as",     "at",    "be",
    "buy",   "by",    "can",  "could", "do",  "does",     "dont",   "for",    "from",  "get",
    "got",   "have",  "how",  "i",    "im",   "in",       "is",     "it",     "its",   "like",
    "looking", "me",  "much", "my",   "need", "of",       "on",     "or",     "our",   "please",
    "sell",  "show",  "some", "that", "the",  "there",    "these",  "this",   "those", "to",
    "want",  "we",    "what", "which", "with", "would",   "you",    "your",
};

bool IsStopWord(std::string_view word) {
  return std::any_of(std::begin(kStopWords), std::end(kStopWords),
                     [word](const char* stop) { return word == stop; });
}

// Mirrors TermGenerator/QueryParser: only words starting with a letter get a
// stemmed ("Z") term.
bool StartsWithLetter(const std::string& word) {
  if (word.empty()) return false;
  Xapian::Utf8Iterator it(word);
  switch (Xapian::Unicode::get_category(*it)) {
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

// The term a word is indexed under for stemmed matching.
std::string SearchTerm(const Xapian::Stem& stem, const std::string& word) {
  return StartsWithLetter(word) ? "Z" + stem(word) : word;
}

// Stemming is the costly part of phrase detection; catalogs repeat words.
class StemCache {
 public:
  const std::string& operator()(const std::string& word) {
    auto it = cache_.find(word);
    if (it == cache_.end()) it = cache_.emplace(word, stem_(word)).first;
    return it->second;
  }

 private:
  Xapian::Stem stem_{"english"};
  std::unordered_map<std::string, std::string> cache_;
};

// Multi-word canonical terms of synonyms.json ("lamb chops"), found in product
// text as stemmed word sequences and indexed as one "XS" term, so a variant
// ("chopz") can expand to exactly that phrase instead of to every "lamb".
class PhraseTable {
 public:
  PhraseTable(const std::vector<SynonymGroup>& synonyms, StemCache& stems) : stems_(stems) {
    for (const auto& group : synonyms) {
      std::vector<std::string> words = SplitTokens(group.term);
      if (words.size() < 2) continue;
      std::vector<std::string> stemmed;
      for (const auto& w : words) stemmed.push_back(stems_(w));
      std::string term = std::string(kPhrasePrefix) + Join(stemmed);
      if (term.size() > kMaxTermBytes || index_.count(term)) continue;
      index_[term] = phrases_.size();
      by_first_[stemmed.front()].push_back(phrases_.size());
      phrases_.push_back({std::move(stemmed), std::move(term), 0});
    }
  }

  bool empty() const { return phrases_.empty(); }

  // Adds `wdf` to `found[phrase]` for every phrase occurring in `text`.
  void Scan(const std::string& text, Xapian::termcount wdf, std::unordered_map<size_t, Xapian::termcount>& found) {
    std::vector<std::string> words = SplitTokens(text);
    std::vector<const std::string*> stemmed;
    stemmed.reserve(words.size());
    for (const auto& w : words) stemmed.push_back(&stems_(w));
    for (size_t i = 0; i < stemmed.size(); ++i) {
      auto it = by_first_.find(*stemmed[i]);
      if (it == by_first_.end()) continue;
      for (size_t p : it->second) {
        const auto& phrase = phrases_[p].stemmed;
        if (i + phrase.size() > stemmed.size()) continue;
        bool match = true;
        for (size_t k = 1; k < phrase.size() && match; ++k) match = *stemmed[i + k] == phrase[k];
        if (match) found[p] += wdf;
      }
    }
  }

  void AddTerms(const std::unordered_map<size_t, Xapian::termcount>& found, Xapian::Document& doc) {
    for (const auto& [p, wdf] : found) {
      doc.add_term(phrases_[p].term, wdf);
      ++phrases_[p].doc_count;
    }
  }

  // The phrase term for `term` if some product contains it.
  std::optional<std::string> IndexedTerm(const std::string& term) {
    std::vector<std::string> words = SplitTokens(term);
    std::vector<std::string> stemmed;
    for (const auto& w : words) stemmed.push_back(stems_(w));
    auto it = index_.find(std::string(kPhrasePrefix) + Join(stemmed));
    if (it == index_.end() || phrases_[it->second].doc_count == 0) return std::nullopt;
    return phrases_[it->second].term;
  }

 private:
  struct Phrase {
    std::vector<std::string> stemmed;
    std::string term;
    size_t doc_count;
  };
  StemCache& stems_;
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, size_t> index_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;
};

// The whole name, stemmed, as one term: a query that is exactly a product's
// name ("lamb chop") puts that product first.
std::string FullNameTerm(const std::vector<std::string>& words, StemCache& stems) {
  std::string term(kFullNamePrefix);
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) term += ' ';
    term += stems(words[i]);
  }
  return term;
}

Xapian::Document MakeDocument(const IndexDocument& d, Xapian::TermGenerator& generator, PhraseTable& phrases,
                              StemCache& stems) {
  Xapian::Document doc;
  generator.set_document(doc);
  // Spelling data comes from the shop's own short vocabulary only: prose in
  // descriptions would make the corrector "fix" valid words into rare ones.
  generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  generator.index_text(d.name, kNameWdf);
  generator.increase_termpos();
  generator.index_text(d.category_name, kCategoryWdf);
  for (const auto& tag : d.tags) {
    generator.increase_termpos();
    generator.index_text(tag, kTagWdf);
  }
  generator.set_flags(Xapian::TermGenerator::flags(0));
  generator.increase_termpos();
  generator.index_text(d.description, kDescriptionWdf);

  if (std::string full_name = FullNameTerm(SplitTokens(d.name), stems); full_name.size() <= kMaxTermBytes) {
    doc.add_term(full_name, kNameWdf);
  }
  auto add_filter_term = [&doc](std::string term) {
    if (term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
  };
  add_filter_term(std::string(kCategoryPrefix) + d.category_id);
  for (const auto& tag : d.tags) add_filter_term(std::string(kTagPrefix) + tag);
  doc.add_value(kPriceSlot, Xapian::sortable_serialise(static_cast<double>(d.price_minor)));
  doc.add_value(kStockSlot, Xapian::sortable_serialise(static_cast<double>(d.stock)));

  if (!phrases.empty()) {
    std::unordered_map<size_t, Xapian::termcount> found;
    phrases.Scan(d.name, kNameWdf, found);
    phrases.Scan(d.category_name, kCategoryWdf, found);
    for (const auto& tag : d.tags) phrases.Scan(tag, kTagWdf, found);
    phrases.Scan(d.description, kDescriptionWdf, found);
    phrases.AddTerms(found, doc);
  }
  return doc;
}

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
std::unordered_map<std::string, PhraseRewrite> AddSynonyms(const std::vector<SynonymGroup>& synonyms,
                                                           PhraseTable& phrases, Xapian::WritableDatabase& db) {
  Xapian::Stem stem("english");
  std::unordered_map<std::string, PhraseRewrite> rewrites;
  for (const auto& group : synonyms) {
    std::vector<std::string> words = SplitTokens(group.term);
    if (words.empty()) continue;
    std::optional<std::string> phrase = words.size() > 1 ? phrases.IndexedTerm(group.term) : std::nullopt;
    std::vector<std::string> values;
    if (phrase) {
      values.push_back(*phrase);
      rewrites.emplace(group.term, PhraseRewrite{words, *phrase});
    } else {
      for (const auto& w : words) {
        std::string term = SearchTerm(stem, w);
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
      } else {
        for (const auto& value : values) db.add_synonym(variant, value);
      }
      for (const auto& w : variant_words) {
        if (StartsWithLetter(w)) db.add_spelling(w);
      }
    }
  }
  return rewrites;
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
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  }

  Xapian::Database db;
  Xapian::Stem stem{"english"};
  Xapian::SimpleStopper stopper{std::begin(kStopWords), std::end(kStopWords)};
  Xapian::QueryParser parser;
  Xapian::Enquire enquire;
};

struct RawResult {
  std::vector<IndexHit> hits;
  size_t total_matches = 0;
  double best_weight = 0;
};

// Null when nothing is filtered. (An empty Xapian::Query means "match
// nothing", e.g. a price range with min > max, so it cannot stand for that.)
std::optional<Xapian::Query> MakeFilter(const IndexFilter& f) {
  std::vector<Xapian::Query> parts;
  if (f.category_id) parts.emplace_back(std::string(kCategoryPrefix) + *f.category_id);
  if (f.tag) parts.emplace_back(std::string(kTagPrefix) + *f.tag);
  auto price = [](int64_t minor) { return Xapian::sortable_serialise(static_cast<double>(minor)); };
  if (f.min_price_minor && f.max_price_minor) {
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, kPriceSlot, price(*f.min_price_minor),
                       price(*f.max_price_minor));
  } else if (f.min_price_minor) {
    parts.emplace_back(Xapian::Query::OP_VALUE_GE, kPriceSlot, price(*f.min_price_minor));
  } else if (f.max_price_minor) {
    parts.emplace_back(Xapian::Query::OP_VALUE_LE, kPriceSlot, price(*f.max_price_minor));
  }
  if (f.in_stock_only) parts.emplace_back(Xapian::Query::OP_VALUE_GE, kStockSlot, Xapian::sortable_serialise(1.0));
  if (parts.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

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
  RawResult Run(Searcher& s, const std::vector<std::string>& words, const std::optional<Xapian::Query>& filter,
                size_t limit) const;
  std::vector<std::string> Correct(Searcher& s, const std::vector<std::string>& words) const;
  bool Known(Searcher& s, const std::string& word) const;

  fs::path dir;
  std::vector<uint32_t> doc_products;  // docid - 1 -> product index
  std::unordered_map<std::string, PhraseRewrite> rewrites;
  size_t max_phrase_words = 0;
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

RawResult CatalogIndex::Impl::Run(Searcher& s, const std::vector<std::string>& words,
                                  const std::optional<Xapian::Query>& filter, size_t limit) const {
  RawResult out;
  std::vector<std::string> rewritten;
  std::vector<Xapian::Query> phrase_terms;
  size_t next = 0;
  for (const auto& [start, len] : FindPhrases(words)) {
    rewritten.insert(rewritten.end(), words.begin() + next, words.begin() + start);
    std::string key = Join(std::vector<std::string>(words.begin() + start, words.begin() + start + len));
    const PhraseRewrite& rewrite = rewrites.at(key);
    rewritten.insert(rewritten.end(), rewrite.words.begin(), rewrite.words.end());
    if (!rewrite.phrase_term.empty()) phrase_terms.emplace_back(rewrite.phrase_term);
    next = start + len;
  }
  rewritten.insert(rewritten.end(), words.begin() + next, words.end());

  Xapian::Query query = s.parser.parse_query(Join(rewritten), kQueryFlags);
  // The whole phrase in a product outranks its words scattered about.
  for (auto& phrase : phrase_terms) query = Xapian::Query(Xapian::Query::OP_OR, query, phrase);
  if (!query.empty()) {
    std::string full_name(kFullNamePrefix);
    for (size_t i = 0; i < words.size(); ++i) full_name += (i ? " " : "") + s.stem(words[i]);
    if (full_name.size() <= kMaxTermBytes) {
      query = Xapian::Query(Xapian::Query::OP_OR, query, Xapian::Query(full_name));
    }
  }
  if (query.empty()) return out;
  if (filter) {
    if (filter->empty()) return out;
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, *filter);
  }
  s.enquire.set_query(query);
  Xapian::MSet mset = s.enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
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
  if (s.db.term_exists(word)) return true;
  if (s.db.synonyms_begin(word) != s.db.synonyms_end(word)) return true;
  return StartsWithLetter(word) && s.db.term_exists(SearchTerm(s.stem, word));
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
    std::string suggestion = s.db.get_spelling_suggestion(w, max_edits);
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
    Xapian::WritableDatabase db(index_dir.string(),
                                Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator.set_database(db);
    StemCache stems;
    PhraseTable phrases(synonyms, stems);
    impl->doc_products.reserve(documents.size());
    for (const auto& d : documents) {
      Xapian::docid id = db.add_document(MakeDocument(d, generator, phrases, stems));
      if (id != impl->doc_products.size() + 1) {
        return core::MakeError(core::ErrorCode::kInternal, "search index assigned an unexpected document id",
                               user_message);
      }
      impl->doc_products.push_back(d.product_index);
    }
    impl->rewrites = AddSynonyms(synonyms, phrases, db);
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
  std::unique_ptr<Searcher> searcher;
  try {
    searcher = impl_->Borrow();
    std::optional<Xapian::Query> filter_query = MakeFilter(filter);
    std::vector<std::string> words = SplitTokens(normalized_text);
    RawResult raw = impl_->Run(*searcher, words, filter_query, limit);
    std::vector<std::string> corrected = impl_->Correct(*searcher, words);
    if (!corrected.empty()) {
      RawResult alt = impl_->Run(*searcher, corrected, filter_query, limit);
      if (!alt.hits.empty() && alt.best_weight > raw.best_weight) {
        raw = std::move(alt);
        result.corrected_query = Join(corrected);
      }
    }
    result.hits = std::move(raw.hits);
    result.total_matches = raw.total_matches;
    impl_->Return(std::move(searcher));
  } catch (const Xapian::Error&) {
    // The handle may be unusable after an error, so it is not returned.
    return IndexResult{};
  } catch (const std::exception&) {
    return IndexResult{};
  }
  return result;
}

}  // namespace retrieval
