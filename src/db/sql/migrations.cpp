#include "db/sql/migrations.h"

#include <chrono>

namespace db::sql {

namespace {

std::string ForDialect(std::string sql, Dialect dialect) {
  auto replace = [&sql](std::string_view token, std::string_view with) {
    for (auto pos = sql.find(token); pos != std::string::npos; pos = sql.find(token, pos + with.size())) {
      sql.replace(pos, token.size(), with);
    }
  };
  bool pg = dialect == Dialect::kPostgres;
  // AUTOINCREMENT keeps SQLite from reusing the ids of deleted (merged) leads.
  replace("{ID}", pg ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY AUTOINCREMENT");
  replace("{REAL}", pg ? "DOUBLE PRECISION" : "REAL");
  return sql;
}

}  // namespace

// Never edit a released migration: append a new one.
const std::vector<Migration>& AllMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "operational tables",
       {
           R"(CREATE TABLE events (
  {ID},
  tenant TEXT NOT NULL,
  session TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  intent TEXT NOT NULL DEFAULT '',
  confidence {REAL} NOT NULL DEFAULT 0,
  resolved INTEGER NOT NULL DEFAULT 0,
  clarifier INTEGER NOT NULL DEFAULT 0,
  fallback INTEGER NOT NULL DEFAULT 0,
  items BIGINT NOT NULL DEFAULT 0,
  cart_value_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  latency_us BIGINT NOT NULL DEFAULT 0,
  query TEXT NOT NULL DEFAULT '',
  zero_result INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL DEFAULT '{}'))",
           "CREATE INDEX events_tenant_at ON events (tenant, at_ms)",
           "CREATE INDEX events_tenant_session ON events (tenant, session)",
           R"(CREATE TABLE leads (
  {ID},
  tenant TEXT NOT NULL,
  session TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'new',
  tags TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  value_estimate_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  handoff INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL))",
           "CREATE INDEX leads_tenant_phone ON leads (tenant, phone)",
           "CREATE INDEX leads_tenant_email ON leads (tenant, email)",
           "CREATE INDEX leads_tenant_session ON leads (tenant, session)",
           "CREATE INDEX leads_tenant_last_seen ON leads (tenant, last_seen_ms)",
           R"(CREATE TABLE messages (
  {ID},
  tenant TEXT NOT NULL,
  session TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  role TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  intent TEXT NOT NULL DEFAULT '',
  confidence {REAL} NOT NULL DEFAULT 0,
  facts TEXT NOT NULL DEFAULT '[]'))",
           "CREATE INDEX messages_tenant_session ON messages (tenant, session, at_ms)",
           "CREATE INDEX messages_tenant_at ON messages (tenant, at_ms)",
           R"(CREATE TABLE orders (
  {ID},
  tenant TEXT NOT NULL,
  order_id TEXT NOT NULL,
  session TEXT NOT NULL DEFAULT '',
  lead_id BIGINT REFERENCES leads (id) ON DELETE SET NULL,
  fulfilment TEXT NOT NULL DEFAULT '',
  total_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  lines TEXT NOT NULL DEFAULT '[]',
  at_ms BIGINT NOT NULL,
  UNIQUE (tenant, order_id)))",
           "CREATE INDEX orders_tenant_at ON orders (tenant, at_ms)",
           R"(CREATE TABLE users (
  {ID},
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  tenant TEXT,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until_ms BIGINT,
  created_at_ms BIGINT NOT NULL))",
           "CREATE INDEX users_tenant ON users (tenant)",
           R"(CREATE TABLE api_tokens (
  {ID},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  last_used_ms BIGINT,
  revoked INTEGER NOT NULL DEFAULT 0))",
           "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
           R"(CREATE TABLE audit_log (
  {ID},
  tenant TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  at_ms BIGINT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'))",
           "CREATE INDEX audit_log_tenant_at ON audit_log (tenant, at_ms)",
       }},
      // The journal checkpoint of each record stream (db::RecordQueue),
      // committed in the same transaction as the records it covers.
      {2,
       "record streams",
       {
           "CREATE TABLE record_streams (stream TEXT PRIMARY KEY, checkpoint BIGINT NOT NULL)",
       }},
      // Admin dashboard sessions (services::AuthService).
      {3,
       "admin sessions",
       {
           R"(CREATE TABLE admin_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_hash TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL))",
           "CREATE INDEX admin_sessions_user ON admin_sessions (user_id)",
           "CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at_ms)",
       }},
      // Every conversation (session) a lead has had, so a lead merged from an
      // anonymous session keeps that conversation's transcript.
      {4,
       "lead sessions",
       {
           R"(CREATE TABLE lead_sessions (
  tenant TEXT NOT NULL,
  session TEXT NOT NULL,
  lead_id BIGINT NOT NULL,
  PRIMARY KEY (tenant, session)))",
           "CREATE INDEX lead_sessions_lead ON lead_sessions (tenant, lead_id)",
           "INSERT INTO lead_sessions (tenant, session, lead_id) SELECT tenant, session, id FROM leads "
           "WHERE session <> ''",
       }},
      // Messaging channels (WhatsApp via Meta or Twilio): shopper messages
      // recorded before a webhook is acknowledged, and the outbox of
      // replies (db::InboxStore, db::OutboxStore).
      {5,
       "channel inbox and outbox",
       {
           R"(CREATE TABLE channel_inbound (
  {ID},
  tenant TEXT NOT NULL,
  provider TEXT NOT NULL,
  message_id TEXT NOT NULL,
  shopper TEXT NOT NULL,
  profile_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  sent_at_ms BIGINT NOT NULL,
  received_at_ms BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts BIGINT NOT NULL DEFAULT 0,
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  claimed_by TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  done_at_ms BIGINT,
  UNIQUE (tenant, provider, message_id)))",
           "CREATE INDEX channel_inbound_pending ON channel_inbound (state, lease_until_ms)",
           "CREATE INDEX channel_inbound_conversation ON channel_inbound (tenant, shopper, sent_at_ms)",
           R"(CREATE TABLE channel_outbox (
  {ID},
  tenant TEXT NOT NULL,
  provider TEXT NOT NULL,
  shopper TEXT NOT NULL,
  session TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT NOT NULL,
  inbound_id BIGINT,
  author TEXT NOT NULL DEFAULT 'bot',
  content TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'pending',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_ms BIGINT NOT NULL,
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  claimed_by TEXT NOT NULL DEFAULT '',
  provider_message_id TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  UNIQUE (tenant, dedupe_key)))",
           "CREATE INDEX channel_outbox_due ON channel_outbox (state, next_attempt_ms)",
           "CREATE INDEX channel_outbox_conversation ON channel_outbox (tenant, shopper, id)",
           "CREATE INDEX channel_outbox_provider_id ON channel_outbox (tenant, provider, provider_message_id)",
       }},
  };
  return kMigrations;
}

