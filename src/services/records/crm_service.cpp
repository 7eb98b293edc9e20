#include "services/records/crm_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace services {

namespace {

using core::ErrorCode;
using core::MakeError;
using nlohmann::json;

core::Error Invalid(const std::string& message) { return MakeError(ErrorCode::kInvalidArgument, message); }

}  // namespace

CrmService::CrmService(db::RecordSink& sink, db::OperationalStore& store, SessionStore& sessions,
                       const core::Clock& clock, CrmOptions options)
    : sink_(sink), store_(store), sessions_(sessions), clock_(clock), options_(options) {}

core::Status CrmService::Record(const retrieval::Tenant& tenant, const ChatInput& input, const ChatTurn& turn,
                                const Session& session) {
  return sink_.Enqueue(BuildTurnRecords(tenant, input, turn, session, options_.records));
}

core::Result<db::LeadPage> CrmService::ListLeads(const core::TenantKey& tenant, db::LeadQuery query) {
  query.tenant = tenant.str();
  if (!query.status.empty() && !db::IsLeadStatus(query.status)) {
    return Invalid("status must be new, active, won or lost.");
  }
  return store_.ListLeads(query);
}

core::Result<db::Lead> CrmService::GetLead(const core::TenantKey& tenant, int64_t lead_id) {
  return store_.GetLead(tenant.str(), lead_id);
}

core::Result<db::Lead> CrmService::UpdateLead(const core::TenantKey& tenant, int64_t lead_id,
                                              const db::LeadPatch& patch, const std::string& actor) {
  db::LeadPatch clean = patch;
  if (clean.status && !db::IsLeadStatus(*clean.status)) return Invalid("status must be new, active, won or lost.");
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

  auto before = store_.GetLead(tenant.str(), lead_id);
  if (!before.ok()) return before.error();
  json changed = json::object();
  if (clean.status && *clean.status != before->status) {
    changed["status"] = {{"from", before->status}, {"to", *clean.status}};
  }
  if (clean.tags && *clean.tags != before->tags) changed["tags"] = {{"from", before->tags}, {"to", *clean.tags}};
  if (clean.notes && *clean.notes != before->notes) changed["notes"] = {{"bytes", clean.notes->size()}};
  if (clean.handoff && *clean.handoff != before->handoff) changed["handoff"] = *clean.handoff;
  if (changed.empty()) return before;

  auto after = store_.UpdateLead(tenant.str(), lead_id, clean);
  if (!after.ok()) return after.error();
  if (changed.contains("handoff")) ApplySessionHandoff(tenant, after->session, *clean.handoff);
  db::AuditEntry audit;
  audit.tenant = tenant.str();
  audit.user = actor;
  audit.at = clock_.Now();
  audit.action = "lead.update";
  audit.target = "lead:" + std::to_string(lead_id);
  audit.detail = json{{"changed", changed}}.dump(-1, ' ', false, json::error_handler_t::replace);
  if (auto st = store_.AppendAudit(audit); !st.ok()) return st.error();
  return after;
}

core::Result<db::Lead> CrmService::SetHandoff(const core::TenantKey& tenant, int64_t lead_id, bool on,
                                              const std::string& actor) {
  db::LeadPatch patch;
  patch.handoff = on;
  auto after = store_.UpdateLead(tenant.str(), lead_id, patch);
  if (!after.ok()) return after.error();
  ApplySessionHandoff(tenant, after->session, on);
  db::AuditEntry audit;
  audit.tenant = tenant.str();
  audit.user = actor;
  audit.at = clock_.Now();
  audit.action = "lead.handoff";
  audit.target = "lead:" + std::to_string(lead_id);
  audit.detail = json{{"handoff", on}, {"session", after->session}}.dump();
  if (auto st = store_.AppendAudit(audit); !st.ok()) return st.error();
  return after;
}

void CrmService::ApplySessionHandoff(const core::TenantKey& tenant, const std::string& session_id, bool on) {
  if (session_id.empty()) return;
  auto session = sessions_.Get(tenant, session_id);
  if (!session) {
    if (!on) return;  // nothing to release: a new session starts with the bot
    // Staff took over a conversation whose session has gone: a fresh paused
    // session under the same id keeps the bot quiet when the shopper writes.
    session.emplace();
    session->id = session_id;
    session->tenant = tenant.str();
    session->created = clock_.Now();
    session->last_seen = session->created;
  }
  if (session->handoff == on) return;
  session->handoff = on;
  sessions_.Put(*session);
}

core::Result<std::vector<db::Message>> CrmService::Transcript(const core::TenantKey& tenant, int64_t lead_id) {
  return store_.LeadTranscript(tenant.str(), lead_id);
}

core::Result<std::vector<db::Order>> CrmService::Orders(const core::TenantKey& tenant, db::Time from, db::Time to) {
  if (to < from) return Invalid("the period must not end before it starts.");
  return store_.QueryOrders(tenant.str(), from, to);
}

}  // namespace services
