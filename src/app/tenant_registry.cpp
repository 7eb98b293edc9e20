#include "app/tenant_registry.h"

namespace app {

TenantRegistry::TenantRegistry(retrieval::TenantRepository& repository, Builder builder,
                               std::chrono::milliseconds reload_interval, Warn warn)
    : repository_(repository), builder_(std::move(builder)), reload_interval_(reload_interval), warn_(std::move(warn)) {}

int64_t TenantRegistry::NowNs() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::shared_ptr<TenantRegistry::Entry> TenantRegistry::FindOrCreate(const std::string& key) {
  {
    std::shared_lock lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  std::unique_lock lock(mu_);
  auto& slot = entries_[key];
  if (!slot) slot = std::make_shared<Entry>();
  return slot;
}

void TenantRegistry::Forget(const std::string& key, const std::shared_ptr<Entry>& entry) {
  std::unique_lock lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end() && it->second == entry) entries_.erase(it);
}

core::Result<std::shared_ptr<const retrieval::Tenant>> TenantRegistry::LoadLocked(const core::TenantKey& key,
                                                                                  Entry& entry) {
  // The token is read before and after loading: if they differ (the load
  // itself imported an edited authoring folder, or someone published
  // meanwhile) we load again, so the stored token always describes the data
  // we hold and no change is ever mistaken for what we loaded.
  std::string token = repository_.ChangeToken(key);
  core::Result<std::shared_ptr<const retrieval::TenantData>> data =
      core::MakeError(core::ErrorCode::kInternal, "not loaded");
  for (int attempt = 0; attempt < 3; ++attempt) {
    data = repository_.Load(key);
    if (!data.ok()) return data.error();
    std::string after = repository_.ChangeToken(key);
    if (after == token) break;
    if (attempt == 2) break;  // still moving: keep the older token so the next check reloads
    token = std::move(after);
  }
  auto built = builder_(std::move(data).value());
  if (!built.ok()) return built.error();
  std::shared_ptr<const retrieval::Tenant> tenant = std::move(built).value();
  entry.token = std::move(token);
  entry.tenant.store(tenant);
  entry.next_check_ns.store(NowNs() + std::chrono::nanoseconds(reload_interval_).count());
  return tenant;
}

core::Result<std::shared_ptr<const retrieval::Tenant>> TenantRegistry::Get(const core::TenantKey& key) {
  auto entry = FindOrCreate(key.str());
  auto current = entry->tenant.load();
  if (current && NowNs() < entry->next_check_ns.load()) return current;

  if (current) {
    std::unique_lock lock(entry->load_mu, std::try_to_lock);
    if (!lock.owns_lock()) return current;  // another request is checking; serve what we have
    if (repository_.ChangeToken(key) == entry->token) {
      entry->next_check_ns.store(NowNs() + std::chrono::nanoseconds(reload_interval_).count());
      return entry->tenant.load();
    }
    auto reloaded = LoadLocked(key, *entry);
    if (reloaded.ok()) return reloaded;
    if (warn_) warn_("tenant " + key.str() + " could not be reloaded, keeping version " +
                     std::to_string(current->version()) + ": " + reloaded.error().message);
    entry->next_check_ns.store(NowNs() + std::chrono::nanoseconds(reload_interval_).count());
    return current;
  }

  std::unique_lock lock(entry->load_mu);
  if (auto loaded = entry->tenant.load()) return loaded;  // loaded while we waited
  auto loaded = LoadLocked(key, *entry);
  if (!loaded.ok()) Forget(key.str(), entry);
  return loaded;
}

void TenantRegistry::Invalidate(const core::TenantKey& key) {
  std::shared_lock lock(mu_);
  if (auto it = entries_.find(key.str()); it != entries_.end()) it->second->next_check_ns.store(0);
}

size_t TenantRegistry::LoadedCount() const {
  std::shared_lock lock(mu_);
  size_t n = 0;
  for (const auto& [key, entry] : entries_) n += entry->tenant.load() != nullptr;
  return n;
}

}  // namespace app
