// Rules about what the shop sells: bundles, categories, products, prices and
// stock, and things it does not sell. See route_rules.h for the order.
#pragma once

#include "services/understanding/route_rule.h"

namespace services {

// A bundle for a party of N people ("bbq pack for 10").
class PartyBundleRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "party_bundle"; }
};

// Every product word names the category ("show me your lamb").
class CategoryOnlyRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "category_only"; }
};

// A price asked for products or a category.
class PriceRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "price"; }
};

// Stock asked for products or a category, unless a strong FAQ answers.
class StockRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "stock"; }
};

// A bundle named with no product.
class BundleRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "bundle"; }
};

// A category named without a product named in several words. Not when
// something the shop has no word for sits next to it ("rent a kayak" is
// not a request to browse kayaks).
class BrowseCategoryRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "browse_category"; }
};

// Products named in this message: their price when asked, else the products.
class NamedProductRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "named_product"; }
};

// Price or stock of the products of the last turn ("how much is it?").
class ProductFromContextRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "product_from_context"; }
};

// "What does that one cost?", "is it in stock?" with no product shown yet:
// a product search that asks which product (RoutedTurn::unresolved_reference).
class UnresolvedReferenceRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "unresolved_reference"; }
};

// Something the catalog has no word for, asked about in a few words
// ("venison steaks?"): say we don't sell it rather than guess.
class NotSoldRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "not_sold"; }
};

// A price or stock question about nothing we could name: search, unsure.
class VagueProductQuestionRule final : public RouteRule {
 public:
  std::optional<IntentDecision> Decide(const TurnSignals& s) const override;
  std::string_view name() const override { return "vague_product_question"; }
};

}  // namespace services
