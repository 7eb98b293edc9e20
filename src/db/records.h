// Records of the operational store: what a conversation leaves behind
// (events, leads, transcript messages, orders) and who may administer a
// tenant (users, API tokens, audit log). Plain values; every tenant-scoped
// record names its tenant. Times are UTC and stored with millisecond
// precision.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db {

using Time = std::chrono::system_clock::time_point;

// One analytics event: kind "turn" for a chat turn, or a business event
// ("lead_captured", "checkout", "handoff").
struct Event {
  int64_t id = 0;  // assigned by the store
  std::string tenant;
  std::string session;
  std::string channel;  // "web", "whatsapp", ...
  std::string kind;
  Time at{};
  std::string intent;
  double confidence = 0;
  bool resolved = false;
  bool clarifier = false;
  bool fallback = false;  // unanswered
  int64_t items = 0;      // items shown
  int64_t cart_value_minor = 0;
  std::string currency;
  int64_t latency_us = 0;
  std::string query;  // the shopper's text (for top unanswered / searched)
  bool zero_result = false;
  std::string payload = "{}";  // JSON object as text
};

// Events with from <= at < to, of one channel or (empty) all channels.
struct EventQuery {
  std::string tenant;
  Time from{};
  Time to = Time::max();
  std::string channel;
};

// "new", "active", "won", "lost".
bool IsLeadStatus(std::string_view status);

struct Lead {
  int64_t id = 0;
  std::string tenant;
  std::string session;  // the latest session seen for this lead
  std::string name;
  std::string phone;
  std::string email;
  std::string channel;
  std::string status = "new";
  std::vector<std::string> tags;
  std::string notes;
  int64_t value_estimate_minor = 0;
  std::string currency;
  bool handoff = false;
  Time created_at{};
  Time last_seen{};
};

// What one message revealed about a shopper. Empty strings and nullopt mean
// "not known from this message" and never erase stored values.
struct LeadUpsert {
  std::string tenant;
  std::string session;
  std::string name;
  std::string phone;  // normalised by the caller (e.g. E.164)
  std::string email;  // lower-cased by the caller
  std::string channel;
  std::vector<std::string> tags;  // added to the lead's tags
  std::optional<int64_t> value_estimate_minor;
  std::string currency;
  std::optional<bool> handoff;
  Time at{};
};

// Sort orders a lead list may use (the only ones: an allow-list).
enum class LeadSort { kLastSeenDesc, kCreatedDesc, kCreatedAsc, kNameAsc, kValueDesc };
// "last_seen_desc", "created_desc", "created_asc", "name_asc", "value_desc".
std::optional<LeadSort> ParseLeadSort(std::string_view name);

struct LeadQuery {
  std::string tenant;
  std::string search;   // case-insensitive substring of name, phone, email, notes
  std::string status;   // exact status, empty = any
  std::string channel;  // exact channel, empty = any
  LeadSort sort = LeadSort::kLastSeenDesc;
  int64_t limit = 50;  // clamped to 1..500
  int64_t offset = 0;
};

struct LeadPage {
  std::vector<Lead> leads;
  int64_t total = 0;  // matches before limit/offset
};

// Fields an owner may change on a lead; nullopt leaves a field as it is.
struct LeadPatch {
  std::optional<std::string> status;  // must satisfy IsLeadStatus
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> notes;
  std::optional<bool> handoff;
};

// One transcript turn.
struct Message {
  int64_t id = 0;
  std::string tenant;
  std::string session;
  Time at{};
  std::string role;  // "user" or "bot"
  std::string text;
  std::string intent;
  double confidence = 0;
  std::string facts = "[]";  // grounding facts, JSON text
};

struct Order {
  int64_t id = 0;
  std::string tenant;
  std::string order_id;  // unique per tenant
  std::string session;
  std::optional<int64_t> lead_id;
  std::string fulfilment;  // "delivery", "pickup", ...
  int64_t total_minor = 0;
  std::string currency;
  std::string lines = "[]";  // JSON text
  Time at{};
};

// "owner" and "staff" belong to a tenant; "admin" is a platform admin
// (tenant empty).
bool IsUserRole(std::string_view role);

struct User {
  int64_t id = 0;
  std::string email;  // lower-cased by the caller; unique
  std::string password_hash;
  std::string role;
  std::optional<std::string> tenant;
  int64_t failed_logins = 0;
  std::optional<Time> locked_until;
  Time created_at{};
};

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string token_hash;  // never the token itself
  std::string name;
  Time created_at{};
  std::optional<Time> last_used;
  bool revoked = false;
};

// A signed-in dashboard session. Only hashes are stored: a copy of the
// database does not let anyone use a live session.
struct AdminSession {
  std::string token_hash;  // hash of the aiv7_session cookie value; unique
  int64_t user_id = 0;
  std::string csrf_hash;  // hash of the session's CSRF token
  Time created_at{};
  Time expires_at{};  // absolute end, whatever the activity
  Time last_seen{};   // for the idle timeout
};

struct AuditEntry {
  int64_t id = 0;
  std::string tenant;
  std::string user;  // who (email or "system")
  Time at{};
  std::string action;  // "catalog.replace", "lead.update", ...
  std::string target;
  std::string detail = "{}";  // JSON text
};

// Everything one chat turn (or a few) leaves behind, written together. The
// write queue (db::RecordQueue) commits batches of these.
struct RecordBatch {
  std::vector<Event> events;
  std::vector<Message> messages;
  std::vector<LeadUpsert> leads;
  std::vector<Order> orders;

  bool empty() const { return events.empty() && messages.empty() && leads.empty() && orders.empty(); }
};

}  // namespace db
