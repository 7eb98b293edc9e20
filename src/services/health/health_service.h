// HealthService: liveness and readiness of the whole service.
// Ready means: the default tenant loads, DATA_DIR is writable, and every
// probe the composition root registered passes (the database answers, the
// shared session store when REDIS_URL is set, the record writer is not stuck
// failing). Every call checks afresh; nothing is cached.
// Thread-safe when the probes are.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/tenant.h"

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

// One dependency's check: Ok with a short detail ("sqlite", "3 queued"), or
// the error saying why it is not ready.
struct ReadinessProbe {
  std::string name;
  std::function<core::Result<std::string>()> check;
};

class HealthService {
 public:
  // `tenants` must outlive the service.
  HealthService(retrieval::TenantDirectory& tenants, core::TenantKey default_tenant, std::filesystem::path data_dir,
                std::vector<ReadinessProbe> probes);

  Readiness CheckReadiness();

 private:
  retrieval::TenantDirectory& tenants_;
  core::TenantKey default_tenant_;
  std::filesystem::path data_dir_;
  std::vector<ReadinessProbe> probes_;
};

}  // namespace services
