#include "db/sql/sql_outbox_store.h"

#include <algorithm>

#include "db/sql/sql_fields.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::Int;
using sql::Row;
using sql::SqlSession;
using sql::Text;
using sql::ToMs;

namespace {

constexpr std::string_view kColumns =
    "id, tenant, provider, shopper, session, dedupe_key, inbound_id, author, content, state, attempts, "
    "next_attempt_ms, provider_message_id, error, created_at_ms, updated_at_ms";

// The state's OutboxStateRank, in SQL.
constexpr std::string_view kRank =
    "(CASE state WHEN 'pending' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 "
    "WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 ELSE -1 END)";

OutboxMessage FromRow(const Row& r) {
  OutboxMessage m;
  m.id = Int(r[0]);
  m.tenant = Text(r[1]);
  m.provider = Text(r[2]);
  m.shopper = Text(r[3]);
  m.session = Text(r[4]);
  m.dedupe_key = Text(r[5]);
  if (r[6]) m.inbound_id = Int(r[6]);
  m.author = Text(r[7]);
  m.content = Text(r[8]);
  m.state = Text(r[9]);
  m.attempts = Int(r[10]);
  m.next_attempt = sql::FromMs(Int(r[11]));
  m.provider_message_id = Text(r[12]);
  m.error = Text(r[13]);
  m.created_at = sql::FromMs(Int(r[14]));
  m.updated_at = sql::FromMs(Int(r[15]));
  return m;
}

std::string Select(std::string_view rest) { return sql::Cat("SELECT ", kColumns, rest); }

}  // namespace

core::Result<int64_t> sql::InsertOutbound(SqlSession& s, const OutboxMessage& m) {
  Params params{m.tenant,
                m.provider,
                m.shopper,
                m.session,
                m.dedupe_key,
                nullptr,
                m.author,
                m.content,
                ToMs(m.next_attempt),
                ToMs(m.created_at),
                std::string(m.state == "sent" ? "sent" : "pending")};
  if (m.inbound_id) params[5] = *m.inbound_id;
  // ON CONFLICT rather than catching kConflict: a failed statement aborts a
  // PostgreSQL transaction.
  auto rows = s.Run(
      "INSERT INTO channel_outbox (tenant, provider, shopper, session, dedupe_key, inbound_id, author, content, "
      "state, attempts, next_attempt_ms, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, 0, $9, $10, $10) "
      "ON CONFLICT (tenant, dedupe_key) DO NOTHING RETURNING id",
      params);
  if (!rows.ok()) return rows.error();
  if (!rows->empty()) return Int(rows->front().at(0));
  auto existing =
      s.Run("SELECT id FROM channel_outbox WHERE tenant = $1 AND dedupe_key = $2", {m.tenant, m.dedupe_key});
  if (!existing.ok()) return existing.error();
  if (existing->empty()) return MakeError(ErrorCode::kInternal, "outbox message vanished during its insert");
  return Int(existing->front().at(0));
}

core::Result<bool> sql::ApplyDeliveryUpdate(SqlSession& s, const DeliveryUpdate& u) {
  const int rank = OutboxStateRank(u.status);
  if (rank < OutboxStateRank("sent")) return false;  // only provider states move a message
  auto rows =
      s.Run(Cat("UPDATE channel_outbox SET state = $1, "
                "provider_message_id = CASE WHEN provider_message_id = '' THEN $2 ELSE provider_message_id END, "
                "error = $3, updated_at_ms = $4, claimed_by = '', lease_until_ms = 0 "
                "WHERE tenant = $5 AND provider = $6 AND (id = $7 OR (provider_message_id <> '' AND "
                "provider_message_id = $2)) AND ",
                kRank, " < $8 RETURNING id"),
            {u.status, u.provider_message_id, u.error, ToMs(u.at), u.tenant, u.provider, u.outbox_id.value_or(-1),
             int64_t{rank}});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

core::Result<int64_t> SqlOutboxStore::EnqueueOutbound(const OutboxMessage& message) {
  int64_t id = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto inserted = sql::InsertOutbound(s, message);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<std::vector<OutboxMessage>> SqlOutboxStore::ClaimOutbound(const std::string& worker, Time now,
                                                                       std::chrono::milliseconds lease, int limit) {
  std::vector<OutboxMessage> claimed;
  const int64_t now_ms = ToMs(now);
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    claimed.clear();
    auto rows =
        s.Run(Select(" FROM channel_outbox o WHERE ((o.state = 'pending' AND o.next_attempt_ms <= $1) OR "
                     "(o.state = 'sending' AND o.lease_until_ms <= $1)) AND NOT EXISTS (SELECT 1 FROM channel_outbox e "
                     "WHERE e.tenant = o.tenant AND e.shopper = o.shopper AND e.id < o.id AND "
                     "e.state IN ('pending', 'sending')) ORDER BY o.id LIMIT $2"),
              {now_ms, int64_t{std::clamp(limit, 1, 100)}});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      OutboxMessage m = FromRow(r);
      // Another process may have claimed it since the SELECT (PostgreSQL).
      auto took = s.Run(
          "UPDATE channel_outbox SET state = 'sending', claimed_by = $2, lease_until_ms = $3, "
          "attempts = attempts + 1, updated_at_ms = $4 WHERE id = $1 AND ((state = 'pending' AND "
          "next_attempt_ms <= $4) OR (state = 'sending' AND lease_until_ms <= $4)) RETURNING attempts",
          {m.id, worker, now_ms + lease.count(), now_ms});
      if (!took.ok()) return took.status();
      if (took->empty()) continue;
      m.state = "sending";
      m.attempts = Int(took->front().at(0));
      m.updated_at = sql::FromMs(now_ms);
      claimed.push_back(std::move(m));
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return claimed;
}

core::Status SqlOutboxStore::UpdateExisting(int64_t id, std::string_view update, const sql::Params& params) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(update, params);
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) return core::Status::Ok();
    auto exists = s.Run("SELECT id FROM channel_outbox WHERE id = $1", {id});
    if (!exists.ok()) return exists.status();
    if (exists->empty()) return MakeError(ErrorCode::kNotFound, "no outbox message " + std::to_string(id));
    return core::Status::Ok();
  });
}

