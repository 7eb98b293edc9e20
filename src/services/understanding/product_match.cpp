#include "services/understanding/product_match.h"

#include <algorithm>
#include <cctype>

namespace services {

namespace {

using retrieval::Product;
using retrieval::WordClass;

// "12", "2.5".
bool IsNumber(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// "2kg", "500g", "3x": a number and one of the lexicon's units in one word.
bool IsQuantityToken(const retrieval::Lexicon& lexicon, std::string_view t) {
  size_t digits = 0;
  while (digits < t.size() && ((t[digits] >= '0' && t[digits] <= '9') || t[digits] == '.')) ++digits;
  return digits > 0 && digits < t.size() && lexicon.Is(WordClass::kUnits, t.substr(digits));
}

// A spelling correction close enough to trust: one edit, or two in a long word.
bool PlausibleTypo(const std::string& said, const std::string& corrected) {
  size_t edits = retrieval::EditDistance(said, corrected, 2);
  if (said.size() < 5) return false;
  return edits <= 1 || (edits == 2 && said.size() >= 7 && said.compare(0, 3, corrected, 0, 3) == 0);
}

struct CoverageScore {
  double coverage = 0;      // weighted share of the phrase's words the product's own wording has
  double precision = 0;     // share of the product name's words the shopper said
  bool core_named = false;  // every word of the name before any "(...)" was said
};

bool Among(const std::string* id, const std::vector<const std::string*>& ids) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// How well the phrase names the product: the weighted share of the phrase's
// words found in the product's own wording (name, category, tags, SKU;
// plural forms, one typo in longer words, or all the terms a synonym stands
// for), and the share of the name's words the phrase said. Numbers said in
// the message that appear in the name ("16mm", "20") count as said. Words
// are compared as ids from ProductNames, so this is pointer comparisons.
CoverageScore Coverage(const retrieval::ProductNames::Words& product, const std::vector<PhraseWord>& phrase,
                       const std::vector<std::string_view>& numbers) {
  CoverageScore score;
  if (phrase.empty()) return score;
  double hit = 0, total = 0;
  for (const auto& w : phrase) {
    bool found =
        std::any_of(w.forms.begin(), w.forms.end(), [&](const std::string* f) { return Among(f, product.own); });
    for (size_t k = 0; !found && k < w.stands_for.size(); ++k) {
      const auto& terms = w.stands_for[k];
      found = std::all_of(terms.begin(), terms.end(), [&](const std::vector<const std::string*>& forms) {
        return std::any_of(forms.begin(), forms.end(), [&](const std::string* f) { return Among(f, product.own); });
      });
    }
    if (found) hit += w.weight;
    if (found || !w.purpose) total += w.weight;
  }
  auto said = [&](const std::string* n) {
    if (std::find(numbers.begin(), numbers.end(), *n) != numbers.end()) return true;
    return std::any_of(phrase.begin(), phrase.end(), [&](const PhraseWord& w) {
      if (Among(n, w.forms)) return true;
      for (const auto& terms : w.stands_for) {
        for (const auto& forms : terms) {
          if (Among(n, forms)) return true;
        }
      }
      return false;
    });
  };
  size_t said_count = 0;
  for (const std::string* n : product.name_content) said_count += said(n);
  score.coverage = total > 0 ? hit / total : 0;
  score.precision = product.name_content.empty()
                        ? 0
                        : static_cast<double>(said_count) / static_cast<double>(product.name_content.size());
  score.core_named =
      !product.core_content.empty() && std::all_of(product.core_content.begin(), product.core_content.end(), said);
  return score;
}

// The candidates for one phrase, ranked by how completely the phrase names
// them, then how much of the product's name was said, then the search
// engine's score.
class Ranking {
 public:
  struct Ranked {
    const Product* product;
    double coverage, precision, score;
    bool core_named;
  };

  Ranking(const retrieval::Tenant& tenant, const Entities& entities, const std::vector<PhraseWord>& phrase,
          const std::vector<std::string>& tokens)
      : tenant_(tenant), entities_(entities), phrase_(phrase) {
    for (const auto& t : tokens) {
      if (IsNumber(t)) numbers_.push_back(t);
    }
  }

  void Consider(const Product& p, double score) {
    for (auto& r : ranked_) {
      if (r.product == &p) {
        r.score = std::max(r.score, score);
        return;
      }
    }
    CoverageScore c = Coverage(tenant_.names.Of(p), phrase_, numbers_);
    if ((score >= 0.3 && c.coverage >= 0.5) || c.core_named) {
      ranked_.push_back({&p, c.coverage, c.precision, score, c.core_named});
    }
  }

  // The products the shopper named: their own words (and what synonyms
  // stand for), no full-text search needed.
  void ConsiderNamed() {
    std::vector<uint32_t> called;
    for (const auto& pw : phrase_) {
      tenant_.names.ProductsCalled(pw.forms, called);
      for (const auto& term : pw.stands_for) {
        for (const auto& forms : term) tenant_.names.ProductsCalled(forms, called);
      }
    }
    std::sort(called.begin(), called.end());
    called.erase(std::unique(called.begin(), called.end()), called.end());
    const auto& products = tenant_.catalog->products();
    for (uint32_t index : called) {
      if (InBudget(products[index])) Consider(products[index], 0.3);
    }
  }

  bool NamedInFull() const {
    return std::any_of(ranked_.begin(), ranked_.end(),
                       [](const Ranked& r) { return r.coverage >= 1.0 - 1e-9 || r.core_named; });
  }

  void Clear() { ranked_.clear(); }

  const std::vector<Ranked>& Sorted() {
    std::stable_sort(ranked_.begin(), ranked_.end(), [](const Ranked& a, const Ranked& b) {
      if (a.coverage != b.coverage) return a.coverage > b.coverage;
      if (a.precision != b.precision) return a.precision > b.precision;
      return a.score > b.score;
    });
    return ranked_;
  }

 private:
  bool InBudget(const Product& p) const {
    return (!entities_.budget_max || p.price.minor <= entities_.budget_max->minor) &&
           (!entities_.budget_min || p.price.minor >= entities_.budget_min->minor);
  }

  const retrieval::Tenant& tenant_;
  const Entities& entities_;
  const std::vector<PhraseWord>& phrase_;
  std::vector<std::string_view> numbers_;
  std::vector<Ranked> ranked_;
};

// Full-text search (descriptions, stemming, spelling). Spelling corrections
// the search used, one word for one word, rewrite the phrase when they are
// close enough to trust ("shoulda" -> "shoulder", not "france" -> "french");
// the named products are then scored again against the corrected words.
// Returns the corrected query when one was used.
std::string SearchCatalog(const retrieval::Tenant& tenant, const Entities& e, const std::string& product_phrase,
                          std::vector<PhraseWord>& phrase, Ranking& ranking) {
  retrieval::SearchQuery q;
  q.text = product_phrase;
  q.limit = 6;
  if (e.budget_max) q.max_price_minor = e.budget_max->minor;
  if (e.budget_min) q.min_price_minor = e.budget_min->minor;
  auto result = tenant.catalog->Search(q);
  std::string corrected_query;
  if (!result.corrected_query.empty()) {
    auto corrected = retrieval::SplitTokens(result.corrected_query);
    bool changed = false;
    for (size_t k = 0; k < phrase.size() && k < corrected.size(); ++k) {
      if (corrected[k] != phrase[k].word && PlausibleTypo(phrase[k].word, corrected[k])) {
        phrase[k].word = corrected[k];
        phrase[k].weight = tenant.names.Weight(corrected[k]);
        phrase[k].forms = tenant.names.Forms(corrected[k]);
        changed = true;
      }
    }
    if (changed) {
      corrected_query = result.corrected_query;
      ranking.Clear();  // scored against the words as typed
      ranking.ConsiderNamed();
    }
  }
  for (const auto& hit : result.hits) ranking.Consider(*hit.product, hit.score);
  return corrected_query;
}

// Words of the phrase that nothing in the catalog is called: the shopper
// asked for something the shop does not sell ("venison steaks").
std::string MissingWords(const retrieval::Tenant& tenant, const std::vector<PhraseWord>& phrase) {
  std::string missing;
  for (const auto& pw : phrase) {
    const std::string& w = pw.word;
    // Purpose words and measurements ("28mm") are not things to sell.
    if (pw.purpose || std::isdigit(static_cast<unsigned char>(pw.word[0]))) continue;
    if (!tenant.vocabulary.HasClose(w) && !tenant.vocabulary.Contains(retrieval::Singular(w))) {
      missing += (missing.empty() ? "" : " ") + w;
    }
  }
  return missing;
}

}  // namespace

ProductPhrase ReadProductPhrase(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                                const Entities& e, const retrieval::TextNormalizer& normalizer,
                                const std::vector<char>& skip) {
  const retrieval::Lexicon& lexicon = *tenant.lexicon;
  std::vector<std::string> entity_tokens;
  if (e.postcode) entity_tokens = retrieval::SplitTokens(normalizer.Normalize(e.postcode->normalized));
  if (e.name) entity_tokens.push_back(normalizer.Normalize(*e.name));
  auto is_entity = [&](const std::string& t) {
    return std::find(entity_tokens.begin(), entity_tokens.end(), t) != entity_tokens.end();
  };
  std::vector<char> keep(tokens.size(), 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    keep[i] = !(lexicon.Is(WordClass::kNonProduct, t) || IsNumber(t) || is_entity(t) || IsQuantityToken(lexicon, t) ||
                (e.email && e.email->find(t) != std::string::npos) || (i < skip.size() && skip[i]));
  }
  // Common words the shop also uses in product names ("free range eggs")
  // count when they form part of a product name with a product word.
  auto shop_word = [&](size_t i, size_t neighbour) {
    const std::string& t = tokens[i];
    if (keep[i] || !keep[neighbour] || t.size() < 3 || !lexicon.Is(WordClass::kNonProduct, t) || is_entity(t) ||
        (i < skip.size() && skip[i])) {
      return false;
    }
    size_t first = std::min(i, neighbour);
    return tenant.names.IsNameBigram(tokens[first], tokens[first + 1]);
  };
  for (size_t i = tokens.size(); i-- > 1;) {
    if (shop_word(i - 1, i)) keep[i - 1] = 1;
  }
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (shop_word(i, i - 1)) keep[i] = 1;
  }
  ProductPhrase phrase;
  auto spans = tenant.synonyms.Find(tokens);
  bool after_purpose = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (lexicon.Is(WordClass::kPurpose, tokens[i]) && i > 0 &&
        std::any_of(keep.begin(), keep.begin() + static_cast<std::ptrdiff_t>(i), [](char k) { return k != 0; })) {
      after_purpose = true;
    }
    if (!keep[i]) continue;
    PhraseWord pw{tokens[i], tenant.names.Forms(tokens[i]), {}, after_purpose, tenant.names.Weight(tokens[i])};
    for (const auto& span : spans) {
      if (span.start > i || i >= span.start + span.length) continue;
      std::vector<std::vector<const std::string*>> term;
      for (const auto& t : retrieval::SplitTokens(*span.canonical)) term.push_back(tenant.names.Forms(t));
      pw.stands_for.push_back(std::move(term));
    }
    phrase.words.push_back(std::move(pw));
  }
  phrase.whole_message = !phrase.words.empty() && phrase.words.size() == tokens.size();
  return phrase;
}

