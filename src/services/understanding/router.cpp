#include "services/understanding/router.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

namespace services {

namespace {

using retrieval::Product;

class Words {
 public:
  explicit Words(const std::string& normalized) : text_(normalized) {
    tokens_ = retrieval::SplitTokens(normalized);
    padded_ = " " + normalized + " ";
  }
  const std::vector<std::string>& tokens() const { return tokens_; }
  bool Has(std::string_view w) const { return std::find(tokens_.begin(), tokens_.end(), w) != tokens_.end(); }
  bool HasAny(std::initializer_list<std::string_view> ws) const {
    for (auto w : ws) {
      if (w.find(' ') != std::string_view::npos ? Phrase(w) : Has(w)) return true;
    }
    return false;
  }
  // `p` occurs as whole words (padded_ has a space at both ends).
  bool Phrase(std::string_view p) const {
    for (size_t pos = padded_.find(p); pos != std::string::npos; pos = padded_.find(p, pos + 1)) {
      if (padded_[pos - 1] == ' ' && pos + p.size() < padded_.size() && padded_[pos + p.size()] == ' ') return true;
    }
    return false;
  }
  bool StartsWith(std::string_view p) const {
    return padded_.compare(1, p.size(), p) == 0 && padded_.size() > p.size() + 1 && padded_[p.size() + 1] == ' ';
  }
  size_t size() const { return tokens_.size(); }
  // True when every token is in `allowed`.
  bool OnlyFrom(std::initializer_list<std::string_view> allowed) const {
    for (const auto& t : tokens_) {
      if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) return false;
    }
    return !tokens_.empty();
  }

