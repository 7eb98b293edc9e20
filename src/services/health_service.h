// HealthService: liveness and readiness of the whole service.
// Ready means: the default tenant loads, DATA_DIR is writable and the
// database answers, and so does the shared session store when one is
// configured (REDIS_URL), and the record writer is not stuck failing.
// Thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/tenant_key.h"
#include "db/database.h"
#include "db/key_value_store.h"
#include "services/record_queue.h"
#include "services/tenant.h"

namespace services {

struct ReadinessCheck {
  std::string name;
  bool ok = false;
  std::string detail;
};

struct Readiness {
  bool ready = false;
  std::vector<ReadinessCheck> checks;
};

class HealthService {
 public:
  // All references must outlive the service. `sessions` may be null (sessions
  // in process memory, nothing to check); so may `records` (no write queue).
  HealthService(TenantDirectory& tenants, core::TenantKey default_tenant, std::filesystem::path data_dir,
                db::Database& database, db::KeyValueStore* sessions = nullptr,
                const RecordQueue* records = nullptr);

  Readiness CheckReadiness();

 private:
  TenantDirectory& tenants_;
  core::TenantKey default_tenant_;
  std::filesystem::path data_dir_;
  db::Database& database_;
  db::KeyValueStore* sessions_;
  const RecordQueue* records_;
};

}  // namespace services
