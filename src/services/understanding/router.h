// Router: decides what a shopper's message is about (intent), with which
// entities, products, category, bundle or branch, and how sure it is.
//
// Two steps (docs/architecture.md, "The router, in order"): ReadTurn
// (turn_signals.h) reads the message once: normalization, entities, the
// products it names, category, bundle, branch, FAQ match and the lexicon's
// word classes; then an ordered list of small rules (route_rules.h), each
// with one job, is asked in turn and the first that decides wins. The
// session supplies context for follow-ups ("how much is it?", "add two of
// those"). Pure and thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

#include "retrieval/tenant.h"
#include "services/session/session_store.h"
#include "services/understanding/routed_turn.h"

namespace services {

class RouteRule;

class Router {
 public:
  explicit Router(const retrieval::TextNormalizer& normalizer);
  ~Router();

  RoutedTurn Route(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                   std::chrono::system_clock::time_point now) const;

 private:
  const retrieval::TextNormalizer& normalizer_;
  std::vector<std::unique_ptr<const RouteRule>> rules_;  // in order; the last always decides
};

}  // namespace services
