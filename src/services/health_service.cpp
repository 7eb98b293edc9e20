#include "services/health_service.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace services {

HealthService::HealthService(TenantDirectory& tenants, core::TenantKey default_tenant,
                             std::filesystem::path data_dir, db::Database& database,
                             db::KeyValueStore* sessions, const RecordQueue* records)
    : tenants_(tenants), default_tenant_(std::move(default_tenant)), data_dir_(std::move(data_dir)),
      database_(database), sessions_(sessions), records_(records) {}

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

  auto ping = database_.Ping();
  r.checks.push_back({"database", ping.ok(), ping.ok() ? std::string(database_.Kind()) : ping.error().message});

  if (sessions_ != nullptr) {
    auto pong = sessions_->Ping();
    r.checks.push_back({"sessions", pong.ok(), pong.ok() ? std::string("redis") : pong.error().message});
  }

  if (records_ != nullptr) {
    auto health = records_->Health();
    auto stats = records_->stats();
    r.checks.push_back({"records", health.ok(),
                        health.ok() ? std::to_string(stats.queued) + " queued, " + std::to_string(stats.rejected) +
                                          " set aside"
                                    : health.error().message});
  }

  r.ready = true;
  for (const auto& c : r.checks) r.ready = r.ready && c.ok;
  return r;
}

}  // namespace services
