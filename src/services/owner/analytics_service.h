// AnalyticsService: the numbers an owner reads on the dashboard (KPIs, a
// daily series) and CSV exports, computed from the operational database's
// events (db::EventStore), orders (db::OrderStore) and leads
// (db::LeadStore, for the leads export). Definitions are in docs/analytics.md; the
// comments below are the contract.
//
// Ranges: every call covers [from, to) in UTC, of one channel or (empty) all
// channels. from < to and to - from <= options.max_span, else
// kInvalidArgument with a message an owner can read.
//
// Memory: events are read one UTC day at a time and folded into counters;
// per-session state (a few integers) and capped hash maps for the grouped
// lists are all that is kept, never the events themselves. The
// conversations export keeps one small row per session.
//
// Errors: kInvalidArgument (bad range), kPayloadTooLarge (an export would
// exceed options.max_export_rows: ask for a narrower range), and whatever
// the store returns (kUnavailable, retryable).
//
// Thread-safe: holds no mutable state; concurrent calls are fine (the stores
// are thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/tenant_key.h"
#include "db/event_store.h"
#include "db/lead_store.h"
#include "db/order_store.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {
struct Tenant;
}  // namespace retrieval

namespace services {

struct AnalyticsOptions {
  std::chrono::hours max_span{366 * 24};  // longest range a call may cover
  int64_t max_export_rows = 100'000;      // more rows -> kPayloadTooLarge
  size_t top_n = 20;                      // length of every "top" list
  // Distinct groups tracked per grouped list (unanswered, zero-result,
  // searched SKUs). Once full, new groups are not tracked (counted in
  // `untracked`), so memory stays bounded on a hostile or huge range.
  size_t max_groups = 5'000;
};

// Fraction in [0, 1]; 0 when the denominator is 0.
struct IntentCount {
  std::string intent;  // "" is reported as "unknown"
  int64_t count = 0;
  double share = 0;  // count / turns
};

// Shopper questions grouped by their normalised form (see NormaliseQuery).
struct QueryGroup {
  std::string key;      // the normalised form, e.g. "deliver #"
  int64_t count = 0;    // turns in the group
  std::string example;  // the first shopper text seen in the group, as typed (at most 200 bytes)
};

struct ProductCount {
  std::string sku;
  std::string name;   // from the namer, or the SKU when there is none / it returns ""
  int64_t count = 0;  // product-intent turns that showed this SKU
};

struct DayCount {
  std::string date;  // "2026-05-01" (UTC)
  int64_t turns = 0;
  int64_t conversations = 0;  // distinct sessions with a turn that UTC day
  int64_t leads = 0;          // "lead_captured" events that UTC day
  int64_t fallback_turns = 0;  // turns that day the assistant could not answer
  int64_t handed_off = 0;      // distinct sessions handed to a person that day
  int64_t orders = 0;          // orders placed that day, and their total
  int64_t order_value_minor = 0;
  int64_t latency_p50_us = 0;  // of that day's turns (0 without turns)
  int64_t latency_p95_us = 0;
};

// Latency percentiles are nearest-rank over turn events, in microseconds;
// exact below 4096 us, otherwise within 0.025% (a log-linear histogram).
struct KpiReport {
  std::string tenant;
  std::chrono::system_clock::time_point from{};
  std::chrono::system_clock::time_point to{};
  std::string channel;  // "" = all channels

  int64_t conversations = 0;  // distinct sessions with at least one turn
  int64_t turns = 0;
  int64_t handed_off_conversations = 0;  // with a "handoff" event or a human_handoff turn
  double containment_rate = 0;           // (conversations - handed_off) / conversations
  int64_t resolved_turns = 0;
  double resolution_rate = 0;  // resolved_turns / turns
  int64_t clarifier_turns = 0;
  double clarifier_rate = 0;  // clarifier_turns / turns
  int64_t fallback_turns = 0;
  double fallback_rate = 0;  // fallback_turns / turns

  std::vector<IntentCount> top_intents;    // by count desc, then name
  std::vector<QueryGroup> top_unanswered;  // fallback turns, by count desc, then key
  int64_t unanswered_untracked = 0;        // fallback turns in groups past max_groups
  std::vector<ProductCount> top_products;  // by count desc, then SKU
  int64_t zero_result_turns = 0;
  std::vector<QueryGroup> top_zero_result;  // zero-result turns, grouped like unanswered
  int64_t zero_result_untracked = 0;

