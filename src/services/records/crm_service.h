// CrmService: the shop's customer records.
//
// Write side: a TurnSink. Every chat turn becomes one db::RecordBatch
// (events, transcript messages, the lead, an order; see crm_records.h)
// handed to the RecordSink; a refusal refuses the turn.
//
// Read/update side, for the admin API (routes check Principal access before
// calling): leads, transcripts, orders, and the human hand-off switch, as
// the service-level views of crm_views.h. All calls are tenant-scoped: a
// lead id of another tenant is kNotFound. Storage: leads and transcripts in
// a db::LeadStore, orders in a db::OrderStore, the owner's edits audited in
// a db::AuditStore.
//
// Hand-off: Session::handoff pauses the bot for one session (see
// message_handler.h). SetHandoff sets it on the lead (database) and on the
// lead's latest session (SessionStore) together, so staff can take over a
// conversation or hand it back to the bot. The session is the truth for the
// bot; the lead flag is what the dashboard shows. A turn recorded while staff
// flip the switch can leave the lead's flag one turn behind (the records of
// a turn are written after it, by the queue); the session is not affected.
//
// Errors: kInvalidArgument (bad status, tags or notes; from > to),
// kNotFound, kUnavailable (database or record queue down; retryable), as
// returned by the store or sink.
// Thread-safe: no state of its own beyond the injected, thread-safe parts.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "db/audit_store.h"
#include "db/lead_store.h"
#include "db/order_store.h"
#include "db/record_sink.h"
#include "services/conversation/message_handler.h"
#include "services/records/crm_records.h"
#include "services/records/crm_views.h"
#include "services/session/session_store.h"

namespace services {

struct CrmOptions {
  TurnRecordOptions records;
  size_t max_tags = 20;  // per lead, on an owner's edit
  size_t max_tag_bytes = 40;
  size_t max_notes_bytes = 4000;
};

class CrmService final : public TurnSink {
 public:
  // All references must outlive the service.
  CrmService(db::RecordSink& sink, db::LeadStore& leads, db::OrderStore& orders, db::AuditStore& audit,
             SessionStore& sessions, const core::Clock& clock, CrmOptions options = {});

  // TurnSink: builds the turn's batch and enqueues it. Errors: the sink's
  // (kUnavailable when the queue cannot accept it).
  core::Status Record(const CompletedTurn& done) override;

  // Leads of `tenant`. kInvalidArgument for a status that is not one of
  // IsLeadStatus.
  core::Result<LeadList> ListLeads(const core::TenantKey& tenant, const LeadListQuery& query);
  core::Result<LeadView> GetLead(const core::TenantKey& tenant, int64_t lead_id);

  // Applies an owner's edit and writes an audit entry "lead.update" (actor,
  // changed fields; notes by length only). Status must be new, active, won
  // or lost; tags are trimmed, lower-cased and deduplicated, at most
  // max_tags of at most max_tag_bytes each; notes at most max_notes_bytes.
  // A handoff change also updates the session, as SetHandoff does. A patch
  // that changes nothing writes no audit entry. Returns the lead after.
  core::Result<LeadView> UpdateLead(const core::TenantKey& tenant, int64_t lead_id, const LeadEdit& edit,
                                    const std::string& actor);

  // on = true: staff take the conversation over (the bot stays quiet);
  // false: released, the next shopper message is answered by the bot.
  // Updates the lead and its latest session (creating a paused session when
  // staff take over one that has expired), and writes an audit entry
  // "lead.handoff". Returns the lead after.
  core::Result<LeadView> SetHandoff(const core::TenantKey& tenant, int64_t lead_id, bool on, const std::string& actor);

  // Every conversation of the lead in time order, including the sessions of
  // anonymous leads merged into it. kNotFound for another tenant's lead.
  core::Result<std::vector<TranscriptTurn>> Transcript(const core::TenantKey& tenant, int64_t lead_id);

  // Orders with from <= at < to, oldest first. kInvalidArgument when to < from.
  core::Result<std::vector<OrderView>> Orders(const core::TenantKey& tenant, std::chrono::system_clock::time_point from,
                                              std::chrono::system_clock::time_point to);

 private:
  // kUnavailable when the session store cannot be read (the caller retries;
  // setting the lead's flag again is harmless).
  core::Status ApplySessionHandoff(const core::TenantKey& tenant, const std::string& session_id, bool on);
  core::Status Audit(const core::TenantKey& tenant, const std::string& actor, std::string action, int64_t lead_id,
                     std::string detail);

  db::RecordSink& sink_;
  db::LeadStore& leads_;
  db::OrderStore& orders_;
  db::AuditStore& audit_;
  SessionStore& sessions_;
  const core::Clock& clock_;
  CrmOptions options_;
};

}  // namespace services
