// Checkout: from a basket to a recorded order request. What it gathers comes
// from the tenant (overrides.json "checkout", retrieval::CheckoutSettings):
// delivery or collection (only what the shop offers), the postcode or the
// branch, then the contact details still missing, several of which may come
// in one message; then, when the tenant asks for it, the items, fee and total
// read back and the order recorded only on a yes. Every amount is a fact from
// the catalog or the delivery policy.
//
// Stateless: the conversation state lives in the Session (fulfilment,
// branch, contact details, `pending`). Thread-safe as long as each session is
// used by one thread at a time.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/reply.h"
#include "retrieval/tenant.h"
#include "services/reply/order.h"
#include "services/session/session.h"
#include "services/understanding/routed_turn.h"

namespace services {

class CheckoutFlow {
 public:
  // The checkout intent: the next question, the order read back, or (when
  // everything is known and no confirmation is asked for) the order, set in
  // `order`. An empty basket is said.
  static core::Reply Start(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                           std::optional<OrderRequest>& order);
  // The answer to a checkout question (`pending` starts with "checkout_");
  // nullopt when this message does not answer it.
  static std::optional<core::Reply> Continue(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                                             const std::string& pending, std::optional<OrderRequest>& order);
};

}  // namespace services
