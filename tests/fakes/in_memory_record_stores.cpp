#include "fakes/in_memory_record_stores.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace fakes {

using core::ErrorCode;
using core::MakeError;

namespace {

void AddTags(std::vector<std::string>& tags, const std::vector<std::string>& more) {
  for (const auto& t : more) {
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
}

bool Contains(const std::string& text, const std::string& lower_needle) {
  return AsciiLower(text).find(lower_needle) != std::string::npos;
}

// True when `a` comes before `b` in `sort` (ties by id, as the SQL stores).
bool Before(db::LeadSort sort, const db::Lead& a, const db::Lead& b) {
  switch (sort) {
    case db::LeadSort::kLastSeenDesc:
      return std::make_tuple(ToMs(a.last_seen), a.id) > std::make_tuple(ToMs(b.last_seen), b.id);
    case db::LeadSort::kCreatedDesc:
      return std::make_tuple(ToMs(a.created_at), a.id) > std::make_tuple(ToMs(b.created_at), b.id);
    case db::LeadSort::kCreatedAsc:
      return std::make_tuple(ToMs(a.created_at), a.id) < std::make_tuple(ToMs(b.created_at), b.id);
    case db::LeadSort::kNameAsc:
      return std::make_tuple(AsciiLower(a.name), a.id) < std::make_tuple(AsciiLower(b.name), b.id);
    case db::LeadSort::kValueDesc:
      return std::make_tuple(a.value_estimate_minor, a.id) > std::make_tuple(b.value_estimate_minor, b.id);
  }
  return a.id < b.id;
}

std::vector<db::Message> InTimeOrder(std::vector<db::Message> messages) {
  std::sort(messages.begin(), messages.end(), [](const db::Message& a, const db::Message& b) {
    return std::make_tuple(ToMs(a.at), a.id) < std::make_tuple(ToMs(b.at), b.id);
  });
  return messages;
}

}  // namespace

// --- events ---

core::Status InMemoryEventStore::AppendEvents(const std::vector<db::Event>& batch) {
  std::lock_guard lock(tables_.mu);
  for (const db::Event& e : batch) InsertEvent(tables_.rows, e);
  return core::Status::Ok();
}

core::Result<std::vector<db::Event>> InMemoryEventStore::QueryEvents(const db::EventQuery& query) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::Event> out;
  const int64_t from = ToMs(query.from);
  const int64_t to = UpperMs(query.to);
  for (const db::Event& e : tables_.rows.events) {
    const int64_t at = ToMs(e.at);
    if (e.tenant != query.tenant || at < from || at >= to) continue;
    if (!query.channel.empty() && e.channel != query.channel) continue;
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const db::Event& a, const db::Event& b) {
    return std::make_tuple(ToMs(a.at), a.id) < std::make_tuple(ToMs(b.at), b.id);
  });
  return out;
}

// --- leads and transcripts ---

core::Result<db::Lead> InMemoryLeadStore::UpsertLead(const db::LeadUpsert& upsert) {
  std::lock_guard lock(tables_.mu);
  return fakes::UpsertLead(tables_.rows, upsert);
}

core::Result<db::Lead> InMemoryLeadStore::GetLead(const std::string& tenant, int64_t id) {
  std::lock_guard lock(tables_.mu);
  return LoadLead(tables_.rows, tenant, id);
}

core::Result<db::LeadPage> InMemoryLeadStore::ListLeads(const db::LeadQuery& query) {
  std::lock_guard lock(tables_.mu);
  const std::string needle = AsciiLower(query.search);
  std::vector<db::Lead> matches;
  for (const auto& [id, l] : tables_.rows.leads) {
    if (l.tenant != query.tenant) continue;
    if (!needle.empty() && !Contains(l.name, needle) && !Contains(l.phone, needle) && !Contains(l.email, needle) &&
        !Contains(l.notes, needle)) {
      continue;
    }
    if (!query.status.empty() && l.status != query.status) continue;
    if (!query.channel.empty() && l.channel != query.channel) continue;
    matches.push_back(l);
  }
  std::sort(matches.begin(), matches.end(),
            [&](const db::Lead& a, const db::Lead& b) { return Before(query.sort, a, b); });
  db::LeadPage page;
  page.total = static_cast<int64_t>(matches.size());
  const auto limit = static_cast<size_t>(std::clamp<int64_t>(query.limit, 1, 500));
  const auto offset = static_cast<size_t>(std::max<int64_t>(query.offset, 0));
  for (size_t i = offset; i < matches.size() && page.leads.size() < limit; ++i) page.leads.push_back(matches[i]);
  return page;
}

