// SessionStore: where sessions (session.h) are kept between turns.
//
// A SessionStore is keyed by (tenant, session id): one tenant can never read
// another's session even with a stolen id. Implementations are thread-safe;
// concurrent turns of the same session are last-writer-wins.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "services/session/session.h"

namespace services {

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // The session; nullopt when unknown or expired. kUnavailable when the
  // store cannot be reached or answered with an error: never "no session",
  // so a caller cannot start afresh over, and later overwrite, a session it
  // could not read.
  virtual core::Result<std::optional<Session>> Get(const core::TenantKey& tenant, const std::string& id) = 0;
  // Keeps the session for `ttl` from now (the tenant's conversation
  // lifetime), capped by the store's own upper bound.
  virtual void Put(const Session& session, std::chrono::seconds ttl) = 0;
  // With the store's upper bound only.
  void Put(const Session& session) { Put(session, std::chrono::seconds::max()); }
};

// In-process store: least-recently-used eviction beyond `max_sessions`, and
// expiry `ttl` (or the shorter ttl given to Put) after the session was last
// saved, measured by `clock` (checked
// on access, so memory is bounded by max_sessions whatever the traffic). The
// session's own `last_seen` is the turn's business time, which a test may set
// (ChatInput::now); the tenant's conversation lifetime is judged on that by
// MessageHandler, never here.
class InMemorySessionStore final : public SessionStore {
 public:
  InMemorySessionStore(const core::Clock& clock, std::chrono::seconds ttl, size_t max_sessions);

  core::Result<std::optional<Session>> Get(const core::TenantKey& tenant, const std::string& id) override;
  using SessionStore::Put;
  void Put(const Session& session, std::chrono::seconds ttl) override;
  size_t size() const;

 private:
  using Key = std::string;  // tenant + '\n' + id
  struct Entry {
    Session session;
    std::list<Key>::iterator lru;
    std::chrono::system_clock::time_point expires;
  };
  const core::Clock& clock_;
  std::chrono::seconds ttl_;
  size_t max_sessions_;
  mutable std::mutex mu_;
  std::list<Key> lru_;  // front = most recent
  std::unordered_map<Key, Entry> entries_;
};

}  // namespace services
