// CRM views: what CrmService shows of the shop's customer records (leads,
// their conversations, orders) and what an owner may ask of them, as plain
// values of the service layer. The admin API encodes these; storage types
// stay behind the service. Times are UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace services {

// "new", "active", "won", "lost".
bool IsLeadStatus(std::string_view status);

// The orders a lead list may be sorted in (an allow-list).
enum class LeadSort { kLastSeenDesc, kCreatedDesc, kCreatedAsc, kNameAsc, kValueDesc };
// "last_seen_desc", "created_desc", "created_asc", "name_asc", "value_desc";
// nullopt for anything else.
std::optional<LeadSort> ParseLeadSort(std::string_view name);

// Which of a tenant's leads to list.
struct LeadListQuery {
  std::string search;   // case-insensitive substring of name, phone, email or notes
  std::string status;   // exact status, empty = any
  std::string channel;  // exact channel, empty = any
  LeadSort sort = LeadSort::kLastSeenDesc;
  int64_t limit = 50;  // clamped to 1..500
  int64_t offset = 0;
};

struct LeadView {
  int64_t id = 0;
  std::string session;  // the latest session seen for this lead
  std::string name;
  std::string phone;
  std::string email;
  std::string channel;
  std::string status;
  std::vector<std::string> tags;
  std::string notes;
  int64_t value_estimate_minor = 0;
  std::string currency;
  bool handoff = false;  // staff have taken the conversation over
  std::chrono::system_clock::time_point created_at{};
  std::chrono::system_clock::time_point last_seen{};
};

struct LeadList {
  std::vector<LeadView> leads;
  int64_t total = 0;  // matches before limit and offset
};

// An owner's edit of a lead; nullopt leaves a field as it is.
struct LeadEdit {
  std::optional<std::string> status;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> notes;
  std::optional<bool> handoff;
};

// One turn of a conversation.
struct TranscriptTurn {
  std::chrono::system_clock::time_point at{};
  std::string session;
  std::string role;  // "user", "bot" or "staff" (a person of the shop)
  std::string text;
  // Bot turns: what the turn was understood as, and the grounding facts the
  // reply used (a JSON array, as text).
  std::string intent;
  double confidence = 0;
  std::string facts = "[]";
  int64_t id = 0;  // increases with every message stored (a cursor for "what is new")
};

struct OrderView {
  int64_t id = 0;
  std::string order_id;  // unique per tenant
  std::string session;
  std::optional<int64_t> lead_id;
  std::string fulfilment;  // "delivery", "collection", ...
  int64_t total_minor = 0;
  std::string currency;
  std::string lines = "[]";  // JSON array, as text
  std::chrono::system_clock::time_point at{};
};

}  // namespace services
