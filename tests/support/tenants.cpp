#include "support/tenants.h"

#include <gtest/gtest.h>

#include "support/tenant_fixture.h"

namespace testing_support {

TenantsFixture::TenantsFixture(TenantsOptions options)
    : business_dir_(options.business_dir.empty() ? SourceDir() / "business" : options.business_dir) {
  auto schemas = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
  if (!schemas.ok()) {
    ADD_FAILURE() << "schemas: " << schemas.error().message;
    return;
  }
  schemas_ = *schemas;
  const core::Clock* clock = options.clock ? options.clock : &own_clock_;
  repository_ = std::make_unique<retrieval::TenantRepository>(
      retrieval::StorageOptions{business_dir_, dir_ / "data", schemas_, &fs_, clock, nullptr});
  registry_ = std::make_unique<app::TenantRegistry>(
      *repository_,
      [this](std::shared_ptr<const retrieval::TenantData> data) {
        return retrieval::BuildTenant(std::move(data), normalizer_, SourceLexicon(), dir_ / "index");
      },
      options.reload_interval, nullptr);
}

std::shared_ptr<const retrieval::Tenant> TenantsFixture::Get(std::string_view key) {
  auto parsed = core::TenantKey::Parse(key);
  if (!parsed.ok() || !registry_) {
    ADD_FAILURE() << "no tenant " << key;
    return nullptr;
  }
  auto tenant = registry_->Get(*parsed);
  if (!tenant.ok()) {
    ADD_FAILURE() << key << " does not load: " << tenant.error().message;
    return nullptr;
  }
  return *tenant;
}

services::Session SampleSession(std::string_view tenant, std::string_view id) {
  services::Session s;
  s.id = std::string(id);
  s.tenant = std::string(tenant);
  s.created = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
  s.last_seen = s.created + std::chrono::minutes(3);
  s.turns = 4;
  s.name = "Zoë";
  s.phone = "+44 7700 900123";
  s.email = "zoe@example.com";
  s.postcode = retrieval::Postcode{"LS6 2AB", "LS6", true};
  s.branch_id = "leeds";
  s.last_skus = {"BEEF-MINCE-500", "LAMB-CHOP"};
  s.last_intent = "delivery";
  s.pending = "postcode_for_delivery";
  s.pending_sku = "BEEF-MINCE-500";
  s.cart = {{"BEEF-MINCE-500", 2, ""}, {"LAMB-CHOP", 0.5, "thick cut"}};
  s.fulfilment = "delivery";
  s.order_id = "ord-42";
  s.upsell_offered = true;
  s.handoff = true;
  return s;
}

}  // namespace testing_support
