// Numbers that belong to what the shopper named, not to how many they want
// (issue 12): a SKU typed out ("add 2 SPF50-200"), a number in a product's
// name ("one 12-inch pizza base", "the 16 piece truffles", "24 red roses"
// when the shop sells a 24-stem bunch) or a count inside a synonym of a
// product ("a dozen red roses" for "Classic Red Roses (12 Stems)").
//
// Part of reading a turn (turn_signals.h). Pure and thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "retrieval/tenant.h"
#include "services/understanding/routed_turn.h"

namespace services {

// A SKU typed in the message as it was written, and the tokens of the
// normalized message it became ("SPF50-200" -> "spf50", "200").
struct TypedSku {
  const retrieval::Product* product = nullptr;
  size_t first = 0;  // token indices, inclusive
  size_t last = 0;
};

// SKUs of active products typed in `raw` (words of letters, digits, '-' and
// '_' with at least one digit or '-'), located in `tokens` (the normalized
// message). Case-insensitive; each SKU once.
std::vector<TypedSku> FindTypedSkus(const retrieval::Tenant& tenant, std::string_view raw,
                                    const std::vector<std::string>& tokens,
                                    const retrieval::TextNormalizer& normalizer);

// Several products named equally well, and a number said that only some of
// their names contain ("24 red roses" against 6, 12 and 24 stems; "100ml"
// against the 100ml and 200ml bottles): keeps those. The product left alone
// is then named exactly. Numbers typed inside a SKU (`skip`) do not count.
void NarrowByNamedNumbers(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                          const std::vector<char>& skip, RoutedTurn& turn);

// Tokens of the message that belong to the first product's name rather than
// to a quantity: SKU tokens (`skip`), numbers its name contains, and words of
// a synonym of it ("dozen" in "a dozen red roses"). Same size as `tokens`.
std::vector<char> NameTokens(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                             const std::vector<char>& skip, const RoutedTurn& turn);

// `normalized` with the marked tokens replaced by a neutral word, for
// reading the entities again without them.
std::string MaskTokens(const std::vector<std::string>& tokens, const std::vector<char>& mask);

}  // namespace services
