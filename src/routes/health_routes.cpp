#include "routes/health_routes.h"

#include "routes/route_support.h"

namespace routes {

void AddHealthRoutes(http::RouteTable& table, services::HealthService& health) {
  table.Add(http::Method::kGet, "/healthz", [](http::Request&) {
    http::Response r = http::JsonResponse(200, R"({"status":"ok"})");
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
  table.Add(http::Method::kGet, "/readyz", [&health](http::Request&) {
    services::Readiness readiness = health.CheckReadiness();
    nlohmann::json checks = nlohmann::json::object();
    for (const auto& c : readiness.checks) checks[c.name] = {{"ok", c.ok}, {"detail", c.detail}};
    http::Response r = JsonOk({{"status", readiness.ready ? "ready" : "not_ready"}, {"checks", checks}},
                              readiness.ready ? 200 : 503);
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace routes
