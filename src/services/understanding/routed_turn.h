// RoutedTurn: what the router read in one shopper message: its intent, how
// sure it is, and the entities, products, category, bundle, branch and FAQ
// match the reply is built from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retrieval/catalog_store.h"
#include "retrieval/faq_store.h"
#include "retrieval/geo_store.h"
#include "retrieval/policy_store.h"
#include "services/understanding/entity_extractor.h"

namespace services {

enum class Intent {
  kGreeting,
  kThanks,
  kGoodbye,
  kSearchProduct,
  kBrowseCategory,
  kPriceCheck,
  kStockCheck,
  kCheckDelivery,
  kBranchLocator,
  kOpeningHours,
  kFaq,
  kAddToCart,
  kRemoveFromCart,
  kUpdateCart,  // a basket line changed: another size or product, or another quantity
  kViewCart,
  kCheckout,
  kSalesBundle,
  kLeadCapture,
  kRecall,  // what the shopper told us: name, email, phone, postcode
  kHumanHandoff,
  kUnknown,
};

std::string_view IntentName(Intent intent);

// One of several products asked for in one message ("2kg lamb chops and a
// whole chicken"), with its own quantity.
struct ItemRequest {
  std::vector<const retrieval::Product*> products;  // best first
  bool exact_product = false;
  Entities entities;
  std::string phrase;  // the words that named it
};

struct RoutedTurn {
  Intent intent = Intent::kUnknown;
  double confidence = 0;
  std::string normalized;
  Entities entities;
  std::string product_phrase;                       // words left for catalog search
  std::vector<const retrieval::Product*> products;  // matched or referred-to products, best first
  bool products_from_context = false;               // "it", "those": taken from the session
  bool exact_product = false;                       // products.front() was named in full
  std::string missing_words;                        // product words the shop's catalog does not know
  std::string corrected_query;                      // catalog spelling correction, if used
  const retrieval::Category* category = nullptr;
  const retrieval::Bundle* bundle = nullptr;
  const retrieval::Branch* branch = nullptr;
  std::vector<const retrieval::DeliveryZone*> zones;  // delivery zones named by place ("beaverton")
  bool only_product_words = false;                    // every word of the message names products.front()
  retrieval::FaqMatch faq;
  bool negated = false;  // "no", "not that"
  // Refers to a product ("that one", "it") when the conversation has shown
  // none: ask which, never guess.
  bool unresolved_reference = false;
  // An add naming several products, one per part of the message ("a travel
  // first aid kit and 2 packs of blister plasters"); empty otherwise.
  std::vector<ItemRequest> items;
};

}  // namespace services
