#include "services/router.h"

#include <algorithm>
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
  bool Phrase(std::string_view p) const { return padded_.find(" " + std::string(p) + " ") != std::string::npos; }
  bool StartsWith(std::string_view p) const { return padded_.rfind(" " + std::string(p) + " ", 0) == 0; }
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

// Words that carry intent or grammar, never a product.
const std::set<std::string, std::less<>>& NonProductWords() {
  static const std::set<std::string, std::less<>> kWords = {
      "a", "an", "the", "is", "are", "was", "be", "do", "does", "did", "you", "your", "u", "ur", "i", "me", "my",
      "we", "us", "our", "to", "of", "in", "on", "for", "it", "its", "and", "or", "can", "could", "would", "will",
      "this", "that", "these", "those", "them", "they", "with", "at", "im", "ive", "id", "ill", "am", "have", "has",
      "had", "got", "get", "there", "any", "some", "so", "pls", "please", "plz", "hi", "hey", "hello", "what", "whats",
      "which", "how", "much", "many", "price", "prices", "cost", "costs", "stock", "available", "availability", "left",
      "sell", "selling", "want", "wanted", "need", "like", "looking", "look", "find", "show", "see", "buy", "order",
      "add", "put", "basket", "cart", "trolley", "remove", "delete", "take", "out", "off", "from", "one", "ones",
      "deliver", "delivery", "deliveries", "postcode", "zip", "ship", "shipping", "open", "opening", "close",
      "closing", "hours", "time", "times", "today", "tomorrow", "now", "tonight", "when", "where", "near", "nearest",
      "closest", "branch", "shop", "store", "stores", "shops", "branches", "location", "address", "people", "person",
      "persons", "guests", "ppl", "for", "about", "just", "also", "too", "more", "less", "under", "over", "than",
      "below", "above", "up", "max", "cheap", "cheaper", "cheapest", "per", "each", "kg", "kilo", "kilos", "g",
      "grams", "lb", "lbs", "pound", "pounds", "dollars", "dollar", "bucks", "x", "please", "thanks", "thank",
      "cheers", "ok", "okay", "yes", "no", "not", "dont", "should", "much", "if", "then", "else", "still", "yet",
      "again", "same", "other", "another", "else", "something", "anything", "all", "every", "here", "very", "really",
      "good", "great", "best", "nice", "fresh", "new", "tell", "know", "let", "give", "check", "checking", "much",
      "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "weekend", "week", "day", "days", "£", "$", "€", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "dozen", "half", "couple", "few", "in", "instock", "got", "carry", "stocked",
      "offer", "range", "kind", "kinds", "type", "types", "options", "option", "sort", "sorts"};
  return kWords;
}

