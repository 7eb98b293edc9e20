#include "services/understanding/routed_turn.h"

namespace services {

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
    case Intent::kUpdateCart: return "update_cart";
    case Intent::kViewCart: return "view_cart";
    case Intent::kCheckout: return "checkout";
    case Intent::kSalesBundle: return "sales_bundle";
    case Intent::kLeadCapture: return "lead_capture";
    case Intent::kRecall: return "recall";
    case Intent::kHumanHandoff: return "human_handoff";
    case Intent::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace services
