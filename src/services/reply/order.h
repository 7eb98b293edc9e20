// The order side of a conversation: the cart priced from the catalog, and
// the order request a completed checkout hands to whoever records it.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/reply.h"
#include "retrieval/tenant.h"
#include "services/session/session.h"

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

// The cart with prices from the catalog (unknown SKUs are skipped).
core::CartView PriceCart(const retrieval::Tenant& tenant, const std::vector<CartLine>& cart);

}  // namespace services
