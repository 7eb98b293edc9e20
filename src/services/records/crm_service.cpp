#include "services/records/crm_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace services {

namespace {

using core::ErrorCode;
using core::MakeError;
using nlohmann::json;

core::Error Invalid(const std::string& message) { return MakeError(ErrorCode::kInvalidArgument, message); }

LeadView ToView(const db::Lead& l) {
  return LeadView{l.id,       l.session, l.name,       l.phone,    l.email,
                  l.channel,  l.status,  l.tags,       l.notes,    l.value_estimate_minor,
                  l.currency, l.handoff, l.created_at, l.last_seen};
}

core::Result<LeadView> ToView(const core::Result<db::Lead>& lead) {
  if (!lead.ok()) return lead.error();
  return ToView(*lead);
}

db::LeadSort ToDb(LeadSort sort) {
  switch (sort) {
    case LeadSort::kLastSeenDesc: return db::LeadSort::kLastSeenDesc;
    case LeadSort::kCreatedDesc: return db::LeadSort::kCreatedDesc;
    case LeadSort::kCreatedAsc: return db::LeadSort::kCreatedAsc;
    case LeadSort::kNameAsc: return db::LeadSort::kNameAsc;
    case LeadSort::kValueDesc: return db::LeadSort::kValueDesc;
  }
  return db::LeadSort::kLastSeenDesc;
}

TranscriptTurn ToTurn(const db::Message& m) {
  return TranscriptTurn{m.at, m.session, m.role, m.text, m.intent, m.confidence, m.facts, m.id};
}

OrderView ToView(const db::Order& o) {
  return OrderView{o.id, o.order_id, o.session, o.lead_id, o.fulfilment, o.total_minor, o.currency, o.lines, o.at};
}

}  // namespace

CrmService::CrmService(db::RecordSink& sink, db::LeadStore& leads, db::OrderStore& orders, db::AuditStore& audit,
                       SessionStore& sessions, const core::Clock& clock, CrmOptions options)
    : sink_(sink),
      leads_(leads),
      orders_(orders),
      audit_(audit),
      sessions_(sessions),
      clock_(clock),
      options_(options) {}

core::Status CrmService::Record(const CompletedTurn& done) {
  return sink_.Enqueue(BuildTurnRecords(done, options_.records));
}

core::Result<LeadList> CrmService::ListLeads(const core::TenantKey& tenant, const LeadListQuery& query) {
  if (!query.status.empty() && !IsLeadStatus(query.status)) {
    return Invalid("status must be new, active, won or lost.");
  }
  db::LeadQuery q;
  q.tenant = tenant.str();
  q.search = query.search;
  q.status = query.status;
  q.channel = query.channel;
  q.sort = ToDb(query.sort);
  q.limit = query.limit;
  q.offset = query.offset;
  auto page = leads_.ListLeads(q);
  if (!page.ok()) return page.error();
  LeadList list;
  list.total = page->total;
  for (const db::Lead& l : page->leads) list.leads.push_back(ToView(l));
  return list;
}

core::Result<LeadView> CrmService::GetLead(const core::TenantKey& tenant, int64_t lead_id) {
  return ToView(leads_.GetLead(tenant.str(), lead_id));
}

