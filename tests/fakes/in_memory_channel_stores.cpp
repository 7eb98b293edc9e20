#include "fakes/in_memory_channel_stores.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "fakes/in_memory_tables.h"

namespace fakes {

using core::ErrorCode;
using core::MakeError;

namespace {

// REQUIRES: tables.mu held. InsertOutbound of the SQL stores.
int64_t InsertOutbound(ChannelTables& tables, const db::OutboxMessage& m) {
  for (const auto& [id, row] : tables.outbox) {
    if (row.message.tenant == m.tenant && row.message.dedupe_key == m.dedupe_key) return id;
  }
  ChannelTables::Outbound row;
  row.message = m;
  row.message.id = ++tables.last_outbox_id;
  row.message.state = m.state == "sent" ? "sent" : "pending";
  row.message.attempts = 0;
  row.message.provider_message_id.clear();
  row.message.error.clear();
  row.message.next_attempt = Stored(m.next_attempt);
  row.message.created_at = Stored(m.created_at);
  row.message.updated_at = row.message.created_at;
  tables.outbox.emplace(row.message.id, row);
  return row.message.id;
}

// REQUIRES: tables.mu held. ApplyDeliveryUpdate of the SQL stores.
bool ApplyUpdate(ChannelTables& tables, const db::DeliveryUpdate& u) {
  const int rank = db::OutboxStateRank(u.status);
  if (rank < db::OutboxStateRank("sent")) return false;
  bool changed = false;
  for (auto& [id, row] : tables.outbox) {
    db::OutboxMessage& m = row.message;
    if (m.tenant != u.tenant || m.provider != u.provider) continue;
    bool named = (u.outbox_id && *u.outbox_id == id) ||
                 (!m.provider_message_id.empty() && m.provider_message_id == u.provider_message_id);
    if (!named || db::OutboxStateRank(m.state) >= rank) continue;
    m.state = u.status;
    if (m.provider_message_id.empty()) m.provider_message_id = u.provider_message_id;
    m.error = u.error;
    m.updated_at = Stored(u.at);
    row.claimed_by.clear();
    row.lease_until_ms = 0;
    changed = true;
  }
  return changed;
}

bool Unsent(const db::OutboxMessage& m) { return m.state == "pending" || m.state == "sending"; }

}  // namespace

// --- inbox ---

core::Result<db::WebhookReceipt> InMemoryInboxStore::RecordWebhook(const std::vector<db::InboundMessage>& messages,
                                                                   const std::vector<db::DeliveryUpdate>& updates,
                                                                   const std::optional<db::InboundClaim>& claim) {
  std::lock_guard lock(tables_.mu);
  db::WebhookReceipt receipt;
  for (const db::InboundMessage& m : messages) {
    bool known = std::any_of(tables_.inbound.begin(), tables_.inbound.end(), [&](const auto& entry) {
      const db::InboundMessage& r = entry.second.message;
      return r.tenant == m.tenant && r.provider == m.provider && r.message_id == m.message_id;
    });
    if (known) {
      ++receipt.duplicates;
      continue;
    }
    ChannelTables::Inbound row;
    row.message = m;
    row.message.id = ++tables_.last_inbound_id;
    row.message.state = "pending";
    row.message.attempts = claim ? 1 : 0;
    row.message.error.clear();
    if (claim) {
      row.claimed_by = claim->worker;
      row.lease_until_ms = ToMs(claim->until);
    }
    row.message.sent_at = Stored(m.sent_at);
    row.message.received_at = Stored(m.received_at);
    tables_.inbound.emplace(row.message.id, row);
    receipt.accepted.push_back(row.message.id);
  }
  for (const db::DeliveryUpdate& u : updates) {
    if (ApplyUpdate(tables_, u)) ++receipt.updates_applied;
  }
  return receipt;
}

core::Result<std::vector<db::InboundMessage>> InMemoryInboxStore::ClaimInbound(const std::string& worker, db::Time now,
                                                                               std::chrono::milliseconds lease,
                                                                               int limit) {
  std::lock_guard lock(tables_.mu);
  const int64_t now_ms = ToMs(now);
  // The oldest pending message of each conversation, by (sent_at, id).
  std::map<std::pair<std::string, std::string>, ChannelTables::Inbound*> first;
  for (auto& [id, row] : tables_.inbound) {
    const db::InboundMessage& m = row.message;
    if (m.state != "pending") continue;
    auto& slot = first[{m.tenant, m.shopper}];
    if (!slot ||
        std::make_tuple(ToMs(m.sent_at), m.id) < std::make_tuple(ToMs(slot->message.sent_at), slot->message.id)) {
      slot = &row;
    }
  }
  std::vector<ChannelTables::Inbound*> due;
  for (auto& [conversation, row] : first) {
    if (row->lease_until_ms <= now_ms) due.push_back(row);
  }
  std::sort(due.begin(), due.end(), [](const auto* a, const auto* b) {
    return std::make_tuple(ToMs(a->message.sent_at), a->message.id) <
           std::make_tuple(ToMs(b->message.sent_at), b->message.id);
  });
  due.resize(std::min<size_t>(due.size(), static_cast<size_t>(std::clamp(limit, 1, 100))));
  std::vector<db::InboundMessage> claimed;
  for (auto* row : due) {
    row->lease_until_ms = now_ms + lease.count();
    row->claimed_by = worker;
    ++row->message.attempts;
    claimed.push_back(row->message);
  }
  return claimed;
}

core::Status InMemoryInboxStore::CompleteInbound(int64_t id, const std::vector<db::OutboxMessage>& replies, db::Time) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.inbound.find(id);
  if (it == tables_.inbound.end()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
  if (it->second.message.state != "pending") return core::Status::Ok();
  it->second.message.state = "done";
  it->second.message.error.clear();
  it->second.lease_until_ms = 0;
  it->second.claimed_by.clear();
  for (const db::OutboxMessage& reply : replies) InsertOutbound(tables_, reply);
  return core::Status::Ok();
}

core::Status InMemoryInboxStore::RetryInbound(int64_t id, db::Time retry_at, const std::string& error) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.inbound.find(id);
  if (it == tables_.inbound.end()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
  it->second.lease_until_ms = ToMs(retry_at);
  it->second.claimed_by.clear();
  it->second.message.error = error;
  return core::Status::Ok();
}

core::Status InMemoryInboxStore::FailInbound(int64_t id, const std::string& error, db::Time) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.inbound.find(id);
  if (it == tables_.inbound.end()) return MakeError(ErrorCode::kNotFound, "no inbound message " + std::to_string(id));
  if (it->second.message.state == "pending") it->second.message.state = "failed";
  it->second.message.error = error;
  it->second.lease_until_ms = 0;
  it->second.claimed_by.clear();
  return core::Status::Ok();
}

