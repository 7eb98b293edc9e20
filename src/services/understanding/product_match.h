// Which products a message names (docs/architecture.md, "Which products a
// message names"): the product phrase (the words left once intent words,
// numbers and entities are removed) and the catalog's products ranked by how
// completely the phrase names them. Part of reading a turn (turn_signals.h).
// Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "retrieval/tenant.h"
#include "services/understanding/entity_extractor.h"
#include "services/understanding/routed_turn.h"

namespace services {

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

struct ProductPhrase {
  std::vector<PhraseWord> words;
  bool whole_message = false;  // every word of the message is a phrase word
};

// The words of `tokens` (the normalized message) that may name a product:
// not the lexicon's non_product words (unless the shop uses one inside a
// product name next to a product word: "free range eggs"), numbers,
// quantities ("2kg") or entities.
// Tokens marked in `skip` (a SKU typed out; same size as `tokens`, or empty)
// are left out too.
ProductPhrase ReadProductPhrase(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                                const Entities& entities, const retrieval::TextNormalizer& normalizer,
                                const std::vector<char>& skip = {});

// Ranks the catalog's products against `phrase` and fills turn.products,
// exact_product, missing_words, only_product_words and corrected_query.
// Full-text search runs only when no product is named in full, and not when
// a strong FAQ answers (`strong_faq`) and no phrase word names a product. A
// trusted spelling correction rewrites the phrase's words.
void MatchProducts(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens, const Entities& entities,
                   bool strong_faq, ProductPhrase& phrase, RoutedTurn& turn);

}  // namespace services
