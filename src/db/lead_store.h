// LeadStore: the shop's leads (one per shopper, as far as contact details
// tell) and the transcript of every conversation.
//
// Tenant scope: every call names its tenant and never reads or changes
// another tenant's rows; a lead id of another tenant is kNotFound.
//
// Lead merge (UpsertLead, and RecordBatchStore::WriteBatch for each lead of
// a batch): the lead is found by (tenant, phone), else (tenant, email), else
// (tenant, session) -- the session a lead was last seen in -- taking the
// lowest id when several match; empty keys never match. Not found: a new
// lead with status "new", the upsert's tags as given and
// created_at = last_seen = at. Found: when the email or session match is
// another lead that is anonymous (no phone, no email), it is folded into the
// found one and removed: its name fills an empty name, its tags are added,
// its notes appended (after a newline), the higher value estimate kept, its
// currency fills an empty one, handoff is or-ed, the earlier created_at kept,
// and its orders and sessions move to the found lead. Then the upsert's
// non-empty fields (session, name, phone, email, channel, currency) replace
// the lead's, its tags are added (without duplicates or empty tags), a set
// value estimate or handoff replaces the lead's, and last_seen becomes the
// later of last_seen and `at`. The session is linked to the lead (a session
// belongs to the lead it was last upserted to), so LeadTranscript covers
// every session of the lead, including those of folded leads.
//
// Times are stored with millisecond precision. Errors: kNotFound,
// kInvalidArgument (bad status), kUnavailable (database down or a driver
// error; retryable when the driver knows it is transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class LeadStore {
 public:
  virtual ~LeadStore() = default;

  // Creates or merges the lead of `upsert` (see the file comment) in one
  // transaction. Returns the lead after the change.
  virtual core::Result<Lead> UpsertLead(const LeadUpsert& upsert) = 0;

  // kNotFound for an id that is not a lead of `tenant`.
  virtual core::Result<Lead> GetLead(const std::string& tenant, int64_t id) = 0;

  // The leads of query.tenant matching every filter: `search` a
  // case-insensitive (ASCII) substring of name, phone, email or notes, with
  // % and _ taken literally; `status` and `channel` exact (empty: any).
  // Ordered by query.sort, ties broken by id (the same direction as the
  // sort, ascending for name). limit is clamped to 1..500 and a negative
  // offset counts as 0; `total` counts the matches before limit and offset.
  // Every value is a bound parameter, never SQL.
  virtual core::Result<LeadPage> ListLeads(const LeadQuery& query) = 0;

  // Applies `patch`: status replaced (kInvalidArgument unless IsLeadStatus,
  // checked first), tags replaced (duplicates and empty tags dropped, order
  // kept), notes and handoff replaced. kNotFound for an id that is not a
  // lead of `tenant`. Returns the lead after the change.
  virtual core::Result<Lead> UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) = 0;

  // Appends transcript turns in one transaction (all or none). An empty
  // batch is Ok and writes nothing.
  virtual core::Status AppendMessages(const std::vector<Message>& batch) = 0;

  // One session's turns of `tenant`, ordered by time, then insertion.
  // Empty (not an error) for an unknown session.
  virtual core::Result<std::vector<Message>> Transcript(const std::string& tenant, const std::string& session) = 0;

  // Every conversation of one lead, ordered by time, then insertion: the
  // turns of every session linked to the lead, including the sessions of
  // anonymous leads folded into it. kNotFound for an id that is not a lead
  // of `tenant`.
  virtual core::Result<std::vector<Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) = 0;
};

}  // namespace db