core::Result<int64_t> InMemoryInboxStore::RecoverInbound(const std::string& worker) {
  std::lock_guard lock(tables_.mu);
  int64_t count = 0;
  for (auto& [id, row] : tables_.inbound) {
    if (row.claimed_by != worker || row.message.state != "pending") continue;
    row.claimed_by.clear();
    row.lease_until_ms = 0;
    ++count;
  }
  return count;
}

namespace {

// REQUIRES: tables.mu held. The shopper's messages by (sent_at, id).
std::vector<db::InboundMessage> Conversation(const ChannelTables& tables, const std::string& tenant,
                                             const std::string& shopper) {
  std::vector<db::InboundMessage> out;
  for (const auto& [id, row] : tables.inbound) {
    if (row.message.tenant == tenant && row.message.shopper == shopper) out.push_back(row.message);
  }
  std::sort(out.begin(), out.end(), [](const db::InboundMessage& a, const db::InboundMessage& b) {
    return std::make_tuple(ToMs(a.sent_at), a.id) < std::make_tuple(ToMs(b.sent_at), b.id);
  });
  return out;
}

}  // namespace

core::Result<std::optional<db::InboundMessage>> InMemoryInboxStore::LastInbound(const std::string& tenant,
                                                                                const std::string& shopper) {
  std::lock_guard lock(tables_.mu);
  auto all = Conversation(tables_, tenant, shopper);
  if (all.empty()) return std::optional<db::InboundMessage>();
  return std::optional<db::InboundMessage>(all.back());
}

core::Result<std::vector<db::InboundMessage>> InMemoryInboxStore::ListInbound(const std::string& tenant,
                                                                              const std::string& shopper,
                                                                              int64_t limit) {
  std::lock_guard lock(tables_.mu);
  auto all = Conversation(tables_, tenant, shopper);
  size_t keep = static_cast<size_t>(std::clamp<int64_t>(limit, 1, 1000));
  if (all.size() > keep) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(keep));
  return all;
}

core::Result<int64_t> InMemoryInboxStore::CountPendingInbound() {
  std::lock_guard lock(tables_.mu);
  return static_cast<int64_t>(std::count_if(tables_.inbound.begin(), tables_.inbound.end(),
                                            [](const auto& e) { return e.second.message.state == "pending"; }));
}

// --- outbox ---

core::Result<int64_t> InMemoryOutboxStore::EnqueueOutbound(const db::OutboxMessage& message) {
  std::lock_guard lock(tables_.mu);
  return InsertOutbound(tables_, message);
}

