// ReplyComposer: turns a routed turn into the deterministic (V5) reply, from
// tenant data only, and advances the session (cart, postcode, open
// questions). Every number, time, address or phone in the text is formatted
// here from a store record and recorded as a Fact.
//
// Clarifying questions are asked one at a time and remembered in
// Session::pending, so the next message can answer them ("LS6" after "what's
// your postcode?", "yes" after "did you mean ...?").
// Pure apart from the session it is given; thread-safe.
#pragma once

#include <chrono>

#include "core/reply.h"
#include "services/router.h"
#include "services/session_store.h"
#include "services/tenant.h"

namespace services {

// An order request completed at checkout, handed to whoever records it.
struct OrderRequest {
  std::string order_id;
  std::string tenant;
  std::string session_id;
  std::string name;
  std::string phone;
  std::string email;
  std::string fulfilment;  // "delivery" or "collection"
  std::string postcode;
  std::string branch_id;
  core::CartView cart;
  core::Money delivery_fee;
  core::Money total;
};

class ReplyComposer {
 public:
  ReplyComposer() = default;

  // Mutates `session`; fills `order` when this turn completed a checkout.
  core::Reply Compose(const Tenant& tenant, Session& session, const RoutedTurn& turn,
                      std::chrono::system_clock::time_point now, std::optional<OrderRequest>& order) const;
};

// The cart with prices from the catalog (unknown SKUs are skipped).
core::CartView PriceCart(const Tenant& tenant, const std::vector<CartLine>& cart);

}  // namespace services
