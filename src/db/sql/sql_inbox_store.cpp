#include "db/sql/sql_inbox_store.h"

#include <algorithm>

#include "db/sql/sql_fields.h"
#include "db/sql/sql_outbox_store.h"

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
    "id, tenant, provider, message_id, shopper, profile_name, kind, text, payload, sent_at_ms, received_at_ms, "
    "state, attempts, error";

InboundMessage FromRow(const Row& r) {
  InboundMessage m;
  m.id = Int(r[0]);
  m.tenant = Text(r[1]);
  m.provider = Text(r[2]);
  m.message_id = Text(r[3]);
  m.shopper = Text(r[4]);
  m.profile_name = Text(r[5]);
  m.kind = Text(r[6]);
  m.text = Text(r[7]);
  m.payload = Text(r[8]);
  m.sent_at = sql::FromMs(Int(r[9]));
  m.received_at = sql::FromMs(Int(r[10]));
  m.state = Text(r[11]);
  m.attempts = Int(r[12]);
  m.error = Text(r[13]);
  return m;
}

std::string Select(std::string_view rest) { return sql::Cat("SELECT ", kColumns, rest); }

}  // namespace

core::Result<WebhookReceipt> SqlInboxStore::RecordWebhook(const std::vector<InboundMessage>& messages,
                                                          const std::vector<DeliveryUpdate>& updates,
                                                          const std::optional<InboundClaim>& claim) {
  WebhookReceipt receipt;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    receipt = {};
    for (const InboundMessage& m : messages) {
      auto rows = s.Run(
          "INSERT INTO channel_inbound (tenant, provider, message_id, shopper, profile_name, kind, text, payload, "
          "sent_at_ms, received_at_ms, state, attempts, lease_until_ms, claimed_by, error) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $13, '') "
          "ON CONFLICT (tenant, provider, message_id) DO NOTHING RETURNING id",
          {m.tenant, m.provider, m.message_id, m.shopper, m.profile_name, m.kind, m.text, m.payload, ToMs(m.sent_at),
           ToMs(m.received_at), int64_t{claim ? 1 : 0}, claim ? ToMs(claim->until) : int64_t{0},
           claim ? claim->worker : std::string()});
      if (!rows.ok()) return rows.status();
      if (rows->empty()) {
        ++receipt.duplicates;
      } else {
        receipt.accepted.push_back(Int(rows->front().at(0)));
      }
    }
    for (const DeliveryUpdate& u : updates) {
      auto applied = sql::ApplyDeliveryUpdate(s, u);
      if (!applied.ok()) return applied.status();
      if (*applied) ++receipt.updates_applied;
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return receipt;
}

core::Result<std::vector<InboundMessage>> SqlInboxStore::ClaimInbound(const std::string& worker, Time now,
                                                                      std::chrono::milliseconds lease, int limit) {
  std::vector<InboundMessage> claimed;
  const int64_t now_ms = ToMs(now);
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    claimed.clear();
    auto rows =
        s.Run(Select(" FROM channel_inbound i WHERE i.state = 'pending' AND i.lease_until_ms <= $1 AND NOT EXISTS "
                     "(SELECT 1 FROM channel_inbound e WHERE e.tenant = i.tenant AND e.shopper = i.shopper AND "
                     "e.state = 'pending' AND (e.sent_at_ms < i.sent_at_ms OR (e.sent_at_ms = i.sent_at_ms AND "
                     "e.id < i.id))) ORDER BY i.sent_at_ms, i.id LIMIT $2"),
              {now_ms, int64_t{std::clamp(limit, 1, 100)}});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      InboundMessage m = FromRow(r);
      // Another process may have claimed it since the SELECT (PostgreSQL).
      auto took = s.Run(
          "UPDATE channel_inbound SET lease_until_ms = $2, claimed_by = $3, attempts = attempts + 1 "
          "WHERE id = $1 AND state = 'pending' AND lease_until_ms <= $4 RETURNING attempts",
          {m.id, now_ms + lease.count(), worker, now_ms});
      if (!took.ok()) return took.status();
      if (took->empty()) continue;
      m.attempts = Int(took->front().at(0));
      claimed.push_back(std::move(m));
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return claimed;
}

core::Status SqlInboxStore::CompleteInbound(int64_t id, const std::vector<OutboxMessage>& replies, Time at) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "UPDATE channel_inbound SET state = 'done', done_at_ms = $2, lease_until_ms = 0, claimed_by = '', "
        "error = '' WHERE id = $1 AND state = 'pending' RETURNING id",
        {id, ToMs(at)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      auto exists = s.Run("SELECT state FROM channel_inbound WHERE id = $1", {id});
      if (!exists.ok()) return exists.status();
      if (exists->empty()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
      return core::Status::Ok();  // answered already (by another worker after a lease ran out)
    }
    for (const OutboxMessage& reply : replies) {
      if (auto inserted = sql::InsertOutbound(s, reply); !inserted.ok()) return inserted.status();
    }
    return core::Status::Ok();
  });
}

core::Status SqlInboxStore::RetryInbound(int64_t id, Time retry_at, const std::string& error) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows =
        s.Run("UPDATE channel_inbound SET lease_until_ms = $2, claimed_by = '', error = $3 WHERE id = $1 RETURNING id",
              {id, ToMs(retry_at), error});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
    return core::Status::Ok();
  });
}

core::Status SqlInboxStore::FailInbound(int64_t id, const std::string& error, Time at) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "UPDATE channel_inbound SET state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END, "
        "error = $2, done_at_ms = $3, lease_until_ms = 0, claimed_by = '' WHERE id = $1 RETURNING id",
        {id, error, ToMs(at)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
    return core::Status::Ok();
  });
}

core::Result<int64_t> SqlInboxStore::RecoverInbound(const std::string& worker) {
  int64_t count = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "UPDATE channel_inbound SET lease_until_ms = 0, claimed_by = '' WHERE claimed_by = $1 AND "
        "state = 'pending' RETURNING id",
        {worker});
    if (!rows.ok()) return rows.status();
    count = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return count;
}

core::Result<std::optional<InboundMessage>> SqlInboxStore::LastInbound(const std::string& tenant,
                                                                       const std::string& shopper) {
  std::optional<InboundMessage> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(Select(" FROM channel_inbound WHERE tenant = $1 AND shopper = $2 "
                             "ORDER BY sent_at_ms DESC, id DESC LIMIT 1"),
                      {tenant, shopper});
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) out = FromRow(rows->front());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<std::vector<InboundMessage>> SqlInboxStore::ListInbound(const std::string& tenant,
                                                                     const std::string& shopper, int64_t limit) {
  std::vector<InboundMessage> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(Select(" FROM channel_inbound WHERE tenant = $1 AND shopper = $2 "
                             "ORDER BY sent_at_ms DESC, id DESC LIMIT $3"),
                      {tenant, shopper, std::clamp<int64_t>(limit, 1, 1000)});
    if (!rows.ok()) return rows.status();
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(FromRow(*it));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<int64_t> SqlInboxStore::CountPendingInbound() {
  int64_t count = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("SELECT COUNT(*) FROM channel_inbound WHERE state = 'pending'");
    if (!rows.ok()) return rows.status();
    count = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return count;
}

}  // namespace db
