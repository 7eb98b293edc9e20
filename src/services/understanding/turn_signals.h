// TurnSignals: everything the router's rules decide on, read once per turn
// from the message, the tenant's data and lexicon, and the session: the
// RoutedTurn (normalized text, entities, products, category, bundle, branch,
// delivery zones, FAQ match) and the facts derived from it (which word
// classes the message uses, whether the FAQ match is strong, ...).
//
// Plain values, so a rule's tests build one by hand. ReadTurn is pure and
// thread-safe.
#pragma once

#include <chrono>
#include <string_view>

#include "retrieval/tenant.h"
#include "services/session/session.h"
#include "services/understanding/routed_turn.h"

namespace services {

// The lexicon's word classes (lexicon/<language>.json) as the rules ask
// about them: true when the message uses a word or phrase of the class.
struct MessageWords {
  bool handoff = false;
  bool greeting_only = false;  // every word is part of a greeting entry
  bool thanks_only = false;    // every word is part of a thanks entry
  bool goodbye = false;
  bool delivery = false;
  bool delivery_fee = false;
  bool hours = false;  // hours words, unless "close" only means near ("close to me")
  bool branch = false;
  bool shop = false;
  bool live_data_question = false;
  bool cart = false;
  bool view_cart = false;
  bool remove = false;
  bool checkout = false;
  bool done = false;
  bool add = false;   // "add", "put"
  bool take = false;  // "i'll take", "can i get"
  bool want = false;  // "want", "i'd like", "order"
  bool order_question = false;
  bool quantity_question = false;
  bool price = false;
  bool stock = false;
  bool product_question = false;
  bool bundle = false;
  bool browse = false;
  bool cart_total = false;    // "what do i owe", "altogether"
  bool also = false;          // "and ...", "... too"
  bool change_line = false;   // "swap", "change", "upgrade"
  bool set_quantity = false;  // "make it 3"
  bool recall = false;        // "do you remember my name"
};

struct TurnSignals {
  RoutedTurn turn;  // what the message names; intent and confidence are the rules' to set
  MessageWords words;
  size_t word_count = 0;  // words of the message, synonym expansions included

  // From the session.
  std::string_view pending;     // the question asked last turn ("delivery_postcode"); outlives the signals
  std::string_view last_intent;  // the intent of the last turn ("add_to_cart"); outlives the signals
  bool postcode_known = false;  // a postcode given in an earlier turn
  bool cart_empty = true;

  // The tenant's thresholds (overrides.json).
  double faq_score = 0.5;  // an FAQ answers at this score
  double out_of_scope = 0.35;

  // Derived from the tenant's data.
  bool strong_faq = false;            // the FAQ match is good enough to beat product words
  bool faq_mentions_missing = false;  // the FAQ entry mentions every word the catalog has no name for
  bool category_only = false;         // every product word names turn.category
  bool knows_some = false;            // some product word is one the shop uses

  bool has_products() const { return !turn.products.empty(); }
  // A product named in full in this message (not one from the conversation).
  bool exact() const { return turn.exact_product && !turn.products_from_context; }
  // A best FAQ entry at the tenant's answering score.
  bool faq_answers() const { return turn.faq.faq && turn.faq.score >= faq_score; }
  // Words the catalog has no name for ("venison steaks" -> 2).
  size_t MissingCount() const;
};

// Reads a turn: normalization, entities (and holidays named instead of a
// date), the product phrase and the products it names, category, bundle,
// branch, delivery zones, FAQ match, products referred back to ("how much is
// it?") and the word classes the message uses.
TurnSignals ReadTurn(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                     std::chrono::system_clock::time_point now, const retrieval::TextNormalizer& normalizer);

}  // namespace services
