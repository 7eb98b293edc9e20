#include "services/health/health_service.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace services {

HealthService::HealthService(retrieval::TenantDirectory& tenants, core::TenantKey default_tenant,
                             std::filesystem::path data_dir, std::vector<ReadinessProbe> probes)
    : tenants_(tenants),
      default_tenant_(std::move(default_tenant)),
      data_dir_(std::move(data_dir)),
      probes_(std::move(probes)) {}

Readiness HealthService::CheckReadiness() {
  Readiness r;
  auto tenant = tenants_.Get(default_tenant_);
  r.checks.push_back({"default_tenant", tenant.ok(),
                      tenant.ok() ? default_tenant_.str() + " version " + std::to_string((*tenant)->version())
                                  : tenant.error().message});

  // A real write proves the disk is writable and not full.
  std::filesystem::path probe = data_dir_ / (".ready-probe-" + std::to_string(::getpid()));
  int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool writable = fd >= 0 && ::write(fd, "ok", 2) == 2;
  std::string why = writable ? data_dir_.string() : data_dir_.string() + ": " + std::strerror(errno);
  if (fd >= 0) ::close(fd);
  ::unlink(probe.c_str());
  r.checks.push_back({"data_dir", writable, why});

  for (const auto& probe : probes_) {
    auto result = probe.check();
    r.checks.push_back({probe.name, result.ok(), result.ok() ? *result : result.error().message});
  }

  r.ready = true;
  for (const auto& c : r.checks) r.ready = r.ready && c.ok;
  return r;
}

}  // namespace services
