#include "services/direct_record_sink.h"

namespace services {

core::Status DirectRecordSink::Enqueue(db::RecordBatch batch) {
  std::optional<db::Lead> lead;
  for (const auto& upsert : batch.leads) {
    auto saved = store_.UpsertLead(upsert);
    if (!saved.ok()) return saved.error();
    lead = std::move(saved).value();
  }
  if (!batch.events.empty()) {
    if (auto st = store_.AppendEvents(batch.events); !st.ok()) return st;
  }
  if (!batch.messages.empty()) {
    if (auto st = store_.AppendMessages(batch.messages); !st.ok()) return st;
  }
  for (auto& order : batch.orders) {
    if (!order.lead_id && lead && lead->session == order.session) order.lead_id = lead->id;
    auto added = store_.AddOrder(order);
    if (!added.ok() && added.error().code != core::ErrorCode::kConflict) return added.error();
  }
  return core::Status::Ok();
}

}  // namespace services