 private:
  std::string text_;
  std::string padded_;
  std::vector<std::string> tokens_;
};

// A spelling correction close enough to trust: one edit, or two in a long word.
bool PlausibleTypo(const std::string& said, const std::string& corrected) {
  size_t edits = retrieval::EditDistance(said, corrected, 2);
  if (said.size() < 5) return false;
  return edits <= 1 || (edits == 2 && said.size() >= 7 && said.compare(0, 3, corrected, 0, 3) == 0);
}

bool IsNumber(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool IsQuantityToken(std::string_view t) {
  for (std::string_view unit : {"kg", "g", "lb", "lbs", "oz", "kilo", "kilos", "x"}) {
    if (t.size() > unit.size() && t.substr(t.size() - unit.size()) == unit &&
        IsNumber(t.substr(0, t.size() - unit.size()))) {
      return true;
    }
  }
  return false;
}

// A word of the shopper's product phrase, with what it stands for when it
// is part of a synonym ("champ" -> "lamb chops"), after spelling correction.
struct PhraseWord {
  std::string word;
  std::vector<const std::string*> forms;  // the product words it matches (ProductNames ids)
  // Synonym terms it is part of: per term, per word, the product words it matches.
  std::vector<std::vector<std::vector<const std::string*>>> stands_for;
  bool purpose = false;  // after "for" ("raincoat for riding"): describes, need not match
  double weight = 1;     // rarer words in the catalog say more about which product
};

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
                       const std::vector<std::string>& numbers) {
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

// Holidays shoppers name instead of a date: the next one (today counts).
std::optional<std::string> HolidayDate(const Words& w, const retrieval::PolicyStore& policy,
                                       std::chrono::system_clock::time_point now) {
  struct Holiday {
    std::vector<std::string_view> names;
    int month, day;  // day 0: fourth Thursday of the month (Thanksgiving)
  };
  const Holiday holidays[] = {
      {{"christmas eve", "xmas eve"}, 12, 24},
      {{"boxing day"}, 12, 26},
      {{"new years eve", "nye", "hogmanay"}, 12, 31},
      {{"new years day", "new year"}, 1, 1},
      {{"christmas day", "christmas", "xmas"}, 12, 25},
      {{"thanksgiving"}, 11, 0},
      {{"independence day", "4th of july", "fourth of july"}, 7, 4},
  };
  for (const auto& h : holidays) {
    bool named = std::any_of(h.names.begin(), h.names.end(), [&](std::string_view n) {
      return n.find(' ') != std::string_view::npos ? w.Phrase(n) : w.Has(n);
    });
    if (!named) continue;
    retrieval::CivilDate today = policy.Today(now);
    for (int i = 0; i < 400; ++i) {
      retrieval::CivilDate d = policy.AddDays(today, i);
      if (d.month != h.month) continue;
      bool match = h.day ? d.day == h.day : (d.weekday == 3 && d.day >= 22 && d.day <= 28);
      if (match) return d.Iso();
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view IntentName(Intent intent) {
  switch (intent) {
    case Intent::kGreeting: return "greeting";
    case Intent::kThanks: return "thanks";
    case Intent::kGoodbye: return "goodbye";
    case Intent::kSearchProduct: return "search_product";
    case Intent::kBrowseCategory: return "browse_category";
    case Intent::kPriceCheck: return "price_check";
    case Intent::kStockCheck: return "stock_check";
    case Intent::kCheckDelivery: return "check_delivery";
    case Intent::kBranchLocator: return "branch_locator";
    case Intent::kOpeningHours: return "opening_hours";
    case Intent::kFaq: return "faq";
    case Intent::kAddToCart: return "add_to_cart";
    case Intent::kRemoveFromCart: return "remove_from_cart";
    case Intent::kViewCart: return "view_cart";
    case Intent::kCheckout: return "checkout";
    case Intent::kSalesBundle: return "sales_bundle";
    case Intent::kLeadCapture: return "lead_capture";
    case Intent::kHumanHandoff: return "human_handoff";
    case Intent::kUnknown: return "unknown";
  }
  return "unknown";
}

RoutedTurn Router::Route(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                         std::chrono::system_clock::time_point now) const {
  RoutedTurn turn;
  turn.normalized = normalizer_.Normalize(message);
  std::string expanded = tenant.synonyms.Expand(turn.normalized);
  Words w(expanded);
  Words plain(turn.normalized);

  ExtractionContext ctx;
  ctx.postcode_system = tenant.geo->system();
  ctx.currency = tenant.profile.currency;
  retrieval::CivilDate today = tenant.policy->Today(now);
  ctx.current_year = today.year;
  ctx.current_month = today.month;
  ctx.current_day = today.day;
  turn.entities = ExtractEntities(message, turn.normalized, ctx);
  if (!turn.entities.date && !turn.entities.weekday && !turn.entities.tomorrow) {
    if (auto holiday = HolidayDate(plain, *tenant.policy, now)) turn.entities.date = holiday;
  }
  const Entities& e = turn.entities;

  // Everything that is not an intent word, a number or an entity may name a product.
  std::set<std::string> entity_tokens;
  if (e.postcode) {
    for (const auto& t : retrieval::SplitTokens(normalizer_.Normalize(e.postcode->normalized))) entity_tokens.insert(t);
  }
  if (e.name) entity_tokens.insert(normalizer_.Normalize(*e.name));
  const std::vector<std::string> tokens = retrieval::SplitTokens(turn.normalized);
  std::vector<char> keep(tokens.size(), 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    keep[i] = !(retrieval::IsNonProductWord(t) || IsNumber(t) || entity_tokens.count(t) || IsQuantityToken(t) ||
                (e.email && e.email->find(t) != std::string::npos));
  }
  // Common words the shop also uses in product names ("free range eggs")
  // count when they form part of a product name with a product word.
  auto shop_word = [&](size_t i, size_t neighbour) {
    const std::string& t = tokens[i];
    if (keep[i] || !keep[neighbour] || t.size() < 3 || !retrieval::IsNonProductWord(t) || entity_tokens.count(t)) {
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
  std::vector<PhraseWord> phrase;
  {
    auto spans = tenant.synonyms.Find(tokens);
    bool after_for = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i] == "for" && i > 0 &&
          std::any_of(keep.begin(), keep.begin() + static_cast<std::ptrdiff_t>(i), [](char k) { return k != 0; })) {
        after_for = true;
      }
      if (!keep[i]) continue;
      PhraseWord pw{tokens[i], tenant.names.Forms(tokens[i]), {}, after_for, tenant.names.Weight(tokens[i])};
      for (const auto& span : spans) {
        if (span.start > i || i >= span.start + span.length) continue;
        std::vector<std::vector<const std::string*>> term;
        for (const auto& t : retrieval::SplitTokens(*span.canonical)) term.push_back(tenant.names.Forms(t));
        pw.stands_for.push_back(std::move(term));
      }
      phrase.push_back(std::move(pw));
    }
  }
  const bool all_product_words = !phrase.empty() && phrase.size() == tokens.size();
  for (const auto& t : phrase) turn.product_phrase += (turn.product_phrase.empty() ? "" : " ") + t.word;

  turn.category = tenant.catalog->FindCategory(expanded);
  turn.bundle = tenant.catalog->FindBundle(expanded);
  turn.branch = tenant.geo->FindBranch(turn.normalized);
  turn.faq = tenant.faq->Best(turn.normalized);
  bool strong_faq = turn.faq.faq && turn.faq.score >= std::max(0.7, tenant.settings.faq_score + 0.15);
  if (!turn.product_phrase.empty()) {
    std::vector<std::string> numbers;
    for (const auto& t : tokens) {
      if (IsNumber(t)) numbers.push_back(t);
    }
    // Rank by how completely the phrase names the product, then how much of
    // the product's name was said, then the search engine's score; keep only
    // the products that cover the phrase best, so "heavy duty 16mm u lock"
    // is the 16mm lock and not also the 15mm one.
    struct Ranked {
      const Product* product;
      double coverage, precision, score;
      bool core_named;
    };
    std::vector<Ranked> ranked;
    auto in_budget = [&](const Product& p) {
      return (!e.budget_max || p.price.minor <= e.budget_max->minor) &&
             (!e.budget_min || p.price.minor >= e.budget_min->minor);
    };
    auto consider = [&](const Product& p, double score) {
      for (auto& r : ranked) {
        if (r.product == &p) {
          r.score = std::max(r.score, score);
          return;
        }
      }
      CoverageScore c = Coverage(tenant.names.Of(p), phrase, numbers);
      if ((score >= 0.3 && c.coverage >= 0.5) || c.core_named) {
        ranked.push_back({&p, c.coverage, c.precision, score, c.core_named});
      }
    };
    auto named_in_full = [&] {
      return std::any_of(ranked.begin(), ranked.end(),
                         [](const Ranked& r) { return r.coverage >= 1.0 - 1e-9 || r.core_named; });
    };
    // First the products the shopper named: their own words (and what
    // synonyms stand for), no full-text search needed.
    auto consider_named = [&] {
      std::vector<uint32_t> called;
      for (const auto& pw : phrase) {
        tenant.names.ProductsCalled(pw.forms, called);
        for (const auto& term : pw.stands_for) {
          for (const auto& forms : term) tenant.names.ProductsCalled(forms, called);
        }
      }
      std::sort(called.begin(), called.end());
      called.erase(std::unique(called.begin(), called.end()), called.end());
      const auto& products = tenant.catalog->products();
      for (uint32_t index : called) {
        if (in_budget(products[index])) consider(products[index], 0.3);
      }
    };
    consider_named();
    // Otherwise full-text search: descriptions, stemming, spelling; not
    // needed when a well-matched FAQ answers and no word names a product
    // (no product found that way could outrank the FAQ).
    bool names_nothing = std::all_of(phrase.begin(), phrase.end(),
                                     [](const PhraseWord& pw) { return pw.forms.empty() && pw.stands_for.empty(); });
    std::string corrected_query;
    if (!named_in_full() && !(strong_faq && names_nothing)) {
      retrieval::SearchQuery q;
      q.text = turn.product_phrase;
      q.limit = 6;
      if (e.budget_max) q.max_price_minor = e.budget_max->minor;
      if (e.budget_min) q.min_price_minor = e.budget_min->minor;
      auto result = tenant.catalog->Search(q);
      // Spelling corrections the search used, one word for one word, when they
      // are close enough to trust ("shoulda" -> "shoulder", not "france" -> "french").
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
          ranked.clear();  // scored against the words as typed
          consider_named();
        }
      }
      for (const auto& hit : result.hits) consider(*hit.product, hit.score);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.coverage != b.coverage) return a.coverage > b.coverage;
      if (a.precision != b.precision) return a.precision > b.precision;
      return a.score > b.score;
    });
    for (const auto& r : ranked) {
      if (r.coverage + 1e-9 >= ranked.front().coverage) turn.products.push_back(r.product);
    }
    turn.exact_product =
        !ranked.empty() && ranked.front().coverage >= 1.0 - 1e-9 && ranked.front().precision >= 0.99 &&
        (ranked.size() == 1 || ranked[1].precision < ranked.front().precision || ranked[1].coverage < 1.0);
    // Words of the phrase that nothing in the catalog is called: the shopper
    // asked for something the shop does not sell ("venison steaks").
    for (const auto& pw : phrase) {
      const std::string& w = pw.word;
      // Purpose words and measurements ("28mm") are not things to sell.
      if (pw.purpose || std::isdigit(static_cast<unsigned char>(pw.word[0]))) continue;
      if (!tenant.vocabulary.HasClose(w) && !tenant.vocabulary.Contains(retrieval::Singular(w))) {
        turn.missing_words += (turn.missing_words.empty() ? "" : " ") + w;
      }
    }
    // Unknown words drop the matches unless a product is still named in full
    // ("raincoat for riding" is the rain jacket even though "riding" is not a product word).
    // A product named by its whole name among words we don't know
    // ("<script>alert(1)</script> lamb chops") is still that product.
    bool named = !ranked.empty() && (ranked.front().coverage >= 1.0 - 1e-9 || ranked.front().core_named);
    if (!turn.missing_words.empty() && !turn.exact_product && !named) turn.products.clear();
    turn.only_product_words = all_product_words && named && !turn.products.empty();
    // Named in full: that product, not its look-alikes ("beacon 800 front light").
    if (turn.exact_product && turn.products.size() > 1)
      turn.products.erase(turn.products.begin() + 1, turn.products.end());
    if (!turn.products.empty()) turn.corrected_query = corrected_query;
  }
  for (const auto& t : tokens) {
    if (auto* p = tenant.catalog->FindBySku(t);
        p && std::find(turn.products.begin(), turn.products.end(), p) == turn.products.end()) {
      turn.products.insert(turn.products.begin(), p);
    }
  }
  bool refers_back = w.HasAny({"it", "that", "those", "them", "these", "this", "same", "ones", "one"}) ||
                     w.Phrase("that one") || (w.size() <= 4 && w.HasAny({"how much", "in stock", "add"}));
  if (turn.products.empty() && refers_back && !session.last_skus.empty()) {
    for (const auto& sku : session.last_skus) {
      if (auto* p = tenant.catalog->FindBySku(sku)) turn.products.push_back(p);
    }
    turn.products_from_context = !turn.products.empty();
  }
  if (!e.postcode) {
    for (const auto& [place, zone] : tenant.zone_places) {
      if (plain.Phrase(place) && std::find(turn.zones.begin(), turn.zones.end(), zone) == turn.zones.end()) {
        turn.zones.push_back(zone);
      }
    }
  }
  turn.negated = w.StartsWith("no") || w.StartsWith("nope") || w.Has("not");

