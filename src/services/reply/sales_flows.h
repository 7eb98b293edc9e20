// SalesFlows: the parts of a conversation that move towards an order —
// delivery checks, the basket, bundles for a party, checkout and leaving
// contact details. Part of the reply composer; see reply_composer.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/reply.h"
#include "retrieval/tenant.h"
#include "services/reply/order.h"
#include "services/session/session_store.h"
#include "services/understanding/router.h"

namespace services {

class SalesFlows {
 public:
  using Clock = std::chrono::system_clock;

  static core::Reply Delivery(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn, Clock::time_point now);
  static core::Reply Add(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn);
  static core::Reply Remove(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn);
  static core::Reply View(const retrieval::Tenant& t, Session& s);
  // Changes a basket line: the quantity ("make it 3") or the product, for the
  // named one most like a line's ("swap that for the 100ml one").
  static core::Reply Update(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn);
  // What the shopper told us: name, email, phone or postcode.
  static core::Reply Recall(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn);
  static core::Reply BundleFor(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn);
  static core::Reply Lead(const retrieval::Tenant& t, Session& s);
  // Continues a flow that asked a question (Session::pending); nullopt when
  // this message does not answer it and should be routed normally.
  static std::optional<core::Reply> Continue(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                                             const std::string& pending, std::optional<OrderRequest>& order);
};

}  // namespace services
