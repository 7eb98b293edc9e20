#include "services/session/session_store.h"

#include <algorithm>

namespace services {

InMemorySessionStore::InMemorySessionStore(const core::Clock& clock, std::chrono::seconds ttl, size_t max_sessions)
    : clock_(clock), ttl_(ttl), max_sessions_(max_sessions) {}

core::Result<std::optional<Session>> InMemorySessionStore::Get(const core::TenantKey& tenant, const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(tenant.str() + '\n' + id);
  if (it == entries_.end()) return std::optional<Session>();
  if (clock_.Now() > it->second.expires) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
    return std::optional<Session>();
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return std::optional<Session>(it->second.session);
}

void InMemorySessionStore::Put(const Session& session, std::chrono::seconds ttl) {
  const auto expires = clock_.Now() + std::min(ttl, ttl_);
  std::lock_guard lock(mu_);
  Key key = session.tenant + '\n' + session.id;
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second.session = session;
    it->second.expires = expires;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return;
  }
  lru_.push_front(key);
  entries_.emplace(key, Entry{session, lru_.begin(), expires});
  while (entries_.size() > max_sessions_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
}

size_t InMemorySessionStore::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace services