  // Words no product is called by, set against the best FAQ: one that
  // mentions them is the answer ("do you have gift cards?", "how much air
  // for 28mm tires?"); when the shopper asks for a thing the shop has no word
  // for, an FAQ that never mentions it is not about it ("do you sell fresh
  // fish?" is not the freshness FAQ).
  bool faq_mentions_missing = false;
  if (turn.faq.faq && !turn.missing_words.empty()) {
    auto missing = retrieval::SplitTokens(turn.missing_words);
    faq_mentions_missing =
        std::all_of(missing.begin(), missing.end(), [&](const std::string& m) { return turn.faq.faq->Mentions(m); });
    bool asks_for_thing = w.HasAny({"do you sell", "do you have", "have you got", "do you carry", "do you stock",
                                    "do you do", "rent", "hire", "buy", "sell"});
    if (!faq_mentions_missing && asks_for_thing && missing.size() <= 2) {
      turn.faq.score = std::min(turn.faq.score, tenant.settings.out_of_scope * 0.99);
      strong_faq = false;
    }
  }

  auto set = [&turn](Intent intent, double confidence) {
    turn.intent = intent;
    turn.confidence = confidence;
    return turn;
  };
  bool has_products = !turn.products.empty();
  bool exact = turn.exact_product && !turn.products_from_context;
  bool category_only = false;
  if (turn.category && !phrase.empty()) {
    std::string cat = normalizer_.Normalize(turn.category->name + " " + turn.category->id);
    auto cat_tokens = retrieval::SplitTokens(cat);
    category_only = std::all_of(phrase.begin(), phrase.end(), [&](const PhraseWord& pw) {
      const std::string& wd = pw.word;
      return std::any_of(cat_tokens.begin(), cat_tokens.end(),
                         [&](const std::string& c) { return retrieval::Singular(c) == retrieval::Singular(wd); });
    });
  }

