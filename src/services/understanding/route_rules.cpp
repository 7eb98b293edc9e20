#include "services/understanding/route_rules.h"

#include <cassert>

#include "services/understanding/rules/cart_rules.h"
#include "services/understanding/rules/conversation_rules.h"
#include "services/understanding/rules/fallback_rules.h"
#include "services/understanding/rules/faq_rules.h"
#include "services/understanding/rules/place_rules.h"
#include "services/understanding/rules/product_rules.h"

namespace services {

RouteRules RouteRulesInOrder() {
  RouteRules rules;
  auto add = [&rules](std::unique_ptr<const RouteRule> rule) { rules.push_back(std::move(rule)); };
  // 1. The answer to the question asked last turn (a postcode for delivery or the nearest branch).
  add(std::make_unique<PendingAnswerRule>());
  // 2. Hand-off is always honoured; then small talk, only when that is all the message says; what we remember.
  add(std::make_unique<HandoffRule>());
  add(std::make_unique<GreetingRule>());
  add(std::make_unique<ThanksRule>());
  add(std::make_unique<GoodbyeRule>());
  add(std::make_unique<RecallRule>());
  // 3. Delivery to a place a zone is named after; a branch named outright.
  add(std::make_unique<DeliveryToNamedPlaceRule>());
  add(std::make_unique<NamedBranchRule>());
  // 4. Cart commands: remove, checkout, the total, change a line, view; "what's the fee?" once a postcode is known.
  add(std::make_unique<RemoveFromCartRule>());
  add(std::make_unique<CheckoutRule>());
  add(std::make_unique<CartTotalRule>());
  add(std::make_unique<UpdateCartRule>());
  add(std::make_unique<ViewCartRule>());
  add(std::make_unique<DeliveryFollowUpRule>());
  // 5. A strong FAQ paraphrase; an FAQ that mentions what the catalog has no word for.
  add(std::make_unique<StrongFaqRule>());
  add(std::make_unique<FaqAboutUnknownWordsRule>());
  // 6. Add to basket; bundles for N people.
  add(std::make_unique<AddToCartRule>());
  add(std::make_unique<PartyBundleRule>());
  // 7. Delivery (also a bare postcode), opening hours, branches.
  add(std::make_unique<DeliveryRule>());
  add(std::make_unique<PostcodeOnlyRule>());
  add(std::make_unique<OpeningHoursRule>());
  add(std::make_unique<BranchesRule>());
  // 8. Contact details given.
  add(std::make_unique<ContactDetailsRule>());
  // 9. Product questions: a category alone, price, stock.
  add(std::make_unique<CategoryOnlyRule>());
  add(std::make_unique<PriceRule>());
  add(std::make_unique<StockRule>());
  // 10. Other FAQ paraphrases.
  add(std::make_unique<ParaphrasedFaqRule>());
  // 11. Bundles, categories and products without a more specific ask.
  add(std::make_unique<BundleRule>());
  add(std::make_unique<BrowseCategoryRule>());
  add(std::make_unique<NamedProductRule>());
  add(std::make_unique<ProductFromContextRule>());
  // 12. "We don't sell X"; a vague price or stock question.
  add(std::make_unique<UnresolvedReferenceRule>());
  add(std::make_unique<NotSoldRule>());
  add(std::make_unique<VagueProductQuestionRule>());
  // 13. The FAQ model's built-in rivals; otherwise unknown (a clarifying
  //     question or an honest fallback with contact details).
  add(std::make_unique<BuiltinRivalRule>());
  add(std::make_unique<FallbackRule>());
  return rules;
}

IntentDecision DecideIntent(const RouteRules& rules, const TurnSignals& signals) {
  for (const auto& rule : rules) {
    if (auto decision = rule->Decide(signals)) return *decision;
  }
  assert(false && "the last rule always decides");
  return IntentDecision{};
}

}  // namespace services
