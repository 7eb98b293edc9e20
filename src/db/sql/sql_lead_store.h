// SqlLeadStore: LeadStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include <cstdint>
#include <string>

#include "db/lead_store.h"
#include "db/sql/sql_connection.h"

namespace db {

namespace sql {
// Inside the caller's transaction (also used by the batch write):
// The merge of LeadStore::UpsertLead.
core::Result<Lead> UpsertLeadIn(SqlSession& s, const LeadUpsert& upsert);
// The tenant's lead `id`; kNotFound when it has none.
core::Result<Lead> LoadLead(SqlSession& s, const std::string& tenant, int64_t id);
// Inserts one transcript turn.
core::Status InsertMessage(SqlSession& s, const Message& m);
}  // namespace sql

class SqlLeadStore final : public LeadStore {
 public:
  // `connection` must outlive the store.
  explicit SqlLeadStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<Lead> UpsertLead(const LeadUpsert& upsert) override;
  core::Result<Lead> GetLead(const std::string& tenant, int64_t id) override;
  core::Result<LeadPage> ListLeads(const LeadQuery& query) override;
  core::Result<Lead> UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) override;
  core::Status AppendMessages(const std::vector<Message>& batch) override;
  core::Result<std::vector<Message>> Transcript(const std::string& tenant, const std::string& session) override;
  core::Result<std::vector<Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
