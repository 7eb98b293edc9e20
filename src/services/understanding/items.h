// Several products in one order ("2kg lamb chops and a whole chicken", "12
// red roses, a card and a box of 8 truffles"): the message split at commas,
// "and", "&" and "plus", each part read as its own turn (products and
// quantity). Part of routing an add (router.h). Pure and thread-safe.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "retrieval/tenant.h"
#include "services/session/session.h"
#include "services/understanding/routed_turn.h"

namespace services {

// The items of an add, one per part, when at least two parts each name a
// product; empty when the message names one thing (also when a product's
// own name has "and" or "&": "honey & lemon lozenges"), or a part names
// nothing the shop sells.
std::vector<ItemRequest> ReadItems(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                                   std::chrono::system_clock::time_point now,
                                   const retrieval::TextNormalizer& normalizer, const RoutedTurn& whole);

}  // namespace services
