// GET /api/widget_config?tenant=KEY: what the embeddable chat widget needs
// to render for a tenant (title, greeting, colours, currency). Public and
// callable cross-origin from the tenant's allowed widget origins.
#pragma once

#include "core/tenant_key.h"
#include "http/route_table.h"
#include "retrieval/tenant.h"

namespace routes {

void AddWidgetRoutes(http::RouteTable& table, retrieval::TenantDirectory& tenants, core::TenantKey default_tenant);

}  // namespace routes
