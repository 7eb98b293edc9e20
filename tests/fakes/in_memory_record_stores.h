// In-memory EventStore, LeadStore, OrderStore and RecordBatchStore over
// shared MemoryTables (see in_memory_tables.h): fakes faithful to the
// contracts in src/db (tenant scope, the lead merge, kNotFound/kConflict,
// ordering, all-or-nothing batches). Thread-safe. The tables must outlive
// the stores. Usually reached through InMemoryDatabase.
#pragma once

#include "db/event_store.h"
#include "db/lead_store.h"
#include "db/order_store.h"
#include "db/record_batch_store.h"
#include "fakes/in_memory_tables.h"

namespace fakes {

class InMemoryEventStore final : public db::EventStore {
 public:
  explicit InMemoryEventStore(MemoryTables& tables) : tables_(tables) {}
  core::Status AppendEvents(const std::vector<db::Event>& batch) override;
  core::Result<std::vector<db::Event>> QueryEvents(const db::EventQuery& query) override;

 private:
  MemoryTables& tables_;
};

class InMemoryLeadStore final : public db::LeadStore {
 public:
  explicit InMemoryLeadStore(MemoryTables& tables) : tables_(tables) {}
  core::Result<db::Lead> UpsertLead(const db::LeadUpsert& upsert) override;
  core::Result<db::Lead> GetLead(const std::string& tenant, int64_t id) override;
  core::Result<db::LeadPage> ListLeads(const db::LeadQuery& query) override;
  core::Result<db::Lead> UpdateLead(const std::string& tenant, int64_t id, const db::LeadPatch& patch) override;
  core::Status AppendMessages(const std::vector<db::Message>& batch) override;
  core::Result<std::vector<db::Message>> Transcript(const std::string& tenant, const std::string& session) override;
  core::Result<std::vector<db::Message>> LeadTranscript(const std::string& tenant, int64_t lead_id) override;

 private:
  MemoryTables& tables_;
};

class InMemoryOrderStore final : public db::OrderStore {
 public:
  explicit InMemoryOrderStore(MemoryTables& tables) : tables_(tables) {}
  core::Result<int64_t> AddOrder(const db::Order& order) override;
  core::Result<std::vector<db::Order>> QueryOrders(const std::string& tenant, db::Time from, db::Time to) override;

 private:
  MemoryTables& tables_;
};

class InMemoryRecordBatchStore final : public db::RecordBatchStore {
 public:
  explicit InMemoryRecordBatchStore(MemoryTables& tables) : tables_(tables) {}
  core::Status WriteBatch(const db::RecordBatch& batch, std::string_view stream, int64_t checkpoint) override;
  core::Result<int64_t> ReadCheckpoint(std::string_view stream) override;

 private:
  MemoryTables& tables_;
};

}  // namespace fakes
