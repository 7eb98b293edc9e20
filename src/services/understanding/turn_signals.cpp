#include "services/understanding/turn_signals.h"

#include <algorithm>
#include <span>

#include "services/understanding/name_numbers.h"
#include "services/understanding/product_match.h"

namespace services {

namespace {

using retrieval::WordClass;
using Words = std::span<const std::string_view>;

// The words of a normalized text (single spaces), as views into it.
std::vector<std::string_view> WordViews(std::string_view text) {
  std::vector<std::string_view> words;
  words.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), ' ')) + 1);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// `phrase` (normalized, single spaces) occurs in `words` as whole words.
bool HasPhrase(Words words, std::string_view phrase) {
  for (size_t start = 0; start < words.size(); ++start) {
    size_t i = start, pos = 0;
    while (i < words.size()) {
      size_t end = phrase.find(' ', pos);
      std::string_view part = phrase.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      if (words[i] != part) break;
      ++i;
      if (end == std::string_view::npos) return true;
      pos = end + 1;
    }
  }
  return false;
}

// The next date (today counts) of the first holiday the words name.
std::optional<std::string> HolidayDate(const retrieval::Lexicon& lexicon, Words words,
                                       const retrieval::PolicyStore& policy,
                                       std::chrono::system_clock::time_point now) {
  for (const retrieval::Holiday& h : lexicon.holidays()) {
    if (!retrieval::Names(words, h)) continue;
    retrieval::CivilDate today = policy.Today(now);
    for (int i = 0; i < 400; ++i) {
      retrieval::CivilDate d = policy.AddDays(today, i);
      if (d.month != h.month) continue;
      bool match = h.day ? d.day == h.day : d.weekday == h.weekday && d.day > 7 * (h.week - 1) && d.day <= 7 * h.week;
      if (match) return d.Iso();
    }
  }
  return std::nullopt;
}

Entities ReadEntities(const retrieval::Tenant& tenant, std::string_view message, const std::string& normalized,
                      Words plain, std::chrono::system_clock::time_point now) {
  ExtractionContext ctx;
  ctx.postcode_system = tenant.geo->system();
  ctx.currency = tenant.profile.currency;
  retrieval::CivilDate today = tenant.policy->Today(now);
  ctx.current_year = today.year;
  ctx.current_month = today.month;
  ctx.current_day = today.day;
  Entities e = ExtractEntities(message, normalized, ctx);
  if (!e.date && !e.weekday && !e.tomorrow) {
    if (auto holiday = HolidayDate(*tenant.lexicon, plain, *tenant.policy, now)) e.date = holiday;
  }
  return e;
}

MessageWords ReadWords(const retrieval::WordMatches& m) {
  auto any = [&](WordClass c) { return m.any.Has(c); };
  MessageWords w;
  w.handoff = any(WordClass::kHandoff);
  w.greeting_only = m.only.Has(WordClass::kGreeting);
  w.thanks_only = m.only.Has(WordClass::kThanks);
  w.goodbye = any(WordClass::kGoodbye);
  w.delivery = any(WordClass::kDelivery);
  w.delivery_fee = any(WordClass::kDeliveryFee);
  // "close to me" / "close by" is about where, not when.
  w.hours = any(WordClass::kHours) && !(any(WordClass::kNear) && !any(WordClass::kOpening));
  w.branch = any(WordClass::kBranch);
  w.shop = any(WordClass::kShop);
  w.live_data_question = any(WordClass::kLiveDataQuestion);
  w.cart = any(WordClass::kCart);
  w.view_cart = any(WordClass::kViewCart);
  w.remove = any(WordClass::kRemove);
  w.checkout = any(WordClass::kCheckout);
  w.done = any(WordClass::kDone);
  w.add = any(WordClass::kAdd);
  w.take = any(WordClass::kTake);
  w.want = any(WordClass::kWant);
  w.order_question = any(WordClass::kOrderQuestion);
  w.quantity_question = any(WordClass::kQuantityQuestion);
  w.price = any(WordClass::kPrice);
  w.stock = any(WordClass::kStock);
  w.product_question = any(WordClass::kProductQuestion);
  w.bundle = any(WordClass::kBundle);
  w.browse = any(WordClass::kBrowse);
  w.cart_total = any(WordClass::kCartTotal);
  w.also = any(WordClass::kAlso);
  w.change_line = any(WordClass::kChangeLine);
  w.set_quantity = any(WordClass::kSetQuantity);
  w.recall = any(WordClass::kRecall);
  return w;
}