void MatchProducts(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens, const Entities& e,
                   bool strong_faq, ProductPhrase& phrase, RoutedTurn& turn) {
  std::vector<PhraseWord>& words = phrase.words;
  // Keep only the products that cover the phrase best, so "heavy duty 16mm
  // u lock" is the 16mm lock and not also the 15mm one.
  Ranking ranking(tenant, e, words, tokens);
  ranking.ConsiderNamed();
  // Full-text search is not needed when a well-matched FAQ answers and no
  // word names a product (no product found that way could outrank the FAQ).
  bool names_nothing = std::all_of(words.begin(), words.end(),
                                   [](const PhraseWord& pw) { return pw.forms.empty() && pw.stands_for.empty(); });
  std::string corrected_query;
  if (!ranking.NamedInFull() && !(strong_faq && names_nothing)) {
    corrected_query = SearchCatalog(tenant, e, turn.product_phrase, words, ranking);
  }
  const auto& ranked = ranking.Sorted();
  for (const auto& r : ranked) {
    if (r.coverage + 1e-9 >= ranked.front().coverage) turn.products.push_back(r.product);
  }
  turn.exact_product =
      !ranked.empty() && ranked.front().coverage >= 1.0 - 1e-9 && ranked.front().precision >= 0.99 &&
      (ranked.size() == 1 || ranked[1].precision < ranked.front().precision || ranked[1].coverage < 1.0);
  turn.missing_words = MissingWords(tenant, words);
  // Unknown words drop the matches unless a product is still named in full
  // ("raincoat for riding" is the rain jacket even though "riding" is not a product word).
  // A product named by its whole name among words we don't know
  // ("<script>alert(1)</script> lamb chops") is still that product.
  bool named = !ranked.empty() && (ranked.front().coverage >= 1.0 - 1e-9 || ranked.front().core_named);
  if (!turn.missing_words.empty() && !turn.exact_product && !named) turn.products.clear();
  turn.only_product_words = phrase.whole_message && named && !turn.products.empty();
  // Named as well as each other: the products whose name ends in the
  // phrase's last word, the head of the shopper's noun phrase ("an electric
  // toothbrush" is the toothbrush, not its replacement heads).
  const size_t content_words =
      static_cast<size_t>(std::count_if(words.begin(), words.end(), [](const PhraseWord& pw) { return !pw.purpose; }));
  if (!turn.exact_product && turn.products.size() > 1 && content_words >= 2 && !turn.category) {
    auto head = std::find_if(words.rbegin(), words.rend(), [](const PhraseWord& pw) { return !pw.purpose; });
    if (head != words.rend() && !head->forms.empty()) {
      std::vector<const Product*> ending;
      for (const auto* p : turn.products) {
        const auto& core = tenant.names.Of(*p).core_content;
        if (!core.empty() && Among(core.back(), head->forms)) ending.push_back(p);
      }
      if (!ending.empty() && ending.size() < turn.products.size()) turn.products = std::move(ending);
      if (turn.products.size() == 1 && named) turn.exact_product = true;
    }
  }
  // Named in full: that product, not its look-alikes ("beacon 800 front light").
  if (turn.exact_product && turn.products.size() > 1) {
    turn.products.erase(turn.products.begin() + 1, turn.products.end());
  }
  if (!turn.products.empty()) turn.corrected_query = corrected_query;
}

}  // namespace services
