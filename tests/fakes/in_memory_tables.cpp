#include "fakes/in_memory_tables.h"

#include <algorithm>
#include <cctype>
#include <climits>

namespace fakes {

using core::ErrorCode;
using core::MakeError;

int64_t ToMs(db::Time t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count(); }

db::Time Stored(db::Time t) {
  return db::Time(std::chrono::duration_cast<db::Time::duration>(std::chrono::milliseconds(ToMs(t))));
}

int64_t UpperMs(db::Time t) { return t == db::Time::max() ? INT64_MAX : ToMs(t); }

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

namespace {

void AddTags(std::vector<std::string>& tags, const std::vector<std::string>& more) {
  for (const auto& t : more) {
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
}

// The lowest id of the tenant's leads whose `field` is `value`.
std::optional<db::Lead> FindLeadBy(const MemoryRows& rows, std::string db::Lead::*field, const std::string& tenant,
                                   const std::string& value) {
  if (value.empty()) return std::nullopt;
  for (const auto& [id, lead] : rows.leads) {  // ascending ids
    if (lead.tenant == tenant && lead.*field == value) return lead;
  }
  return std::nullopt;
}

void LinkSession(MemoryRows& rows, const std::string& tenant, const std::string& session, int64_t lead_id) {
  if (!session.empty()) rows.lead_sessions[{tenant, session}] = lead_id;
}

db::Lead StoredLead(db::Lead lead) {
  lead.created_at = Stored(lead.created_at);
  lead.last_seen = Stored(lead.last_seen);
  return lead;
}

void FoldAnonymous(MemoryRows& rows, const db::Lead& o, db::Lead& lead) {
  if (lead.name.empty()) lead.name = o.name;
  AddTags(lead.tags, o.tags);
  if (!o.notes.empty()) lead.notes = lead.notes.empty() ? o.notes : lead.notes + "\n" + o.notes;
  lead.value_estimate_minor = std::max(lead.value_estimate_minor, o.value_estimate_minor);
  if (lead.currency.empty()) lead.currency = o.currency;
  lead.handoff = lead.handoff || o.handoff;
  lead.created_at = std::min(lead.created_at, o.created_at);
  for (db::Order& order : rows.orders) {
    if (order.tenant == o.tenant && order.lead_id == o.id) order.lead_id = lead.id;
  }
  for (auto& [key, lead_id] : rows.lead_sessions) {
    if (key.first == o.tenant && lead_id == o.id) lead_id = lead.id;
  }
  rows.leads.erase(o.id);
}

}  // namespace

core::Result<db::Lead> LoadLead(const MemoryRows& rows, const std::string& tenant, int64_t id) {
  auto it = rows.leads.find(id);
  if (it == rows.leads.end() || it->second.tenant != tenant) {
    return MakeError(ErrorCode::kNotFound, "lead " + std::to_string(id) + " not found");
  }
  return it->second;
}

db::Lead UpsertLead(MemoryRows& rows, const db::LeadUpsert& u) {
  auto by_phone = FindLeadBy(rows, &db::Lead::phone, u.tenant, u.phone);
  auto by_email = FindLeadBy(rows, &db::Lead::email, u.tenant, u.email);
  auto by_session = FindLeadBy(rows, &db::Lead::session, u.tenant, u.session);
  std::optional<db::Lead> primary = by_phone ? by_phone : by_email ? by_email : by_session;
  if (!primary) {
    db::Lead lead;
    lead.id = ++rows.last_id.leads;
    lead.tenant = u.tenant;
    lead.session = u.session;
    lead.name = u.name;
    lead.phone = u.phone;
    lead.email = u.email;
    lead.channel = u.channel;
    lead.status = "new";
    lead.tags = u.tags;  // as given, like the SQL insert
    lead.value_estimate_minor = u.value_estimate_minor.value_or(0);
    lead.currency = u.currency;
    lead.handoff = u.handoff.value_or(false);
    lead.created_at = lead.last_seen = Stored(u.at);
    rows.leads[lead.id] = lead;
    LinkSession(rows, u.tenant, u.session, lead.id);
    return lead;
  }
  db::Lead lead = *primary;
  for (const auto* other : {&by_email, &by_session}) {
    if (!*other || (*other)->id == lead.id) continue;
    const db::Lead& o = **other;
    if (!o.phone.empty() || !o.email.empty()) continue;
    FoldAnonymous(rows, o, lead);
  }
  if (!u.session.empty()) lead.session = u.session;
  if (!u.name.empty()) lead.name = u.name;
  if (!u.phone.empty()) lead.phone = u.phone;
  if (!u.email.empty()) lead.email = u.email;
  if (!u.channel.empty()) lead.channel = u.channel;
  AddTags(lead.tags, u.tags);
  if (u.value_estimate_minor) lead.value_estimate_minor = *u.value_estimate_minor;
  if (!u.currency.empty()) lead.currency = u.currency;
  if (u.handoff) lead.handoff = *u.handoff;
  lead.last_seen = std::max(lead.last_seen, u.at);
  rows.leads[lead.id] = StoredLead(lead);
  LinkSession(rows, u.tenant, u.session, lead.id);
  // As the SQL store: the merged lead as computed, not read back.
  return lead;
}

void InsertEvent(MemoryRows& rows, db::Event event) {
  event.id = ++rows.last_id.events;
  event.at = Stored(event.at);
  rows.events.push_back(std::move(event));
}

void InsertMessage(MemoryRows& rows, db::Message message) {
  message.id = ++rows.last_id.messages;
  message.at = Stored(message.at);
  rows.messages.push_back(std::move(message));
}

core::Result<std::optional<int64_t>> InsertOrder(MemoryRows& rows, db::Order order, bool skip_existing) {
  if (order.lead_id) {
    if (auto found = LoadLead(rows, order.tenant, *order.lead_id); !found.ok()) return found.error();
  }
  bool taken = std::any_of(rows.orders.begin(), rows.orders.end(), [&](const db::Order& o) {
    return o.tenant == order.tenant && o.order_id == order.order_id;
  });
  if (taken) {
    if (skip_existing) return std::optional<int64_t>();
    return MakeError(ErrorCode::kConflict, "order " + order.order_id + " exists", "That record already exists.");
  }
  order.id = ++rows.last_id.orders;
  order.at = Stored(order.at);
  rows.orders.push_back(order);
  return std::optional<int64_t>(order.id);
}

}  // namespace fakes
