// GET /healthz (the process answers) and GET /readyz (it can serve).
#pragma once

#include "http/route_table.h"
#include "services/health/health_service.h"

namespace routes {

// `health` must outlive the route table.
void AddHealthRoutes(http::RouteTable& table, services::HealthService& health);

}  // namespace routes
