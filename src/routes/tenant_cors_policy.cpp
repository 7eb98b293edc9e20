#include "routes/tenant_cors_policy.h"

#include <algorithm>

#include "routes/route_support.h"

namespace routes {

TenantCorsPolicy::TenantCorsPolicy(retrieval::TenantDirectory& tenants, core::TenantKey default_tenant)
    : tenants_(tenants), default_tenant_(std::move(default_tenant)) {}

bool TenantCorsPolicy::Allows(const http::Request& request, std::string_view origin) const {
  auto key = SelectTenant(request, default_tenant_);
  if (!key.ok()) return false;
  auto tenant = tenants_.Get(*key);
  if (!tenant.ok()) return false;
  const auto& origins = (*tenant)->widget.origins;
  return std::find(origins.begin(), origins.end(), origin) != origins.end();
}

}  // namespace routes
