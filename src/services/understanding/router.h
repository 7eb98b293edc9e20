// Router: decides what a shopper's message is about (intent), with which
// entities, products, category, bundle or branch, and how sure it is.
//
// Deterministic rules over normalized words come first (cart commands,
// delivery, hours, branches, prices, stock, bundles, hand-off); the FAQ
// matcher scores paraphrases; catalog search finds products in whatever
// words remain once intent words and entities are removed. The session
// supplies context for follow-ups ("how much is it?", "add two of those").
// Pure and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "retrieval/catalog_store.h"
#include "retrieval/faq_store.h"
#include "retrieval/geo_store.h"
#include "retrieval/tenant.h"
#include "services/session/session_store.h"
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
  kViewCart,
  kCheckout,
  kSalesBundle,
  kLeadCapture,
  kHumanHandoff,
  kUnknown,
};

std::string_view IntentName(Intent intent);

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
};

class Router {
 public:
  explicit Router(const retrieval::TextNormalizer& normalizer) : normalizer_(normalizer) {}

  RoutedTurn Route(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                   std::chrono::system_clock::time_point now) const;

 private:
  const retrieval::TextNormalizer& normalizer_;
};

}  // namespace services