// Products the message refers back to ("how much is it?") and SKUs typed out.
void AddProductsReferredTo(const retrieval::Tenant& tenant, const Session& session,
                           const std::vector<std::string>& tokens, bool refers_back, RoutedTurn& turn) {
  for (const auto& t : tokens) {
    if (auto* p = tenant.catalog->FindBySku(t);
        p && std::find(turn.products.begin(), turn.products.end(), p) == turn.products.end()) {
      turn.products.insert(turn.products.begin(), p);
    }
  }
  if (turn.products.empty() && refers_back && !session.last_skus.empty()) {
    for (const auto& sku : session.last_skus) {
      if (auto* p = tenant.catalog->FindBySku(sku)) turn.products.push_back(p);
    }
    turn.products_from_context = !turn.products.empty();
  }
}

void AddZonesNamed(const retrieval::Tenant& tenant, Words plain, RoutedTurn& turn) {
  if (turn.entities.postcode) return;
  for (const auto& [place, zone] : tenant.zone_places) {
    if (HasPhrase(plain, place) && std::find(turn.zones.begin(), turn.zones.end(), zone) == turn.zones.end()) {
      turn.zones.push_back(zone);
    }
  }
}

// Words no product is called by, set against the best FAQ: one that
// mentions them is the answer ("do you have gift cards?", "how much air for
// 28mm tires?"); when the shopper asks for a thing the shop has no word for,
// an FAQ that never mentions it is not about it ("do you sell fresh fish?"
// is not the freshness FAQ).
void WeighFaqAgainstMissingWords(bool asks_for_thing, TurnSignals& s) {
  RoutedTurn& turn = s.turn;
  if (!turn.faq.faq || turn.missing_words.empty()) return;
  auto missing = retrieval::SplitTokens(turn.missing_words);
  s.faq_mentions_missing =
      std::all_of(missing.begin(), missing.end(), [&](const std::string& m) { return turn.faq.faq->Mentions(m); });
  if (!s.faq_mentions_missing && asks_for_thing && missing.size() <= 2) {
    turn.faq.score = std::min(turn.faq.score, s.out_of_scope * 0.99);
    s.strong_faq = false;
  }
}

bool OnlyNamesCategory(const retrieval::Category& category, const std::vector<PhraseWord>& phrase,
                       const retrieval::TextNormalizer& normalizer) {
  if (phrase.empty()) return false;
  auto cat_tokens = retrieval::SplitTokens(normalizer.Normalize(category.name + " " + category.id));
  return std::all_of(phrase.begin(), phrase.end(), [&](const PhraseWord& pw) {
    return std::any_of(cat_tokens.begin(), cat_tokens.end(),
                       [&](const std::string& c) { return retrieval::Singular(c) == retrieval::Singular(pw.word); });
  });
}

}  // namespace

size_t TurnSignals::MissingCount() const { return retrieval::SplitTokens(turn.missing_words).size(); }

