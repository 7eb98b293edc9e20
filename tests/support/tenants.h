// TenantsFixture: tenants loaded the way the server loads them: the JSON
// Schemas and lexicon of the source tree, a repository over a business
// folder with a scratch DATA_DIR, the caching registry (app::TenantRegistry)
// and the built tenants with their stores and catalog indexes. The one way
// unit tests get a real tenant. Owns its scratch folder; not thread-safe to
// construct, the registry it holds is.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "app/tenant_registry.h"
#include "core/clock.h"
#include "fakes/fake_clock.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/storage.h"
#include "retrieval/tenant.h"
#include "retrieval/text_normalizer.h"
#include "services/session/session.h"
#include "support/temp_dir.h"

namespace testing_support {

struct TenantsOptions {
  // Default: the repository's business/ folder (UK_BUTCHER, UK_PHARMACY, US_BIKES, US_FLORIST).
  std::filesystem::path business_dir;
  // How often the registry looks for a new version (0: every Get).
  std::chrono::milliseconds reload_interval{1000};
  // Timestamps of published versions; default: the fixture's own fake clock.
  const core::Clock* clock = nullptr;
};

class TenantsFixture {
 public:
  explicit TenantsFixture(TenantsOptions options = {});
  TenantsFixture(const TenantsFixture&) = delete;
  TenantsFixture& operator=(const TenantsFixture&) = delete;

  retrieval::TenantRepository& repository() { return *repository_; }
  app::TenantRegistry& tenants() { return *registry_; }
  const retrieval::TextNormalizer& normalizer() const { return normalizer_; }
  const std::shared_ptr<const retrieval::SchemaValidator>& schemas() const { return schemas_; }
  const TempDir& dir() const { return dir_; }
  const std::filesystem::path& business_dir() const { return business_dir_; }

  // The current version of `key`. A tenant that does not load fails the
  // test (ADD_FAILURE with the error) and gives null.
  std::shared_ptr<const retrieval::Tenant> Get(std::string_view key);

 private:
  TempDir dir_;
  std::filesystem::path business_dir_;
  fakes::FakeClock own_clock_;
  retrieval::PosixFileSystem fs_;
  retrieval::TextNormalizer normalizer_;
  std::shared_ptr<const retrieval::SchemaValidator> schemas_;
  std::unique_ptr<retrieval::TenantRepository> repository_;
  std::unique_ptr<app::TenantRegistry> registry_;
};

// A session with every field set, as a few turns of a UK_BUTCHER
// conversation leave it (contact details, postcode, a basket, a pending
// question). Tests change what they are about.
services::Session SampleSession(std::string_view tenant = "UK_BUTCHER", std::string_view id = "session-123456");

}  // namespace testing_support
