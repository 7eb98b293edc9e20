#include "routes/widget_routes.h"

#include "routes/route_support.h"

namespace routes {

void AddWidgetRoutes(http::RouteTable& table, retrieval::TenantDirectory& tenants, core::TenantKey default_tenant) {
  table.Add(
      http::Method::kGet, "/api/widget_config",
      [&tenants, default_tenant](http::Request& request) {
        auto key = SelectTenant(request, default_tenant);
        if (!key.ok()) return ErrorToResponse(key.error(), request);
        auto tenant = tenants.Get(*key);
        if (!tenant.ok()) return ErrorToResponse(tenant.error(), request);
        const retrieval::Tenant& t = **tenant;
        http::Response r = JsonOk({{"tenant", t.key().str()},
                                   {"version", t.version()},
                                   {"name", t.profile.name},
                                   {"currency", t.profile.currency},
                                   {"locale", t.profile.locale},
                                   {"branding", t.widget.branding}});
        r.SetHeader("Cache-Control", "public, max-age=60");
        return r;
      },
      {.cors = true});
}

}  // namespace routes
