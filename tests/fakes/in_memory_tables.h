// MemoryTables: the rows of an in-memory operational database, shared by
// the in-memory role stores (in_memory_record_stores.h,
// in_memory_account_stores.h) the way the SQL stores share one database,
// so cross-role effects hold: a lead merge moves orders and sessions, an
// order may only name a lead of its tenant, an admin session needs a user,
// a batch write is all or nothing.
//
// Faithful to the SQL stores (the contract suite in tests/unit/db runs the
// same cases against both): ids per table from 1, never reused; times kept
// with millisecond precision; orders by time then id.
//
// Every access holds `mu`. The functions below are the steps the stores
// share. REQUIRES: `mu` held by the caller.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace fakes {

// Copyable, so a batch write can restore it when it fails half-way.
struct MemoryRows {
  std::vector<db::Event> events;
  std::map<int64_t, db::Lead> leads;
  std::vector<db::Message> messages;
  // (tenant, session) -> the lead the session was last upserted to.
  std::map<std::pair<std::string, std::string>, int64_t> lead_sessions;
  std::vector<db::Order> orders;
  std::map<int64_t, db::User> users;
  std::map<int64_t, db::ApiToken> tokens;
  std::map<std::string, db::AdminSession> admin_sessions;  // by token hash
  std::vector<db::AuditEntry> audit;
  std::map<std::string, int64_t, std::less<>> checkpoints;  // by stream
  struct {
    int64_t events = 0, leads = 0, messages = 0, orders = 0, users = 0, tokens = 0, audit = 0;
  } last_id;
};

struct MemoryTables {
  std::mutex mu;
  MemoryRows rows;
};

// Milliseconds since the epoch, as the SQL stores keep times.
int64_t ToMs(db::Time t);
// `t` as stored and read back: sub-millisecond part truncated.
db::Time Stored(db::Time t);
// An exclusive upper bound in ms; Time::max() is "no end".
int64_t UpperMs(db::Time t);

// ASCII lower case (as SQL LOWER on SQLite).
std::string AsciiLower(std::string s);

// The tenant's lead `id`; kNotFound when it has none.
core::Result<db::Lead> LoadLead(const MemoryRows& rows, const std::string& tenant, int64_t id);
// The merge of db::LeadStore::UpsertLead.
db::Lead UpsertLead(MemoryRows& rows, const db::LeadUpsert& upsert);
void InsertEvent(MemoryRows& rows, db::Event event);
void InsertMessage(MemoryRows& rows, db::Message message);
// kNotFound for a lead of another tenant; kConflict for an existing
// (tenant, order_id), or nullopt with `skip_existing`. Returns the id.
core::Result<std::optional<int64_t>> InsertOrder(MemoryRows& rows, db::Order order, bool skip_existing);

}  // namespace fakes