  // 0. Answers to the question we asked last turn.
  if (e.postcode && session.pending == "branch_postcode") return set(Intent::kBranchLocator, 0.9);
  if (e.postcode && session.pending == "delivery_postcode") return set(Intent::kCheckDelivery, 0.9);

  // 1. Hand-off is always honoured first.
  if (w.HasAny({"human", "real person", "a person", "speak to someone", "talk to someone", "speak to a", "talk to a",
                "speak with", "talk with", "agent", "operator", "call me back", "customer service", "speak to staff",
                "member of staff", "manager", "complain", "complaint", "make a complaint"})) {
    return set(Intent::kHumanHandoff, 0.95);
  }
  // 2. Small talk, only when that is all the message says.
  if (w.OnlyFrom({"hi",        "hello",          "hey",     "hiya",   "salaam", "salam", "assalamualaikum",
                  "morning",   "afternoon",      "evening", "good",   "there",  "yo",    "howdy",
                  "greetings", "alright",        "all",     "right",  "السلام", "عليكم", "assalamu",
                  "alaikum",   "asalamualaikum", "wa",      "alaykum"})) {
    return set(Intent::kGreeting, 0.95);
  }
  if (w.OnlyFrom({"thanks",      "thank",     "you",     "thx",     "ty",         "cheers", "great",
                  "perfect",     "brilliant", "lovely",  "awesome", "ok",         "okay",   "cool",
                  "nice",        "much",      "very",    "so",      "a",          "lot",    "jazakallah",
                  "jazakallahu", "khair",     "khairan", "shukran", "appreciate", "it"})) {
    return set(Intent::kThanks, 0.9);
  }
  if (w.HasAny({"bye", "goodbye", "cya", "see ya", "see you", "good night", "later", "ttyl"}) && w.size() <= 8 &&
      !has_products) {
    return set(Intent::kGoodbye, 0.9);
  }
  bool delivery_words = w.HasAny({"deliver", "delivery", "deliveries", "delivering", "ship", "shipping", "postage",
                                  "courier", "drop off", "bring it", "come to", "cover", "send"});
  // 2a. Delivery to a place the delivery zones name ("do you deliver to beaverton?").
  if (delivery_words && !turn.zones.empty() && !e.postcode) return set(Intent::kCheckDelivery, 0.9);
  // 2b. A branch named outright ("the hyde park shop").
  // "close to me" / "close by" is about where, not when.
  bool hours_words = w.HasAny({"open", "opening", "opens", "close", "closing", "closes", "hours", "what time",
                               "when are you", "shut"}) &&
                     !(w.HasAny({"close to", "close by"}) && !w.HasAny({"open", "opening", "hours", "what time"}));
  bool branch_words = w.HasAny({"nearest", "closest", "near me", "near", "close to", "close by", "where", "address",
                                "location", "located", "directions", "find you", "map", "branch", "branches"});
  if (turn.branch && !hours_words && (branch_words || w.HasAny({"shop", "store"})) && !exact) {
    return set(Intent::kBranchLocator, 0.9);
  }
  // 3. Cart commands.
  bool cart_word = w.HasAny({"cart", "basket", "trolley", "order so far"});
  if (w.HasAny({"remove", "delete", "take out", "take off", "dont want", "drop"}) && (cart_word || has_products)) {
    return set(Intent::kRemoveFromCart, 0.9);
  }
  if (w.HasAny({"checkout", "check out", "place order", "place my order", "ready to order", "complete order",
                "complete my order", "finish order", "confirm order", "confirm my order", "ready to pay"}) ||
      (!session.cart.empty() && w.HasAny({"thats all", "that is all", "thats everything", "done", "finished"}))) {
    return set(Intent::kCheckout, 0.9);
  }
  if (cart_word && !w.HasAny({"add", "put"}) &&
      w.HasAny({"my", "whats", "what", "show", "view", "see", "in", "check", "total"})) {
    return set(Intent::kViewCart, 0.9);
  }
  bool delivery_question = w.HasAny({"fee", "fees", "charge", "minimum", "min order", "minimum order", "delivery cost",
                                     "how much is delivery", "postage"});
  if (delivery_question && session.postcode && !has_products) return set(Intent::kCheckDelivery, 0.9);
  bool day_specific = e.weekday || e.today || e.tomorrow || e.date || turn.branch;
  // A well-matched FAQ beats product words that only brush past it ("can I
  // put a deposit down to hold a bike" is the layaway question).
  if (strong_faq && !exact && !turn.only_product_words && !e.postcode && turn.zones.empty() && !cart_word &&
      !(hours_words && day_specific) && !(has_products && w.HasAny({"how much", "price", "in stock", "add"})) &&
      !w.HasAny({"deliver to", "open on", "open today"})) {
    return set(Intent::kFaq, std::min(1.0, 0.4 + turn.faq.score * 0.6));
  }
  // Two signals agree (the model and a literal mention), so half the usual bar.
  if (faq_mentions_missing && turn.faq.score >= tenant.settings.out_of_scope / 2 &&
      turn.faq.score > turn.faq.rival_score && !exact && !e.postcode && !cart_word) {
    return set(Intent::kFaq, std::min(1.0, 0.4 + turn.faq.score * 0.6));
  }
  bool add_words = w.HasAny({"add", "put", "ill take", "ill have", "i will take", "ill get", "take", "buy", "get me",
                             "want", "id like", "i would like", "order", "can i get", "ill grab"});
  if (add_words && (has_products || cart_word) && !w.HasAny({"how much", "price", "deliver", "delivery"}) &&
      (w.HasAny({"add", "put", "ill take", "ill have", "i will take", "get me", "buy", "can i get"}) || e.quantity ||
       turn.products_from_context)) {
    return set(Intent::kAddToCart, has_products ? 0.9 : 0.6);
  }
  if (e.quantity && !e.quantity_unit.empty() && has_products && !turn.products_from_context &&
      !w.HasAny({"how much", "price", "cost", "deliver", "delivery", "in stock", "available"})) {
    return set(Intent::kAddToCart, 0.8);  // "and 1kg beef mince please"
  }
  if (!has_products && !turn.missing_words.empty() && w.HasAny({"add", "put"}) && cart_word) {
    return set(Intent::kAddToCart, 0.6);
  }
  // 4. Bundles for a party.
  if (turn.bundle && (e.people || w.HasAny({"bundle", "pack", "package", "party", "for people"}))) {
    return set(Intent::kSalesBundle, 0.9);
  }
  // 5. Delivery, hours, branches.
  if (delivery_words && (!turn.zones.empty() || !(strong_faq && !e.postcode && !session.postcode))) {
    return set(Intent::kCheckDelivery, 0.9);
  }
  if (e.postcode && !has_products && !hours_words && !branch_words && w.size() <= 6 && !e.phone) {
    return set(Intent::kCheckDelivery, 0.75);
  }
  if (hours_words && !has_products && !(strong_faq && !e.weekday && !e.today && !e.tomorrow && !turn.branch)) {
    return set(Intent::kOpeningHours, 0.9);
  }
  if (branch_words && !has_products && !(strong_faq && !e.postcode)) return set(Intent::kBranchLocator, 0.85);
  // 6. Contact details given.
  if ((e.phone || e.email || (e.name && w.size() <= 6)) && !has_products) return set(Intent::kLeadCapture, 0.85);
  // 7. Product questions.
  bool price_words = w.HasAny({"how much", "price", "prices", "cost", "costs", "how expensive", "priced"});
  bool stock_words = w.HasAny({"in stock", "stock", "available", "availability", "do you have", "have you got",
                               "got any", "any left", "sold out", "do you sell", "do you carry", "do you do"});
  if (category_only && !exact) return set(Intent::kBrowseCategory, 0.85);
  if (price_words && (has_products || turn.category)) return set(Intent::kPriceCheck, has_products ? 0.9 : 0.7);
  if (stock_words && (has_products || turn.category) && !strong_faq) {
    return set(Intent::kStockCheck, has_products ? 0.9 : 0.7);
  }
  // 8. A paraphrased FAQ.
  if (turn.faq.faq && turn.faq.score >= tenant.settings.faq_score && !turn.only_product_words &&
      !(has_products && turn.faq.score < 0.7)) {
    return set(Intent::kFaq, std::min(1.0, 0.4 + turn.faq.score * 0.6));
  }
  // 9. Products and categories without a more specific ask.
  if (turn.bundle && !has_products) return set(Intent::kSalesBundle, 0.7);
  // A category word next to something the shop has no word for ("rent a
  // kayak") is not a request to browse that category.
  bool unknown_thing = !turn.missing_words.empty() && !category_only;
  if (turn.category && !unknown_thing &&
      (!has_products || w.HasAny({"what", "show", "which", "range", "kinds", "types", "options", "selection"}))) {
    bool named_product =
        has_products && !turn.products_from_context && turn.product_phrase.find(' ') != std::string::npos;
    if (!named_product) return set(Intent::kBrowseCategory, 0.8);
  }
  if (has_products && !turn.products_from_context) {
    if (price_words) return set(Intent::kPriceCheck, 0.85);
    return set(Intent::kSearchProduct, turn.corrected_query.empty() ? 0.85 : 0.7);
  }
  if (price_words && turn.products_from_context) return set(Intent::kPriceCheck, 0.8);
  if (stock_words && turn.products_from_context) return set(Intent::kStockCheck, 0.8);
  // Something the catalog has no word for, asked about in a few words
  // ("venison steaks?"): say we don't sell it rather than guess.
  bool knows_some = std::any_of(phrase.begin(), phrase.end(), [&](const PhraseWord& pw) {
    const std::string& p = pw.word;
    return tenant.vocabulary.Contains(p) || tenant.vocabulary.Contains(retrieval::Singular(p));
  });
  size_t missing_count = retrieval::SplitTokens(turn.missing_words).size();
  if (!turn.missing_words.empty() && missing_count <= 2 && (knows_some || price_words || stock_words) &&
      (w.size() <= 3 || price_words || stock_words) && !(turn.faq.faq && turn.faq.score >= tenant.settings.faq_score)) {
    return set(Intent::kSearchProduct, 0.6);
  }
  if (price_words || stock_words) return set(has_products ? Intent::kPriceCheck : Intent::kSearchProduct, 0.4);
  // 10. No rule fired: the trained model's built-in rivals still recognise
  // paraphrases of what live data answers ("could someone ring me back",
  // "how do I get to you").
  if (!turn.faq.rival.empty() && turn.faq.rival_score >= tenant.settings.faq_score &&
      turn.faq.rival_score > turn.faq.score) {
    const std::string& r = turn.faq.rival;
    double confidence = std::min(1.0, 0.4 + turn.faq.rival_score * 0.5);
    if (r == "@hours") return set(Intent::kOpeningHours, confidence);
    if (r == "@delivery") return set(Intent::kCheckDelivery, confidence);
    if (r == "@branch") return set(Intent::kBranchLocator, confidence);
    if (r == "@human") return set(Intent::kHumanHandoff, confidence);
    if (r == "@party" && turn.bundle) return set(Intent::kSalesBundle, confidence);
  }
  // 11. Nothing we recognise: the FAQ score says how close we came.
  return set(Intent::kUnknown, turn.faq.faq ? turn.faq.score : 0.0);
}

}  // namespace services