core::Result<std::vector<db::OutboxMessage>> InMemoryOutboxStore::ClaimOutbound(const std::string& worker, db::Time now,
                                                                                std::chrono::milliseconds lease,
                                                                                int limit) {
  std::lock_guard lock(tables_.mu);
  const int64_t now_ms = ToMs(now);
  const size_t max = static_cast<size_t>(std::clamp(limit, 1, 100));
  std::set<std::pair<std::string, std::string>> blocked;  // conversations with an earlier unsent message
  std::vector<db::OutboxMessage> claimed;
  for (auto& [id, row] : tables_.outbox) {  // ascending ids
    db::OutboxMessage& m = row.message;
    if (!Unsent(m)) continue;
    auto conversation = std::make_pair(m.tenant, m.shopper);
    if (!blocked.insert(conversation).second) continue;
    bool due = (m.state == "pending" && ToMs(m.next_attempt) <= now_ms) ||
               (m.state == "sending" && row.lease_until_ms <= now_ms);
    if (!due || claimed.size() >= max) continue;
    m.state = "sending";
    row.claimed_by = worker;
    row.lease_until_ms = now_ms + lease.count();
    ++m.attempts;
    m.updated_at = Stored(now);
    claimed.push_back(m);
  }
  return claimed;
}

namespace {

// REQUIRES: tables.mu held.
core::Result<ChannelTables::Outbound*> FindOutbound(ChannelTables& tables, int64_t id) {
  auto it = tables.outbox.find(id);
  if (it == tables.outbox.end()) return MakeError(ErrorCode::kNotFound, "no outbox message " + std::to_string(id));
  return &it->second;
}

void Release(ChannelTables::Outbound& row, db::Time at) {
  row.claimed_by.clear();
  row.lease_until_ms = 0;
  row.message.updated_at = Stored(at);
}

}  // namespace

core::Status InMemoryOutboxStore::MarkSent(int64_t id, const std::string& provider_message_id, db::Time at) {
  std::lock_guard lock(tables_.mu);
  auto row = FindOutbound(tables_, id);
  if (!row.ok()) return row.error();
  db::OutboxMessage& m = (*row)->message;
  m.provider_message_id = provider_message_id;
  if (Unsent(m)) m.state = "sent";
  m.error.clear();
  Release(**row, at);
  return core::Status::Ok();
}

core::Status InMemoryOutboxStore::MarkRetry(int64_t id, db::Time next_attempt, const std::string& error, db::Time at) {
  std::lock_guard lock(tables_.mu);
  auto row = FindOutbound(tables_, id);
  if (!row.ok()) return row.error();
  db::OutboxMessage& m = (*row)->message;
  if (!Unsent(m)) return core::Status::Ok();
  m.state = "pending";
  m.next_attempt = Stored(next_attempt);
  m.error = error;
  Release(**row, at);
  return core::Status::Ok();
}

core::Status InMemoryOutboxStore::MarkFailed(int64_t id, const std::string& error, db::Time at) {
  std::lock_guard lock(tables_.mu);
  auto row = FindOutbound(tables_, id);
  if (!row.ok()) return row.error();
  db::OutboxMessage& m = (*row)->message;
  if (!Unsent(m)) return core::Status::Ok();
  m.state = "failed";
  m.error = error;
  Release(**row, at);
  return core::Status::Ok();
}

core::Result<int64_t> InMemoryOutboxStore::RecoverOutbound(const std::string& worker, db::Time retry_at) {
  std::lock_guard lock(tables_.mu);
  int64_t count = 0;
  for (auto& [id, row] : tables_.outbox) {
    if (row.claimed_by != worker || row.message.state != "sending") continue;
    row.message.state = "pending";
    row.message.next_attempt = Stored(retry_at);
    row.message.error = "in doubt: the server stopped while sending it";
    row.claimed_by.clear();
    row.lease_until_ms = 0;
    ++count;
  }
  return count;
}

core::Result<db::OutboxMessage> InMemoryOutboxStore::GetOutbound(const std::string& tenant, int64_t id) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.outbox.find(id);
  if (it == tables_.outbox.end() || it->second.message.tenant != tenant) {
    return MakeError(ErrorCode::kNotFound, "no outbox message " + std::to_string(id));
  }
  return it->second.message;
}

core::Result<std::vector<db::OutboxMessage>> InMemoryOutboxStore::ListOutbound(const std::string& tenant,
                                                                               const std::string& shopper,
                                                                               int64_t limit) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::OutboxMessage> out;
  for (const auto& [id, row] : tables_.outbox) {
    if (row.message.tenant == tenant && row.message.shopper == shopper) out.push_back(row.message);
  }
  size_t keep = static_cast<size_t>(std::clamp<int64_t>(limit, 1, 1000));
  if (out.size() > keep) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(keep));
  return out;
}

core::Result<int64_t> InMemoryOutboxStore::CountUnsentOutbound() {
  std::lock_guard lock(tables_.mu);
  return static_cast<int64_t>(std::count_if(tables_.outbox.begin(), tables_.outbox.end(),
                                            [](const auto& e) { return Unsent(e.second.message); }));
}

}  // namespace fakes
