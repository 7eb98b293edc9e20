// ShopTools: V7's tools (ai_modes/turn_tools.h) over one turn. Each tool is
// a request to the deterministic engine: it reads what the tool names with
// the router (entities, products, places) as if the shopper had asked it,
// sets the intent the tool stands for and lets the reply composer answer,
// so prices, fees and hours come from the same stores, and cart lines,
// checkout, leads and hand-offs are the same session changes and records
// as in V5. A question the turn had left open (Session::pending) does not
// capture a tool's request; it stays open unless the tool asks its own.
//
// One instance per turn, used on the turn's thread; it changes `session`.
#pragma once

#include <chrono>
#include <optional>

#include "ai_modes/turn_tools.h"
#include "retrieval/tenant.h"
#include "services/reply/order.h"
#include "services/reply/reply_composer.h"
#include "services/session/session.h"
#include "services/understanding/router.h"

namespace services {

class ShopTools final : public ai_modes::TurnTools {
 public:
  // All references must outlive this object.
  ShopTools(const retrieval::Tenant& tenant, Session& session, const Router& router, const ReplyComposer& composer,
            std::chrono::system_clock::time_point now);

  ai_modes::ToolOutcome Call(const std::string& name, const ai_modes::ToolArguments& arguments) override;

  // The order a start_checkout call completed, if any.
  std::optional<OrderRequest>& order() { return order_; }

 private:
  ai_modes::ToolOutcome Compose(RoutedTurn routed);
  ai_modes::ToolOutcome ForProduct(const std::string& sku, Intent intent, const ai_modes::ToolArguments& args);

  const retrieval::Tenant& tenant_;
  Session& session_;
  const Router& router_;
  const ReplyComposer& composer_;
  std::chrono::system_clock::time_point now_;
  std::optional<OrderRequest> order_;
};

}  // namespace services
