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
#include "retrieval/tenant.h"
#include "services/reply/order.h"
#include "services/session/session.h"
#include "services/understanding/router.h"

namespace services {

class ReplyComposer {
 public:
  ReplyComposer() = default;

  // Mutates `session`; fills `order` when this turn completed a checkout.
  core::Reply Compose(const retrieval::Tenant& tenant, Session& session, const RoutedTurn& turn,
                      std::chrono::system_clock::time_point now, std::optional<OrderRequest>& order) const;
};

}  // namespace services
