// InboxFeed: in-process change counters of the conversations, so a
// dashboard or a widget waiting for news (a long poll) learns cheaply that
// something changed and then reads the database once.
//
// Every change of a conversation -- a turn's records committed, a lead
// edited, staff taking over or replying -- calls Touch(tenant, session),
// which advances one process-wide counter and stamps the tenant and the
// session with it. A reader remembers the stamp it saw before it read, and
// waits until the stamp moves. Counters start at 1 each process start;
// a reader holding a stamp from an earlier process (higher than anything
// now) should be answered at once (see Changed).
//
// Memory is bounded: at most `max_sessions` session stamps are kept; when
// a session's stamp is forgotten, SessionStamp answers the tenant's stamp,
// which is never older (a waiter may wake for nothing, never miss a change).
//
// The decorators below touch the feed when they wrote; the container puts
// them in front of the real stores.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/lead_store.h"
#include "db/record_batch_store.h"

namespace services {

class InboxFeed {
 public:
  explicit InboxFeed(size_t max_sessions = 100'000) : max_sessions_(max_sessions) {}

  void Touch(std::string_view tenant, std::string_view session);

  // The tenant's latest stamp; 0 when nothing changed since start.
  int64_t TenantStamp(std::string_view tenant) const;
  // The session's latest stamp (or, once forgotten, the tenant's).
  int64_t SessionStamp(std::string_view tenant, std::string_view session) const;

  // True when `now` differs from `seen`: a change happened, or `seen` came
  // from an earlier process.
  static bool Changed(int64_t seen, int64_t now) { return seen != now; }

 private:
  static std::string SessionKey(std::string_view tenant, std::string_view session);

  const size_t max_sessions_;
  mutable std::mutex mu_;
  int64_t next_ = 0;
  std::unordered_map<std::string, int64_t> tenants_;
  std::unordered_map<std::string, int64_t> sessions_;
  std::deque<std::pair<std::string, int64_t>> order_;  // (key, stamp) in touch order, for forgetting
};

// The record write path (RecordQueue -> store) with the feed touched for
// every session of a committed batch.
class FeedingRecordBatchStore final : public db::RecordBatchStore {
 public:
  // Both must outlive this.
  FeedingRecordBatchStore(db::RecordBatchStore& inner, InboxFeed& feed) : inner_(inner), feed_(feed) {}
  core::Status WriteBatch(const db::RecordBatch& batch, std::string_view stream, int64_t checkpoint) override;
  core::Result<int64_t> ReadCheckpoint(std::string_view stream) override { return inner_.ReadCheckpoint(stream); }

 private:
  db::RecordBatchStore& inner_;
  InboxFeed& feed_;
};

// Leads and transcripts with the feed touched after every successful write
// (lead upsert or edit, appended messages).
class FeedingLeadStore final : public db::LeadStore {
 public:
  // Both must outlive this.
  FeedingLeadStore(db::LeadStore& inner, InboxFeed& feed) : inner_(inner), feed_(feed) {}
  core::Result<db::Lead> UpsertLead(const db::LeadUpsert& upsert) override;
  core::Result<db::Lead> GetLead(const std::string& tenant, int64_t id) override { return inner_.GetLead(tenant, id); }
  core::Result<db::LeadPage> ListLeads(const db::LeadQuery& query) override { return inner_.ListLeads(query); }
  core::Result<db::Lead> UpdateLead(const std::string& tenant, int64_t id, const db::LeadPatch& patch) override;
  core::Status AppendMessages(const std::vector<db::Message>& batch) override;
  core::Result<std::vector<db::Message>> Transcript(const std::string& tenant, const std::string& session) override {
    return inner_.Transcript(tenant, session);
  }
  core::Result<std::vector<db::Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) override {
    return inner_.LeadTranscript(tenant, lead_id);
  }

 private:
  db::LeadStore& inner_;
  InboxFeed& feed_;
};

}  // namespace services
