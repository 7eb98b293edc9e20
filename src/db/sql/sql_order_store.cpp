#include "db/sql/sql_order_store.h"

#include "db/sql/sql_fields.h"
#include "db/sql/sql_lead_store.h"

namespace db {

using sql::Cat;
using sql::Int;
using sql::Params;
using sql::Row;
using sql::SqlSession;
using sql::Text;

core::Result<std::optional<int64_t>> sql::InsertOrder(SqlSession& s, const Order& o, bool skip_existing) {
  if (o.lead_id) {
    // A lead of another tenant must not be linked.
    if (auto found = LoadLead(s, o.tenant, *o.lead_id); !found.ok()) return found.error();
  }
  Params params{o.tenant, o.order_id, o.session, nullptr, o.fulfilment, o.total_minor, o.currency, o.lines, ToMs(o.at)};
  if (o.lead_id) params[3] = *o.lead_id;
  // ON CONFLICT rather than catching kConflict: a failed statement aborts a
  // PostgreSQL transaction.
  auto rows = s.Run(Cat("INSERT INTO orders (tenant, order_id, session, lead_id, fulfilment, total_minor, currency, "
                        "lines, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        skip_existing ? " ON CONFLICT (tenant, order_id) DO NOTHING" : "", " RETURNING id"),
                    params);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(Int(rows->front().at(0)));
}

core::Result<int64_t> SqlOrderStore::AddOrder(const Order& o) {
  int64_t id = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto inserted = sql::InsertOrder(s, o, /*skip_existing=*/false);
    if (!inserted.ok()) return inserted.status();
    id = inserted->value_or(0);
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<std::vector<Order>> SqlOrderStore::QueryOrders(const std::string& tenant, Time from, Time to) {
  std::vector<Order> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, tenant, order_id, session, lead_id, fulfilment, total_minor, currency, lines, at_ms FROM orders "
        "WHERE tenant = $1 AND at_ms >= $2 AND at_ms < $3 ORDER BY at_ms, id",
        {tenant, sql::ToMs(from), sql::ToMsClamped(to)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      Order o;
      o.id = Int(r[0]);
      o.tenant = Text(r[1]);
      o.order_id = Text(r[2]);
      o.session = Text(r[3]);
      if (r[4]) o.lead_id = Int(r[4]);
      o.fulfilment = Text(r[5]);
      o.total_minor = Int(r[6]);
      o.currency = Text(r[7]);
      o.lines = Text(r[8]);
      o.at = sql::FromMs(Int(r[9]));
      out.push_back(std::move(o));
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace db
