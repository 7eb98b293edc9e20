#include "services/records/inbox_feed.h"

namespace services {

std::string InboxFeed::SessionKey(std::string_view tenant, std::string_view session) {
  std::string key(tenant);
  key.push_back('\n');  // neither a tenant key nor a session id holds one
  key.append(session);
  return key;
}

void InboxFeed::Touch(std::string_view tenant, std::string_view session) {
  std::lock_guard lock(mu_);
  int64_t stamp = ++next_;
  tenants_[std::string(tenant)] = stamp;
  if (session.empty()) return;
  std::string key = SessionKey(tenant, session);
  sessions_[key] = stamp;
  order_.emplace_back(std::move(key), stamp);
  // Forget the oldest stamps; an entry superseded by a later touch of the
  // same session is only a marker and is skipped.
  while (sessions_.size() > max_sessions_ || order_.size() > 2 * max_sessions_ + 16) {
    auto [old_key, old_stamp] = std::move(order_.front());
    order_.pop_front();
    auto it = sessions_.find(old_key);
    if (it != sessions_.end() && it->second == old_stamp) sessions_.erase(it);
  }
}

int64_t InboxFeed::TenantStamp(std::string_view tenant) const {
  std::lock_guard lock(mu_);
  auto it = tenants_.find(std::string(tenant));
  return it == tenants_.end() ? 0 : it->second;
}

int64_t InboxFeed::SessionStamp(std::string_view tenant, std::string_view session) const {
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(SessionKey(tenant, session)); it != sessions_.end()) return it->second;
  auto t = tenants_.find(std::string(tenant));
  return t == tenants_.end() ? 0 : t->second;
}

core::Status FeedingRecordBatchStore::WriteBatch(const db::RecordBatch& batch, std::string_view stream,
                                                 int64_t checkpoint) {
  auto st = inner_.WriteBatch(batch, stream, checkpoint);
  if (!st.ok()) return st;
  for (const auto& m : batch.messages) feed_.Touch(m.tenant, m.session);
  for (const auto& l : batch.leads) feed_.Touch(l.tenant, l.session);
  return st;
}

core::Result<db::Lead> FeedingLeadStore::UpsertLead(const db::LeadUpsert& upsert) {
  auto lead = inner_.UpsertLead(upsert);
  if (lead.ok()) feed_.Touch(lead->tenant, lead->session);
  return lead;
}

core::Result<db::Lead> FeedingLeadStore::UpdateLead(const std::string& tenant, int64_t id, const db::LeadPatch& patch) {
  auto lead = inner_.UpdateLead(tenant, id, patch);
  if (lead.ok()) feed_.Touch(tenant, lead->session);
  return lead;
}

core::Status FeedingLeadStore::AppendMessages(const std::vector<db::Message>& batch) {
  auto st = inner_.AppendMessages(batch);
  if (st.ok()) {
    for (const auto& m : batch) feed_.Touch(m.tenant, m.session);
  }
  return st;
}

}  // namespace services