  int64_t leads = 0;  // "lead_captured" events in the range
  int64_t carts = 0;  // conversations whose cart value was > 0 at some turn
  // Mean over those conversations of the highest cart value seen, rounded
  // half up, in minor units of cart_currency.
  int64_t average_cart_minor = 0;
  std::string cart_currency;

  int64_t orders = 0;             // orders table rows in the range (see docs)
  int64_t order_value_minor = 0;  // sum of their totals
  std::string order_currency;

  int64_t latency_p50_us = 0;
  int64_t latency_p95_us = 0;

  // V6/V7 (docs/llm.md): turns where a model was asked, those whose text
  // the shopper saw, those the grounding verifier refused ("llm_rejected").
  int64_t llm_turns = 0;
  int64_t llm_used_turns = 0;
  int64_t llm_rejected_turns = 0;
  double llm_rejection_rate = 0;  // llm_rejected_turns / llm_turns
  int64_t llm_tokens = 0;         // prompt + completion, summed
  int64_t llm_latency_mean_ms = 0;

  std::vector<DayCount> daily;  // every UTC day the range touches, oldest first, zero days included
};

enum class ExportKind { kEvents, kLeads, kConversations };
// "events", "leads", "conversations"; nullopt otherwise.
std::optional<ExportKind> ParseExportKind(std::string_view name);

// SKU -> product name ("" when unknown). Called only for the SKUs in the top
// list; must be safe to call from the calling thread.
using ProductNamer = std::function<std::string(std::string_view sku)>;

// A namer over one tenant version's catalog (the snapshot is kept alive by
// the namer). Null tenant: a namer that knows no product.
ProductNamer CatalogNamer(std::shared_ptr<const retrieval::Tenant> tenant);

class AnalyticsService {
 public:
  using Time = std::chrono::system_clock::time_point;

  // The stores must outlive the service.
  AnalyticsService(db::EventStore& events, db::OrderStore& orders, db::LeadStore& leads, AnalyticsOptions options = {});

  core::Result<KpiReport> Kpis(const core::TenantKey& tenant, Time from, Time to, const std::string& channel,
                               const ProductNamer& namer = nullptr) const;

  // RFC 4180 CSV (header row, every field quoted, CRLF line ends, UTF-8),
  // with cells that start with = + - @ TAB or CR prefixed by ' (OWASP CSV
  // injection). Rows, oldest first:
  //   events: every event in the range;
  //   leads: leads created in the range (channel = the lead's channel);
  //   conversations: one row per session with a turn in the range.
  core::Result<std::string> ExportCsv(ExportKind kind, const core::TenantKey& tenant, Time from, Time to,
                                      const std::string& channel) const;

  // The grouping key of a shopper question: text normalised (lower case,
  // punctuation dropped), e-mail addresses and every word holding a digit
  // (postcodes, phone numbers, quantities) masked as "#" (runs of masks
  // merged), English stop words removed; if only stop words remain they are
  // kept. "Do you deliver to LS6 1AA?" -> "deliver #".
  std::string NormaliseQuery(std::string_view text) const;

 private:
  core::Status CheckRange(Time from, Time to) const;
  core::Result<std::string> ExportEvents(const core::TenantKey& tenant, Time from, Time to,
                                         const std::string& channel) const;
  core::Result<std::string> ExportLeads(const core::TenantKey& tenant, Time from, Time to,
                                        const std::string& channel) const;
  core::Result<std::string> ExportConversations(const core::TenantKey& tenant, Time from, Time to,
                                                const std::string& channel) const;
  // Calls `visit` for every event in the range, one UTC day's query at a time.
  core::Status ForEachEvent(const core::TenantKey& tenant, Time from, Time to, const std::string& channel,
                            const std::function<core::Status(const db::Event&)>& visit) const;

  db::EventStore& events_;
  db::OrderStore& orders_;
  db::LeadStore& leads_;
  AnalyticsOptions options_;
  retrieval::TextNormalizer normalizer_;
};

}  // namespace services
