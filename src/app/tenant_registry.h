// TenantRegistry: the TenantDirectory used by the server. Tenants load on
// first use and stay cached; nothing is loaded at start-up beyond what is
// asked for, so a server with thousands of tenants starts at once.
//
// Every `reload_interval` a request checks (cheaply, see
// TenantRepository::ChangeToken) whether its tenant has a new version or an
// edited authoring folder; one request per tenant does the reload while the
// others keep serving the previous snapshot, which stays alive until its last
// reader finishes. If a reload fails, the previous version keeps serving and
// the failure is logged. Unknown or broken new tenants are not cached.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "retrieval/storage.h"
#include "retrieval/tenant.h"

namespace app {

class TenantRegistry final : public retrieval::TenantDirectory {
 public:
  using Builder = std::function<core::Result<std::shared_ptr<const retrieval::Tenant>>(
      std::shared_ptr<const retrieval::TenantData>)>;
  using Warn = std::function<void(const std::string&)>;

  // `repository` must outlive the registry.
  TenantRegistry(retrieval::TenantRepository& repository, Builder builder, std::chrono::milliseconds reload_interval,
                 Warn warn);

  core::Result<std::shared_ptr<const retrieval::Tenant>> Get(const core::TenantKey& key) override;
  void Invalidate(const core::TenantKey& key) override;
  size_t LoadedCount() const override;

 private:
  struct Entry {
    std::mutex load_mu;  // one loader per tenant
    std::atomic<std::shared_ptr<const retrieval::Tenant>> tenant;
    std::string token;                        // guarded by load_mu
    std::atomic<int64_t> next_check_ns{0};    // steady clock
  };

  std::shared_ptr<Entry> FindOrCreate(const std::string& key);
  void Forget(const std::string& key, const std::shared_ptr<Entry>& entry);
  // REQUIRES: entry->load_mu held.
  core::Result<std::shared_ptr<const retrieval::Tenant>> LoadLocked(const core::TenantKey& key, Entry& entry);
  int64_t NowNs() const;

  retrieval::TenantRepository& repository_;
  Builder builder_;
  std::chrono::milliseconds reload_interval_;
  Warn warn_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace app