core::Result<LeadView> CrmService::UpdateLead(const core::TenantKey& tenant, int64_t lead_id, const LeadEdit& edit,
                                              const std::string& actor) {
  db::LeadPatch clean{edit.status, edit.tags, edit.notes, edit.handoff};
  if (clean.status && !IsLeadStatus(*clean.status)) return Invalid("status must be new, active, won or lost.");
  if (clean.tags) {
    std::vector<std::string> tags;
    for (const auto& raw : *clean.tags) {
      std::string tag = CleanTag(raw, raw.size());
      if (tag.size() > options_.max_tag_bytes) {
        return Invalid("a tag may have at most " + std::to_string(options_.max_tag_bytes) + " characters.");
      }
      if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    }
    if (tags.size() > options_.max_tags) {
      return Invalid("a lead may have at most " + std::to_string(options_.max_tags) + " tags.");
    }
    clean.tags = std::move(tags);
  }
  if (clean.notes && clean.notes->size() > options_.max_notes_bytes) {
    return Invalid("notes may have at most " + std::to_string(options_.max_notes_bytes) + " characters.");
  }

  auto before = leads_.GetLead(tenant.str(), lead_id);
  if (!before.ok()) return before.error();
  json changed = json::object();
  if (clean.status && *clean.status != before->status) {
    changed["status"] = {{"from", before->status}, {"to", *clean.status}};
  }
  if (clean.tags && *clean.tags != before->tags) changed["tags"] = {{"from", before->tags}, {"to", *clean.tags}};
  if (clean.notes && *clean.notes != before->notes) changed["notes"] = {{"bytes", clean.notes->size()}};
  if (clean.handoff && *clean.handoff != before->handoff) changed["handoff"] = *clean.handoff;
  if (changed.empty()) return ToView(*before);

  auto after = leads_.UpdateLead(tenant.str(), lead_id, clean);
  if (!after.ok()) return after.error();
  if (changed.contains("handoff")) {
    if (auto st = ApplySessionHandoff(tenant, after->session, *clean.handoff); !st.ok()) return st.error();
  }
  auto detail = json{{"changed", changed}}.dump(-1, ' ', false, json::error_handler_t::replace);
  if (auto st = Audit(tenant, actor, "lead.update", lead_id, std::move(detail)); !st.ok()) return st.error();
  return ToView(*after);
}

core::Result<LeadView> CrmService::SetHandoff(const core::TenantKey& tenant, int64_t lead_id, bool on,
                                              const std::string& actor) {
  db::LeadPatch patch;
  patch.handoff = on;
  auto after = leads_.UpdateLead(tenant.str(), lead_id, patch);
  if (!after.ok()) return after.error();
  if (auto st = ApplySessionHandoff(tenant, after->session, on); !st.ok()) return st.error();
  auto detail = json{{"handoff", on}, {"session", after->session}}.dump();
  if (auto st = Audit(tenant, actor, "lead.handoff", lead_id, std::move(detail)); !st.ok()) return st.error();
  return ToView(*after);
}

core::Status CrmService::Audit(const core::TenantKey& tenant, const std::string& actor, std::string action,
                               int64_t lead_id, std::string detail) {
  db::AuditEntry audit;
  audit.tenant = tenant.str();
  audit.user = actor;
  audit.at = clock_.Now();
  audit.action = std::move(action);
  audit.target = "lead:" + std::to_string(lead_id);
  audit.detail = std::move(detail);
  return audit_.AppendAudit(audit);
}

core::Status CrmService::ApplySessionHandoff(const core::TenantKey& tenant, const std::string& session_id, bool on) {
  if (session_id.empty()) return core::Status::Ok();
  auto found = sessions_.Get(tenant, session_id);
  if (!found.ok()) return found.error();
  std::optional<Session> session = std::move(found).value();
  if (!session) {
    if (!on) return core::Status::Ok();  // nothing to release: a new session starts with the bot
    // Staff took over a conversation whose session has gone: a fresh paused
    // session under the same id keeps the bot quiet when the shopper writes.
    session.emplace();
    session->id = session_id;
    session->tenant = tenant.str();
    session->created = clock_.Now();
    session->last_seen = session->created;
  }
  if (session->handoff == on) return core::Status::Ok();
  session->handoff = on;
  sessions_.Put(*session);
  return core::Status::Ok();
}

core::Result<std::vector<TranscriptTurn>> CrmService::Transcript(const core::TenantKey& tenant, int64_t lead_id) {
  auto messages = leads_.LeadTranscript(tenant.str(), lead_id);
  if (!messages.ok()) return messages.error();
  std::vector<TranscriptTurn> turns;
  turns.reserve(messages->size());
  for (const db::Message& m : *messages) turns.push_back(ToTurn(m));
  return turns;
}

core::Result<std::vector<OrderView>> CrmService::Orders(const core::TenantKey& tenant,
                                                        std::chrono::system_clock::time_point from,
                                                        std::chrono::system_clock::time_point to) {
  if (to < from) return Invalid("the period must not end before it starts.");
  auto orders = orders_.QueryOrders(tenant.str(), from, to);
  if (!orders.ok()) return orders.error();
  std::vector<OrderView> out;
  out.reserve(orders->size());
  for (const db::Order& o : *orders) out.push_back(ToView(o));
  return out;
}

}  // namespace services