namespace {

// Serialises migrations across processes that start at the same time. In
// PostgreSQL a transaction-scoped advisory lock (released at commit); SQLite
// needs none, its writers are serialised by the database lock.
core::Status LockSchema(SqlSession& s, Dialect dialect) {
  if (dialect != Dialect::kPostgres) return core::Status::Ok();
  constexpr int64_t kSchemaLockKey = 0x41495637;  // "AIV7"
  return s.Run("SELECT pg_advisory_xact_lock($1)", {kSchemaLockKey}).status();
}

}  // namespace

core::Status Migrate(SqlConnection& connection) {
  const Dialect dialect = connection.dialect();
  auto created = connection.Transaction([dialect](SqlSession& s) -> core::Status {
    if (auto st = LockSchema(s, dialect); !st.ok()) return st;
    auto r = s.Run(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at_ms BIGINT NOT NULL)");
    return r.status();
  });
  if (!created.ok()) return created;
  for (const Migration& m : AllMigrations()) {
    auto st = connection.Transaction([&](SqlSession& s) -> core::Status {
      if (auto locked = LockSchema(s, dialect); !locked.ok()) return locked;
      auto done = s.Run("SELECT version FROM schema_migrations WHERE version = $1", {int64_t{m.version}});
      if (!done.ok()) return done.status();
      if (!done->empty()) return core::Status::Ok();
      for (const std::string& statement : m.statements) {
        auto r = s.Run(ForDialect(statement, connection.dialect()));
        if (!r.ok()) {
          core::Error e = r.error();
          e.message = "migration " + std::to_string(m.version) + " (" + m.name + "): " + e.message;
          return e;
        }
      }
      int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
      return s.Run("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                   {int64_t{m.version}, m.name, now})
          .status();
    });
    if (!st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<std::vector<int>> AppliedMigrations(SqlConnection& connection) {
  std::vector<int> versions;
  auto st = connection.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("SELECT version FROM schema_migrations ORDER BY version");
    if (!rows.ok()) return rows.status();
    for (const Row& row : *rows) versions.push_back(std::stoi(row.at(0).value_or("0")));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return versions;
}

}  // namespace db::sql
