// KeyValueSessionStore: sessions kept in a shared db::KeyValueStore (Redis in
// production, chosen in the container when REDIS_URL is set), so they survive
// a restart of aiv7 and are shared by several instances.
//
// Key layout: aiv7:session:<tenant>:<id>. Tenant keys and session ids never
// contain ':' (both are validated upstream), so a tenant cannot address
// another tenant's key. Value: SessionToJson. Each Put sets the expiry to
// the tenant's lifetime given to Put, capped by `ttl`, from now (the same rule
// as InMemorySessionStore); MessageHandler also judges the lifetime on
// last_seen (the turn's business time).
//
// Failure policy: Get answers kUnavailable when the store is unreachable or
// errs (a timeout is not "no session": the caller must not start afresh and
// later overwrite the real one); a stored value that cannot be read is
// treated as no session (logged). Put logs through `warn` and returns. A
// session whose JSON is larger than `max_session_bytes` is not stored
// (logged): bounded input, whatever a client manages to pile into a cart.
// Thread-safe if `store` is.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "db/key_value_store.h"
#include "services/session/session_store.h"

namespace services {

struct KeyValueSessionStoreOptions {
  std::chrono::seconds ttl{std::chrono::hours(2)};
  size_t max_session_bytes = 64 * 1024;
  std::function<void(const std::string&)> warn;  // may be empty
};

class KeyValueSessionStore final : public SessionStore {
 public:
  // `store` must outlive this object.
  KeyValueSessionStore(db::KeyValueStore& store, KeyValueSessionStoreOptions options);

  core::Result<std::optional<Session>> Get(const core::TenantKey& tenant, const std::string& id) override;
  using SessionStore::Put;
  void Put(const Session& session, std::chrono::seconds ttl) override;

  static std::string KeyFor(std::string_view tenant, std::string_view id);

 private:
  void Warn(const std::string& message) const;

  db::KeyValueStore& store_;
  KeyValueSessionStoreOptions options_;
};

}  // namespace services
