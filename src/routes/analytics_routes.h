// Analytics for owners and staff (Permission::kReadAnalytics):
//   GET /analytics/api/tenants/{tenant}/kpis?from=&to=&channel=
//   GET /analytics/api/tenants/{tenant}/export.csv?kind=&from=&to=&channel=
//   GET /analytics/export.csv?kind=events|leads|conversations&from=&to=&tenant=
//       (tenant defaults to the caller's own; a platform admin must name one)
// `from` and `to` are dates (YYYY-MM-DD, UTC; `to` inclusive) or UTC times
// (2026-11-01T00:00:00Z, `to` exclusive); the default is the last 30 days.
// KPI definitions: docs/analytics.md.
#pragma once

#include "core/clock.h"
#include "http/route_table.h"
#include "retrieval/tenant.h"
#include "services/auth/authenticator.h"
#include "services/owner/analytics_service.h"

namespace routes {

// References must outlive the route table.
void AddAnalyticsRoutes(http::RouteTable& table, services::Authenticator& auth,
                        const services::AnalyticsService& analytics, retrieval::TenantDirectory& tenants,
                        const core::Clock& clock);

}  // namespace routes
