#include "services/session/key_value_session_store.h"

#include <algorithm>

#include "services/session/session_json.h"

namespace services {

KeyValueSessionStore::KeyValueSessionStore(db::KeyValueStore& store, KeyValueSessionStoreOptions options)
    : store_(store), options_(std::move(options)) {}

std::string KeyValueSessionStore::KeyFor(std::string_view tenant, std::string_view id) {
  std::string key = "aiv7:session:";
  key.append(tenant).append(":").append(id);
  return key;
}

core::Result<std::optional<Session>> KeyValueSessionStore::Get(const core::TenantKey& tenant, const std::string& id) {
  auto value = store_.Get(KeyFor(tenant.str(), id));
  if (!value.ok()) {
    Warn("session store: get failed: " + value.error().message);
    core::Error error = value.error();
    error.code = core::ErrorCode::kUnavailable;
    error.retryable = true;
    return error;
  }
  if (!value->has_value()) return std::optional<Session>();
  auto session = SessionFromJson(**value);
  if (!session) {
    Warn("session store: unreadable session for tenant " + tenant.str() + ", starting afresh");
    return std::optional<Session>();
  }
  // Defence in depth: the key already names the tenant and id.
  if (session->tenant != tenant.str() || session->id != id) return std::optional<Session>();
  return session;
}

void KeyValueSessionStore::Put(const Session& session, std::chrono::seconds ttl) {
  std::string json = SessionToJson(session);
  if (json.size() > options_.max_session_bytes) {
    Warn("session store: session of tenant " + session.tenant + " is " + std::to_string(json.size()) +
         " bytes, over the limit; not saved");
    return;
  }
  auto st = store_.Set(KeyFor(session.tenant, session.id), json, std::min(ttl, options_.ttl));
  if (!st.ok()) Warn("session store: put failed: " + st.error().message);
}

void KeyValueSessionStore::Warn(const std::string& message) const {
  if (options_.warn) options_.warn(message);
}

}  // namespace services
