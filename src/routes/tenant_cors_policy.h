// TenantCorsPolicy: a cross-origin caller is allowed when its Origin is in
// the widget_origins of the tenant the request is for (overrides.json).
// The tenant comes from X-Tenant, ?tenant= or the default tenant, exactly as
// the route itself will choose it. Thread-safe.
#pragma once

#include "core/tenant_key.h"
#include "http/dispatcher.h"
#include "retrieval/tenant.h"

namespace routes {

class TenantCorsPolicy final : public http::CorsPolicy {
 public:
  // `tenants` must outlive the policy.
  TenantCorsPolicy(retrieval::TenantDirectory& tenants, core::TenantKey default_tenant);
  bool Allows(const http::Request& request, std::string_view origin) const override;

 private:
  retrieval::TenantDirectory& tenants_;
  core::TenantKey default_tenant_;
};

}  // namespace routes