core::Result<db::Lead> InMemoryLeadStore::UpdateLead(const std::string& tenant, int64_t id,
                                                     const db::LeadPatch& patch) {
  if (patch.status && !db::IsLeadStatus(*patch.status)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown lead status '" + *patch.status + "'",
                     "Status must be one of new, active, won, lost.");
  }
  std::lock_guard lock(tables_.mu);
  auto loaded = LoadLead(tables_.rows, tenant, id);
  if (!loaded.ok()) return loaded.error();
  db::Lead lead = *loaded;
  if (patch.status) lead.status = *patch.status;
  if (patch.tags) {
    lead.tags.clear();
    AddTags(lead.tags, *patch.tags);
  }
  if (patch.notes) lead.notes = *patch.notes;
  if (patch.handoff) lead.handoff = *patch.handoff;
  tables_.rows.leads[id] = lead;
  return lead;
}

core::Status InMemoryLeadStore::AppendMessages(const std::vector<db::Message>& batch) {
  std::lock_guard lock(tables_.mu);
  for (const db::Message& m : batch) InsertMessage(tables_.rows, m);
  return core::Status::Ok();
}

core::Result<std::vector<db::Message>> InMemoryLeadStore::Transcript(const std::string& tenant,
                                                                     const std::string& session) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::Message> out;
  for (const db::Message& m : tables_.rows.messages) {
    if (m.tenant == tenant && m.session == session) out.push_back(m);
  }
  return InTimeOrder(std::move(out));
}

core::Result<std::vector<db::Message>> InMemoryLeadStore::LeadTranscript(const std::string& tenant, int64_t lead_id) {
  std::lock_guard lock(tables_.mu);
  if (auto lead = LoadLead(tables_.rows, tenant, lead_id); !lead.ok()) return lead.error();
  std::vector<db::Message> out;
  for (const db::Message& m : tables_.rows.messages) {
    if (m.tenant != tenant) continue;
    auto link = tables_.rows.lead_sessions.find({tenant, m.session});
    if (link != tables_.rows.lead_sessions.end() && link->second == lead_id) out.push_back(m);
  }
  return InTimeOrder(std::move(out));
}

// --- orders ---

core::Result<int64_t> InMemoryOrderStore::AddOrder(const db::Order& order) {
  std::lock_guard lock(tables_.mu);
  auto id = InsertOrder(tables_.rows, order, /*skip_existing=*/false);
  if (!id.ok()) return id.error();
  return id->value_or(0);
}

core::Result<std::vector<db::Order>> InMemoryOrderStore::QueryOrders(const std::string& tenant, db::Time from,
                                                                     db::Time to) {
  std::lock_guard lock(tables_.mu);
  std::vector<db::Order> out;
  for (const db::Order& o : tables_.rows.orders) {
    const int64_t at = ToMs(o.at);
    if (o.tenant == tenant && at >= ToMs(from) && at < UpperMs(to)) out.push_back(o);
  }
  std::stable_sort(out.begin(), out.end(), [](const db::Order& a, const db::Order& b) {
    return std::make_tuple(ToMs(a.at), a.id) < std::make_tuple(ToMs(b.at), b.id);
  });
  return out;
}

// --- the write path ---

core::Status InMemoryRecordBatchStore::WriteBatch(const db::RecordBatch& batch, std::string_view stream,
                                                  int64_t checkpoint) {
  std::lock_guard lock(tables_.mu);
  MemoryRows& rows = tables_.rows;
  auto stored = rows.checkpoints.find(stream);
  if (!batch.empty() && stored != rows.checkpoints.end() && stored->second >= checkpoint) return core::Status::Ok();
  MemoryRows before = rows;  // the transaction: restored when a record fails
  std::map<std::pair<std::string, std::string>, int64_t> lead_of_session;
  for (const db::LeadUpsert& u : batch.leads) lead_of_session[{u.tenant, u.session}] = UpsertLead(rows, u).id;
  for (const db::Event& e : batch.events) InsertEvent(rows, e);
  for (const db::Message& m : batch.messages) InsertMessage(rows, m);
  for (db::Order order : batch.orders) {
    if (!order.lead_id) {
      auto it = lead_of_session.find({order.tenant, order.session});
      if (it != lead_of_session.end()) order.lead_id = it->second;
    }
    if (auto inserted = InsertOrder(rows, order, /*skip_existing=*/true); !inserted.ok()) {
      rows = std::move(before);
      return inserted.error();
    }
  }
  rows.checkpoints[std::string(stream)] = checkpoint;
  return core::Status::Ok();
}

core::Result<int64_t> InMemoryRecordBatchStore::ReadCheckpoint(std::string_view stream) {
  std::lock_guard lock(tables_.mu);
  auto it = tables_.rows.checkpoints.find(stream);
  return it == tables_.rows.checkpoints.end() ? int64_t{0} : it->second;
}

}  // namespace fakes