bool IsNumber(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// Crude singular form so "chops" and "chop", "helmets" and "helmet" meet.
std::string Singular(std::string_view w) {
  if (w.size() > 4 && w.substr(w.size() - 3) == "ies") return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

// Share of the phrase's words that the product's own wording (name,
// category, tags, SKU) contains, allowing plural forms, one typo in longer
// words and synonyms. Guards against matches found only in descriptions or
// through a far-fetched spelling correction ("france" -> "french").
double Coverage(const Product& p, const std::vector<std::string>& phrase, const std::vector<std::string>& extra,
                const retrieval::TextNormalizer& norm) {
  if (phrase.empty()) return 0;
  std::string own = norm.Normalize(p.name + " " + p.category_name + " " + p.sku);
  for (const auto& t : p.tags) own += " " + norm.Normalize(t);
  auto own_tokens = retrieval::SplitTokens(own);
  auto matches = [&](const std::string& w) {
    std::string sw = Singular(w);
    for (const auto& o : own_tokens) {
      std::string so = Singular(o);
      if (so == sw) return true;
      if (sw.size() >= 4 && so.size() >= 4 && retrieval::EditDistance(so, sw, 1) <= 1) return true;
    }
    return false;
  };
  size_t hit = 0;
  for (const auto& w : phrase) hit += matches(w);
  // Synonym expansions of the phrase count for the whole phrase.
  if (hit == 0) {
    for (const auto& w : extra) {
      if (matches(w)) return 0.5;
    }
  }
  return static_cast<double>(hit) / static_cast<double>(phrase.size());
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

RoutedTurn Router::Route(const Tenant& tenant, const Session& session, std::string_view message,
                         std::chrono::system_clock::time_point now) const {
  RoutedTurn turn;
  turn.normalized = normalizer_.Normalize(message);
  std::string expanded = tenant.synonyms.Expand(turn.normalized);
  Words w(expanded);

  ExtractionContext ctx;
  ctx.postcode_system = tenant.geo->system();
  ctx.currency = tenant.profile.currency;
  retrieval::CivilDate today = tenant.policy->Today(now);
  ctx.current_year = today.year;
  ctx.current_month = today.month;
  ctx.current_day = today.day;
  turn.entities = ExtractEntities(message, turn.normalized, ctx);
  const Entities& e = turn.entities;

  // Everything that is not an intent word, a number or an entity may name a product.
  std::set<std::string> entity_tokens;
  if (e.postcode) {
    for (const auto& t : retrieval::SplitTokens(normalizer_.Normalize(e.postcode->normalized))) entity_tokens.insert(t);
  }
  if (e.name) entity_tokens.insert(normalizer_.Normalize(*e.name));
  std::vector<std::string> phrase;
  for (const auto& t : retrieval::SplitTokens(turn.normalized)) {
    if (NonProductWords().count(t) || IsNumber(t) || entity_tokens.count(t)) continue;
    if (t.size() > 2 && IsNumber(t.substr(0, t.size() - 2))) continue;  // "2kg"
    if (e.email && e.email->find(t) != std::string::npos) continue;
    phrase.push_back(t);
  }
  for (const auto& t : phrase) turn.product_phrase += (turn.product_phrase.empty() ? "" : " ") + t;

  turn.category = tenant.catalog->FindCategory(expanded);
  turn.bundle = tenant.catalog->FindBundle(expanded);
  turn.branch = tenant.geo->FindBranch(turn.normalized);
  if (!turn.product_phrase.empty()) {
    retrieval::SearchQuery q;
    q.text = turn.product_phrase;
    q.limit = 6;
    if (e.budget_max) q.max_price_minor = e.budget_max->minor;
    if (e.budget_min) q.min_price_minor = e.budget_min->minor;
    auto result = tenant.catalog->Search(q);
    std::vector<std::string> synonyms;
    for (const auto& t : retrieval::SplitTokens(tenant.synonyms.Expand(turn.product_phrase))) synonyms.push_back(t);
    for (const auto& hit : result.hits) {
      if (hit.score >= 0.3 && Coverage(*hit.product, phrase, synonyms, normalizer_) >= 0.5) {
        turn.products.push_back(hit.product);
      }
    }
    if (!turn.products.empty()) turn.corrected_query = result.corrected_query;
  }
  for (const auto& t : retrieval::SplitTokens(turn.normalized)) {
    if (auto* p = tenant.catalog->FindBySku(t); p && std::find(turn.products.begin(), turn.products.end(), p) == turn.products.end()) {
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
  turn.faq = tenant.faq->Best(turn.normalized);
  turn.negated = w.StartsWith("no") || w.StartsWith("nope") || w.Has("not");

  auto set = [&turn](Intent intent, double confidence) {
    turn.intent = intent;
    turn.confidence = confidence;
    return turn;
  };
  bool has_products = !turn.products.empty();
  bool strong_faq = turn.faq.faq && turn.faq.score >= std::max(0.7, tenant.settings.faq_score + 0.15);

  // 1. Hand-off is always honoured first.
  if (w.HasAny({"human", "real person", "a person", "someone", "somebody", "staff", "agent", "manager",
                "operator", "speak to", "talk to", "call me back", "customer service"}) &&
      !has_products) {
    return set(Intent::kHumanHandoff, 0.95);
  }
  // 2. Small talk, only when that is all the message says.
  if (w.OnlyFrom({"hi", "hello", "hey", "hiya", "salaam", "salam", "assalamualaikum", "morning", "afternoon",
                  "evening", "good", "there", "yo", "howdy", "greetings", "alright", "all", "right"})) {
    return set(Intent::kGreeting, 0.95);
  }
  if (w.OnlyFrom({"thanks", "thank", "you", "thx", "ty", "cheers", "great", "perfect", "brilliant", "lovely",
                  "awesome", "ok", "okay", "cool", "nice", "much", "very", "so", "a", "lot", "jazakallah",
                  "shukran"})) {
    return set(Intent::kThanks, 0.9);
  }
  if (w.OnlyFrom({"bye", "goodbye", "see", "ya", "you", "later", "cya", "thats", "all", "that", "is", "it",
                  "for", "now", "thanks", "thank", "cheers", "take", "care", "good", "night"}) &&
      w.HasAny({"bye", "goodbye", "later", "cya", "night", "thats all", "that is all"}) && session.cart.empty()) {
    return set(Intent::kGoodbye, 0.9);
  }
  // 3. Cart commands.
  bool cart_word = w.HasAny({"cart", "basket", "trolley", "bag", "order so far"});
  if (w.HasAny({"remove", "delete", "take out", "take off", "dont want", "drop"}) && (cart_word || has_products)) {
    return set(Intent::kRemoveFromCart, 0.9);
  }
  if (w.HasAny({"checkout", "check out", "place order", "place my order", "pay", "ready to order", "complete order",
                "finish order", "confirm order", "confirm my order"}) ||
      (!session.cart.empty() && w.HasAny({"thats all", "that is all", "thats everything", "done", "finished"}))) {
    return set(Intent::kCheckout, 0.9);
  }
  if (cart_word && !w.HasAny({"add", "put"}) &&
      w.HasAny({"my", "whats", "what", "show", "view", "see", "in", "check", "total"})) {
    return set(Intent::kViewCart, 0.9);
  }
  bool add_words = w.HasAny({"add", "put", "ill take", "ill have", "i will take", "ill get", "take", "buy",
                             "get me", "want", "id like", "i would like", "order"});
  if (add_words && (has_products || cart_word) && !w.HasAny({"how much", "price", "deliver", "delivery"}) &&
      (w.HasAny({"add", "put", "ill take", "ill have", "i will take", "get me", "buy"}) || e.quantity ||
       turn.products_from_context)) {
    return set(Intent::kAddToCart, has_products ? 0.9 : 0.6);
  }
  // 4. Bundles for a party.
  if (turn.bundle && (e.people || w.HasAny({"bundle", "pack", "package", "party", "for people"}))) {
    return set(Intent::kSalesBundle, 0.9);
  }
  // 5. Delivery, hours, branches.
  bool delivery_words = w.HasAny({"deliver", "delivery", "deliveries", "delivering", "ship", "shipping", "postage",
                                  "courier", "drop off", "bring it", "come to", "cover", "send"});
  bool hours_words = w.HasAny({"open", "opening", "opens", "close", "closing", "closes", "hours", "what time",
                               "when are you", "shut"});
  bool branch_words = w.HasAny({"nearest", "closest", "near me", "near", "where", "address", "location", "located",
                                "directions", "find you", "map", "branch", "branches"});
  if (delivery_words && !(strong_faq && !e.postcode)) return set(Intent::kCheckDelivery, 0.9);
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
  if (price_words && (has_products || turn.category)) return set(Intent::kPriceCheck, has_products ? 0.9 : 0.7);
  if (stock_words && (has_products || turn.category) && !strong_faq) {
    return set(Intent::kStockCheck, has_products ? 0.9 : 0.7);
  }
  // 8. A paraphrased FAQ.
  if (turn.faq.faq && turn.faq.score >= tenant.settings.faq_score && !(has_products && turn.faq.score < 0.7)) {
    return set(Intent::kFaq, std::min(1.0, 0.4 + turn.faq.score * 0.6));
  }
  // 9. Products and categories without a more specific ask.
  if (turn.bundle && !has_products) return set(Intent::kSalesBundle, 0.7);
  if (turn.category && (!has_products || w.HasAny({"what", "show", "which", "range", "kinds", "types",
                                                      "options", "selection"}))) {
    bool named_product = has_products && !turn.products_from_context &&
                         turn.product_phrase.find(' ') != std::string::npos;
    if (!named_product) return set(Intent::kBrowseCategory, 0.8);
  }
  if (has_products && !turn.products_from_context) {
    if (price_words) return set(Intent::kPriceCheck, 0.85);
    return set(Intent::kSearchProduct, turn.corrected_query.empty() ? 0.85 : 0.7);
  }
  if (price_words && turn.products_from_context) return set(Intent::kPriceCheck, 0.8);
  if (stock_words && turn.products_from_context) return set(Intent::kStockCheck, 0.8);
  if (price_words || stock_words) return set(has_products ? Intent::kPriceCheck : Intent::kSearchProduct, 0.4);
  // 10. Nothing we recognise: the FAQ score says how close we came.
  return set(Intent::kUnknown, turn.faq.faq ? turn.faq.score : 0.0);
}

}  // namespace services
