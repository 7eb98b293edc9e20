#include "db/sql/sql_record_batch_store.h"

#include <map>
#include <string>
#include <utility>

#include "db/sql/sql_event_store.h"
#include "db/sql/sql_fields.h"
#include "db/sql/sql_lead_store.h"
#include "db/sql/sql_order_store.h"

namespace db {

using sql::Int;
using sql::SqlSession;

core::Status SqlRecordBatchStore::WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) {
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    // Exactly once: a batch whose checkpoint is already stored was committed
    // (data and checkpoint commit together), e.g. by an attempt whose COMMIT
    // reached the server but whose answer was lost. Idempotent, not an error.
    if (!batch.empty()) {
      auto stored = s.Run("SELECT checkpoint FROM record_streams WHERE stream = $1", {std::string(stream)});
      if (!stored.ok()) return stored.status();
      if (!stored->empty() && Int(stored->front().at(0)) >= checkpoint) return core::Status::Ok();
    }
    // Leads first, so an order later in the batch can name a lead the batch
    // created (by id, once the caller knows it) and merges see earlier turns.
    // An order without a lead belongs to the lead its session was upserted
    // to in this batch (a checkout turn carries both).
    std::map<std::pair<std::string, std::string>, int64_t> lead_of_session;
    for (const LeadUpsert& u : batch.leads) {
      auto lead = sql::UpsertLeadIn(s, u);
      if (!lead.ok()) return lead.status();
      lead_of_session[{u.tenant, u.session}] = lead->id;
    }
    for (const Event& e : batch.events) {
      if (auto st = sql::InsertEvent(s, e); !st.ok()) return st;
    }
    for (const Message& m : batch.messages) {
      if (auto st = sql::InsertMessage(s, m); !st.ok()) return st;
    }
    for (const Order& o : batch.orders) {
      Order order = o;
      if (!order.lead_id) {
        auto it = lead_of_session.find({order.tenant, order.session});
        if (it != lead_of_session.end()) order.lead_id = it->second;
      }
      if (auto inserted = sql::InsertOrder(s, order, /*skip_existing=*/true); !inserted.ok()) return inserted.status();
    }
    return s
        .Run(
            "INSERT INTO record_streams (stream, checkpoint) VALUES ($1, $2) "
            "ON CONFLICT (stream) DO UPDATE SET checkpoint = excluded.checkpoint",
            {std::string(stream), checkpoint})
        .status();
  });
}

core::Result<int64_t> SqlRecordBatchStore::ReadCheckpoint(std::string_view stream) {
  int64_t checkpoint = 0;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("SELECT checkpoint FROM record_streams WHERE stream = $1", {std::string(stream)});
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) checkpoint = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return checkpoint;
}

}  // namespace db
