#include "db/sql/sql_event_store.h"

#include "db/sql/sql_fields.h"

namespace db {

using sql::Cat;
using sql::Int;
using sql::Params;
using sql::Row;
using sql::SqlSession;
using sql::Text;

namespace {

constexpr std::string_view kEventColumns =
    "id, tenant, session, channel, kind, at_ms, intent, confidence, resolved, clarifier, fallback, items, "
    "cart_value_minor, currency, latency_us, query, zero_result, payload";

Event EventFromRow(const Row& r) {
  Event e;
  e.id = Int(r[0]);
  e.tenant = Text(r[1]);
  e.session = Text(r[2]);
  e.channel = Text(r[3]);
  e.kind = Text(r[4]);
  e.at = sql::FromMs(Int(r[5]));
  e.intent = Text(r[6]);
  e.confidence = sql::Real(r[7]);
  e.resolved = sql::Bool(r[8]);
  e.clarifier = sql::Bool(r[9]);
  e.fallback = sql::Bool(r[10]);
  e.items = Int(r[11]);
  e.cart_value_minor = Int(r[12]);
  e.currency = Text(r[13]);
  e.latency_us = Int(r[14]);
  e.query = Text(r[15]);
  e.zero_result = sql::Bool(r[16]);
  e.payload = Text(r[17]);
  return e;
}

}  // namespace

core::Status sql::InsertEvent(SqlSession& s, const Event& e) {
  return s
      .Run(
          "INSERT INTO events (tenant, session, channel, kind, at_ms, intent, confidence, resolved, clarifier, "
          "fallback, items, cart_value_minor, currency, latency_us, query, zero_result, payload) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
          {e.tenant, e.session, e.channel, e.kind, ToMs(e.at), e.intent, e.confidence, int64_t{e.resolved},
           int64_t{e.clarifier}, int64_t{e.fallback}, e.items, e.cart_value_minor, e.currency, e.latency_us, e.query,
           int64_t{e.zero_result}, e.payload})
      .status();
}

core::Status SqlEventStore::AppendEvents(const std::vector<Event>& batch) {
  if (batch.empty()) return core::Status::Ok();
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    for (const Event& e : batch) {
      if (auto st = sql::InsertEvent(s, e); !st.ok()) return st;
    }
    return core::Status::Ok();
  });
}

core::Result<std::vector<Event>> SqlEventStore::QueryEvents(const EventQuery& query) {
  std::vector<Event> events;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    std::string sql = Cat("SELECT ", kEventColumns, " FROM events WHERE tenant = $1 AND at_ms >= $2 AND at_ms < $3");
    Params params{query.tenant, sql::ToMs(query.from), sql::ToMsClamped(query.to)};
    if (!query.channel.empty()) {
      sql += " AND channel = $4";
      params.emplace_back(query.channel);
    }
    sql += " ORDER BY at_ms, id";
    auto rows = s.Run(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) events.push_back(EventFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return events;
}

}  // namespace db