core::Status SqlOutboxStore::MarkSent(int64_t id, const std::string& provider_message_id, Time at) {
  return UpdateExisting(
      id,
      "UPDATE channel_outbox SET provider_message_id = $2, state = CASE WHEN state IN ('pending', 'sending') "
      "THEN 'sent' ELSE state END, error = '', claimed_by = '', lease_until_ms = 0, updated_at_ms = $3 "
      "WHERE id = $1 RETURNING id",
      {id, provider_message_id, ToMs(at)});
}

core::Status SqlOutboxStore::MarkRetry(int64_t id, Time next_attempt, const std::string& error, Time at) {
  return UpdateExisting(id,
                        "UPDATE channel_outbox SET state = 'pending', next_attempt_ms = $2, error = $3, "
                        "claimed_by = '', lease_until_ms = 0, updated_at_ms = $4 "
                        "WHERE id = $1 AND state IN ('pending', 'sending') RETURNING id",
                        {id, ToMs(next_attempt), error, ToMs(at)});
}

core::Status SqlOutboxStore::MarkFailed(int64_t id, const std::string& error, Time at) {
  return UpdateExisting(id,
                        "UPDATE channel_outbox SET state = 'failed', error = $2, claimed_by = '', "
                        "lease_until_ms = 0, updated_at_ms = $3 WHERE id = $1 AND state IN ('pending', 'sending') "
                        "RETURNING id",
                        {id, error, ToMs(at)});
}

core::Result<int64_t> SqlOutboxStore::RecoverOutbound(const std::string& worker, Time retry_at) {
  int64_t count = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "UPDATE channel_outbox SET state = 'pending', next_attempt_ms = $2, claimed_by = '', lease_until_ms = 0, "
        "error = 'in doubt: the server stopped while sending it' WHERE claimed_by = $1 AND state = 'sending' "
        "RETURNING id",
        {worker, ToMs(retry_at)});
    if (!rows.ok()) return rows.status();
    count = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return count;
}

core::Result<OutboxMessage> SqlOutboxStore::GetOutbound(const std::string& tenant, int64_t id) {
  std::optional<OutboxMessage> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(Select(" FROM channel_outbox WHERE tenant = $1 AND id = $2"), {tenant, id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "no outbox message " + std::to_string(id));
    out = FromRow(rows->front());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *out;
}

core::Result<std::vector<OutboxMessage>> SqlOutboxStore::ListOutbound(const std::string& tenant,
                                                                      const std::string& shopper, int64_t limit) {
  std::vector<OutboxMessage> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(Select(" FROM channel_outbox WHERE tenant = $1 AND shopper = $2 ORDER BY id DESC LIMIT $3"),
                      {tenant, shopper, std::clamp<int64_t>(limit, 1, 1000)});
    if (!rows.ok()) return rows.status();
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(FromRow(*it));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<int64_t> SqlOutboxStore::CountUnsentOutbound() {
  int64_t count = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("SELECT COUNT(*) FROM channel_outbox WHERE state IN ('pending', 'sending')");
    if (!rows.ok()) return rows.status();
    count = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return count;
}

}  // namespace db