TurnSignals ReadTurn(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                     std::chrono::system_clock::time_point now, const retrieval::TextNormalizer& normalizer) {
  TurnSignals s;
  RoutedTurn& turn = s.turn;
  s.pending = session.pending;
  s.last_intent = session.last_intent;
  s.postcode_known = session.postcode.has_value();
  s.cart_empty = session.cart.empty();
  s.faq_score = tenant.settings.faq_score;
  s.out_of_scope = tenant.settings.out_of_scope;

  turn.normalized = normalizer.Normalize(message);
  // The synonym expansion only appends words, so the message's own words
  // come first.
  const std::string expanded = tenant.synonyms.Expand(turn.normalized);
  const std::vector<std::string> tokens = retrieval::SplitTokens(turn.normalized);
  const std::vector<std::string_view> words = WordViews(expanded);
  const Words plain(words.data(), std::min(tokens.size(), words.size()));
  const retrieval::Lexicon& lexicon = *tenant.lexicon;
  const retrieval::WordMatches said = lexicon.Match(words);
  s.words = ReadWords(said);
  s.word_count = words.size();
  // "take the chocolates off": a take word and a particle that ends the message.
  if (!plain.empty() && (s.words.take || s.words.want) && lexicon.Is(WordClass::kRemoveAfter, plain.back())) {
    s.words.remove = true;
  }

  turn.entities = ReadEntities(tenant, message, turn.normalized, plain, now);
  const std::vector<TypedSku> skus = FindTypedSkus(tenant, message, tokens, normalizer);
  std::vector<char> sku_tokens(skus.empty() ? 0 : tokens.size(), 0);
  for (const auto& sku : skus) std::fill(sku_tokens.begin() + sku.first, sku_tokens.begin() + sku.last + 1, 1);
  ProductPhrase phrase = ReadProductPhrase(tenant, tokens, turn.entities, normalizer, sku_tokens);
  for (const auto& w : phrase.words) turn.product_phrase += (turn.product_phrase.empty() ? "" : " ") + w.word;
  turn.category = tenant.catalog->FindCategory(expanded);
  turn.bundle = tenant.catalog->FindBundle(expanded);
  turn.branch = tenant.geo->FindBranch(turn.normalized);
  turn.faq = tenant.faq->Best(turn.normalized);
  s.strong_faq = turn.faq.faq && turn.faq.score >= std::max(0.7, s.faq_score + 0.15);
  if (!turn.product_phrase.empty()) MatchProducts(tenant, tokens, turn.entities, s.strong_faq, phrase, turn);
  if (!skus.empty()) {
    // A SKU typed out names its product exactly.
    if (turn.products.empty()) turn.exact_product = true;
    for (auto it = skus.rbegin(); it != skus.rend(); ++it) {
      std::erase(turn.products, it->product);
      turn.products.insert(turn.products.begin(), it->product);
    }
  }
  NarrowByNamedNumbers(tenant, tokens, sku_tokens, turn);
  if (const auto& q = turn.entities.quantity_tokens) {
    // A number of the product's own name is not how many the shopper wants.
    std::vector<char> name = NameTokens(tenant, tokens, sku_tokens, turn);
    bool named = false;
    for (size_t k = q->first; k <= q->second && k < name.size(); ++k) named = named || name[k];
    if (named) turn.entities = ReadEntities(tenant, message, MaskTokens(tokens, name), plain, now);
  }

  bool refers_back =
      said.any.Has(WordClass::kRefersBack) || (s.word_count <= 4 && said.any.Has(WordClass::kRefersBackShort));
  AddProductsReferredTo(tenant, session, tokens, refers_back, turn);
  turn.unresolved_reference =
      refers_back && turn.products.empty() && session.last_skus.empty() && !turn.category && !turn.bundle;
  AddZonesNamed(tenant, plain, turn);
  turn.negated = said.opening.Has(WordClass::kNegationOpening) || said.any.Has(WordClass::kNegation);
  WeighFaqAgainstMissingWords(said.any.Has(WordClass::kAsksForThing), s);

  s.category_only = turn.category && OnlyNamesCategory(*turn.category, phrase.words, normalizer);
  s.knows_some = std::any_of(phrase.words.begin(), phrase.words.end(), [&](const PhraseWord& pw) {
    return tenant.vocabulary.Contains(pw.word) || tenant.vocabulary.Contains(retrieval::Singular(pw.word));
  });
  return s;
}

}  // namespace services
