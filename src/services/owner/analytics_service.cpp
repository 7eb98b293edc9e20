#include "services/owner/analytics_service.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "retrieval/tenant.h"
#include "services/owner/csv_writer.h"

namespace services {

namespace chrono = std::chrono;
using core::ErrorCode;

namespace {

constexpr size_t kMaxExampleBytes = 200;

// Small English function words that say nothing about what was asked; a
// shop's own words never appear here (they come from tenant data).
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a",     "an",     "the",   "i",    "im",     "me",   "my",     "we",    "you",   "your", "do",   "does", "did",
      "is",    "are",    "am",    "was",  "be",     "to",   "of",     "for",   "in",    "on",   "at",   "and",  "or",
      "can",   "could",  "would", "will", "please", "pls",  "plz",    "hi",    "hello", "hey",  "any",  "have", "has",
      "got",   "it",     "its",   "this", "that",   "with", "about",  "from",  "u",     "ur",   "some", "so",   "just",
      "there", "theres", "us",    "our",  "ok",     "okay", "thanks", "thank", "is",    "if",   "im",   "ive",  "id"};
  return kWords;
}

// Turn intents whose payload.skus are products the shopper looked for.
bool IsProductIntent(std::string_view intent) {
  return intent == "search_product" || intent == "browse_category" || intent == "price_check" ||
         intent == "stock_check" || intent == "add_to_cart";
}

std::string Truncate(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t n = max_bytes;
  // Never cut a UTF-8 sequence in half.
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return std::string(text.substr(0, n));
}

chrono::sys_days DayOf(db::Time t) { return chrono::floor<chrono::days>(t); }

std::string DayString(chrono::sys_days day) {
  chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// "2026-05-01T10:00:00.250Z"
std::string IsoMs(db::Time t) {
  auto ms = chrono::floor<chrono::milliseconds>(t);
  auto day = chrono::floor<chrono::days>(ms);
  chrono::hh_mm_ss hms{ms - day};
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return DayString(day) + buf;
}

double Rate(int64_t part, int64_t whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

// Values below 4096 keep their own bucket; larger ones keep their 12 most
// significant bits, so a percentile is within 1/4096 of the true value
// while the histogram stays a few thousand entries at most.
class LatencyHistogram {
 public:
  void Add(int64_t us) {
    uint64_t v = us < 0 ? 0 : static_cast<uint64_t>(us);
    int width = std::bit_width(v);
    if (width > 12) v = (v >> (width - 12)) << (width - 12);
    ++buckets_[v];
    ++count_;
  }
  // Nearest rank: the smallest value with at least ceil(p * n / 100) values at or below it.
  int64_t Percentile(int p) const {
    if (count_ == 0) return 0;
    int64_t rank = (static_cast<int64_t>(p) * count_ + 99) / 100;
    if (rank < 1) rank = 1;
    int64_t seen = 0;
    for (const auto& [value, n] : buckets_) {
      seen += n;
      if (seen >= rank) return static_cast<int64_t>(value);
    }
    return static_cast<int64_t>(buckets_.rbegin()->first);
  }

 private:
  std::map<uint64_t, int64_t> buckets_;
  int64_t count_ = 0;
};

// Counts by key with a cap on distinct keys.
class GroupCounter {
 public:
  explicit GroupCounter(size_t cap) : cap_(cap) {}
  void Add(const std::string& key, std::string_view example) {
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      if (groups_.size() >= cap_) {
        ++untracked_;
        return;
      }
      it = groups_.emplace(key, Group{0, Truncate(example, kMaxExampleBytes)}).first;
    }
    ++it->second.count;
  }
  std::vector<QueryGroup> Top(size_t n) const {
    std::vector<QueryGroup> out;
    out.reserve(groups_.size());
    for (const auto& [key, g] : groups_) out.push_back({key, g.count, g.example});
    std::sort(out.begin(), out.end(), [](const QueryGroup& a, const QueryGroup& b) {
      return a.count != b.count ? a.count > b.count : a.key < b.key;
    });
    if (out.size() > n) out.resize(n);
    return out;
  }
  int64_t untracked() const { return untracked_; }

 private:
  struct Group {
    int64_t count;
    std::string example;
  };
  size_t cap_;
  std::unordered_map<std::string, Group> groups_;
  int64_t untracked_ = 0;
};

std::vector<std::string> PayloadSkus(const std::string& payload) {
  std::vector<std::string> out;
  auto doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return out;
  auto it = doc.find("skus");
  if (it == doc.end() || !it->is_array()) return out;
  for (const auto& s : *it) {
    if (s.is_string() && std::find(out.begin(), out.end(), s.get<std::string>()) == out.end()) {
      out.push_back(s.get<std::string>());
    }
  }
  return out;
}

// A turn event's "llm" object (services/records): counted into the report.
void AddLlm(const std::string& payload, KpiReport& r, int64_t& latency_ms) {
  auto doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("llm") || !doc["llm"].is_object()) return;
  const auto& llm = doc["llm"];
  ++r.llm_turns;
  if (llm.value("used", false)) ++r.llm_used_turns;
  auto number = [&](const char* key) {
    return llm.contains(key) && llm[key].is_number_integer() ? llm[key].get<int64_t>() : int64_t{0};
  };
  r.llm_tokens += number("tokens");
  latency_ms += number("latency_ms");
}

bool IsHandoff(const db::Event& e) { return e.kind == "handoff" || (e.kind == "turn" && e.intent == "human_handoff"); }

}  // namespace

std::optional<ExportKind> ParseExportKind(std::string_view name) {
  if (name == "events") return ExportKind::kEvents;
  if (name == "leads") return ExportKind::kLeads;
  if (name == "conversations") return ExportKind::kConversations;
  return std::nullopt;
}

ProductNamer CatalogNamer(std::shared_ptr<const retrieval::Tenant> tenant) {
  return [tenant = std::move(tenant)](std::string_view sku) -> std::string {
    if (!tenant || !tenant->catalog) return {};
    const retrieval::Product* product = tenant->catalog->FindBySku(sku);
    return product ? product->name : std::string();
  };
}

AnalyticsService::AnalyticsService(db::EventStore& events, db::OrderStore& orders, db::LeadStore& leads,
                                   AnalyticsOptions options)
    : events_(events), orders_(orders), leads_(leads), options_(options) {}

core::Status AnalyticsService::CheckRange(db::Time from, db::Time to) const {
  if (!(from < to)) {
    return core::MakeError(ErrorCode::kInvalidArgument, "analytics range: from is not before to",
                           "The start of the period must be before its end.");
  }
  if (to - from > options_.max_span) {
    auto days = chrono::duration_cast<chrono::hours>(options_.max_span).count() / 24;
    return core::MakeError(ErrorCode::kInvalidArgument, "analytics range longer than max_span",
                           "The period is too long: choose at most " + std::to_string(days) + " days.");
  }
  return core::Status::Ok();
}

std::string AnalyticsService::NormaliseQuery(std::string_view text) const {
  // E-mail addresses are masked before normalising, which would split them.
  std::string pre;
  pre.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of(" \t\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    pre += word.find('@') != std::string_view::npos ? std::string_view("0") : word;
    if (end < text.size()) pre += ' ';
    i = end + 1;
  }
  std::vector<std::string> words;
  for (std::string& w : normalizer_.Tokenize(pre)) {
    bool digit = std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    words.push_back(digit ? "#" : std::move(w));
  }
  std::vector<std::string> kept;
  for (const std::string& w : words) {
    if (!StopWords().count(w)) kept.push_back(w);
  }
  if (kept.empty()) kept = std::move(words);
  std::string out;
  std::string_view previous;
  for (const std::string& w : kept) {
    if (w == "#" && previous == "#") continue;  // one mask per run of numbers
    if (!out.empty()) out += ' ';
    out += w;
    previous = w;
  }
  return out;
}

core::Status AnalyticsService::ForEachEvent(const core::TenantKey& tenant, db::Time from, db::Time to,
                                            const std::string& channel,
                                            const std::function<core::Status(const db::Event&)>& visit) const {
  db::Time cursor = from;
  while (cursor < to) {
    db::Time next = std::min<db::Time>(to, DayOf(cursor) + chrono::days(1));
    db::EventQuery q;
    q.tenant = tenant.str();
    q.from = cursor;
    q.to = next;
    q.channel = channel;
    auto events = events_.QueryEvents(q);
    if (!events.ok()) return events.error();
    for (const db::Event& e : *events) {
      core::Status s = visit(e);
      if (!s.ok()) return s;
    }
    cursor = next;
  }
  return core::Status::Ok();
}

core::Result<KpiReport> AnalyticsService::Kpis(const core::TenantKey& tenant, db::Time from, db::Time to,
                                               const std::string& channel, const ProductNamer& namer) const {
  if (auto s = CheckRange(from, to); !s.ok()) return s.error();
  KpiReport r;
  r.tenant = tenant.str();
  r.from = from;
  r.to = to;
  r.channel = channel;

  struct SessionState {
    bool has_turn = false;
    bool handed_off = false;
    int64_t peak_cart = 0;
  };
  std::unordered_map<std::string, SessionState> sessions;
  std::unordered_map<std::string, int64_t> intents;
  std::unordered_map<std::string, int64_t> skus;
  GroupCounter unanswered(options_.max_groups), zero_result(options_.max_groups);
  LatencyHistogram latency;
  int64_t llm_latency_ms = 0;

  const chrono::sys_days first_day = DayOf(from);
  const chrono::sys_days last_day = DayOf(to - chrono::milliseconds(1));
  for (chrono::sys_days d = first_day; d <= last_day; d += chrono::days(1)) r.daily.push_back({DayString(d)});
  std::unordered_set<std::string> sessions_today, handed_off_today;
  std::vector<LatencyHistogram> daily_latency(r.daily.size());
  size_t today = 0;

  auto status = ForEachEvent(tenant, from, to, channel, [&](const db::Event& e) -> core::Status {
    size_t day = static_cast<size_t>((DayOf(e.at) - first_day).count());
    if (day >= r.daily.size()) return core::Status::Ok();  // the store honours the range; be defensive
    if (day != today) {
      sessions_today.clear();
      handed_off_today.clear();
      today = day;
    }
    SessionState& s = sessions[e.session];
    if (IsHandoff(e)) {
      s.handed_off = true;
      if (handed_off_today.insert(e.session).second) ++r.daily[day].handed_off;
    }
    if (e.kind == "lead_captured") {
      ++r.leads;
      ++r.daily[day].leads;
    }
    if (e.kind == "llm_rejected") ++r.llm_rejected_turns;
    if (e.kind != "turn") return core::Status::Ok();
    if (e.payload.find("\"llm\"") != std::string::npos) AddLlm(e.payload, r, llm_latency_ms);

    s.has_turn = true;
    ++r.turns;
    ++r.daily[day].turns;
    if (sessions_today.insert(e.session).second) ++r.daily[day].conversations;
    if (e.resolved) ++r.resolved_turns;
    if (e.clarifier) ++r.clarifier_turns;
    if (e.fallback) {
      ++r.fallback_turns;
      ++r.daily[day].fallback_turns;
      unanswered.Add(NormaliseQuery(e.query), e.query);
    }
    if (e.zero_result) {
      ++r.zero_result_turns;
      zero_result.Add(NormaliseQuery(e.query), e.query);
    }
    ++intents[e.intent.empty() ? "unknown" : e.intent];
    if (IsProductIntent(e.intent)) {
      for (const std::string& sku : PayloadSkus(e.payload)) {
        auto it = skus.find(sku);
        if (it != skus.end()) {
          ++it->second;
        } else if (skus.size() < options_.max_groups) {
          skus.emplace(sku, 1);
        }
      }
    }
    if (e.cart_value_minor > 0) {
      s.peak_cart = std::max(s.peak_cart, e.cart_value_minor);
      if (r.cart_currency.empty()) r.cart_currency = e.currency;
    }
    latency.Add(e.latency_us);
    daily_latency[day].Add(e.latency_us);
    return core::Status::Ok();
  });
  if (!status.ok()) return status.error();

  int64_t cart_sum = 0;
  for (const auto& [id, s] : sessions) {
    if (!s.has_turn) continue;
    ++r.conversations;
    if (s.handed_off) ++r.handed_off_conversations;
    if (s.peak_cart > 0) {
      ++r.carts;
      cart_sum += s.peak_cart;
    }
  }
  r.llm_rejection_rate = Rate(r.llm_rejected_turns, r.llm_turns);
  if (r.llm_turns > 0) r.llm_latency_mean_ms = llm_latency_ms / r.llm_turns;
  r.containment_rate = Rate(r.conversations - r.handed_off_conversations, r.conversations);
  r.resolution_rate = Rate(r.resolved_turns, r.turns);
  r.clarifier_rate = Rate(r.clarifier_turns, r.turns);
  r.fallback_rate = Rate(r.fallback_turns, r.turns);
  if (r.carts > 0) r.average_cart_minor = (cart_sum + r.carts / 2) / r.carts;

  for (const auto& [intent, n] : intents) r.top_intents.push_back({intent, n, Rate(n, r.turns)});
  std::sort(r.top_intents.begin(), r.top_intents.end(), [](const IntentCount& a, const IntentCount& b) {
    return a.count != b.count ? a.count > b.count : a.intent < b.intent;
  });
  if (r.top_intents.size() > options_.top_n) r.top_intents.resize(options_.top_n);

  r.top_unanswered = unanswered.Top(options_.top_n);
  r.unanswered_untracked = unanswered.untracked();
  r.top_zero_result = zero_result.Top(options_.top_n);
  r.zero_result_untracked = zero_result.untracked();

  for (const auto& [sku, n] : skus) r.top_products.push_back({sku, "", n});
  std::sort(r.top_products.begin(), r.top_products.end(), [](const ProductCount& a, const ProductCount& b) {
    return a.count != b.count ? a.count > b.count : a.sku < b.sku;
  });
  if (r.top_products.size() > options_.top_n) r.top_products.resize(options_.top_n);
  for (ProductCount& p : r.top_products) {
    p.name = namer ? namer(p.sku) : std::string();
    if (p.name.empty()) p.name = p.sku;
  }

  r.latency_p50_us = latency.Percentile(50);
  r.latency_p95_us = latency.Percentile(95);
  for (size_t d = 0; d < r.daily.size(); ++d) {
    r.daily[d].latency_p50_us = daily_latency[d].Percentile(50);
    r.daily[d].latency_p95_us = daily_latency[d].Percentile(95);
  }

  // Orders come from the orders table (the record of what was bought). It
  // has no channel column: with a channel filter, an order counts when its
  // session had an event on that channel in the range.
  auto orders = orders_.QueryOrders(tenant.str(), from, to);
  if (!orders.ok()) return orders.error();
  for (const db::Order& o : *orders) {
    if (!channel.empty() && !sessions.count(o.session)) continue;
    ++r.orders;
    r.order_value_minor += o.total_minor;
    if (size_t day = static_cast<size_t>((DayOf(o.at) - first_day).count()); day < r.daily.size()) {
      ++r.daily[day].orders;
      r.daily[day].order_value_minor += o.total_minor;
    }
    if (r.order_currency.empty()) r.order_currency = o.currency;
  }
  return r;
}

core::Result<std::string> AnalyticsService::ExportCsv(ExportKind kind, const core::TenantKey& tenant, db::Time from,
                                                      db::Time to, const std::string& channel) const {
  if (auto s = CheckRange(from, to); !s.ok()) return s.error();
  switch (kind) {
    case ExportKind::kEvents: return ExportEvents(tenant, from, to, channel);
    case ExportKind::kLeads: return ExportLeads(tenant, from, to, channel);
    case ExportKind::kConversations: return ExportConversations(tenant, from, to, channel);
  }
  return core::MakeError(ErrorCode::kInvalidArgument, "unknown export kind", "Unknown export.");
}

namespace {

core::Error TooLarge(int64_t max_rows) {
  return core::MakeError(
      ErrorCode::kPayloadTooLarge, "export exceeds " + std::to_string(max_rows) + " rows",
      "That period has more than " + std::to_string(max_rows) + " rows; choose a shorter period or one channel.");
}

std::string Bool(bool b) { return b ? "yes" : "no"; }

std::string Confidence(double c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", c);
  return buf;
}

}  // namespace

core::Result<std::string> AnalyticsService::ExportEvents(const core::TenantKey& tenant, db::Time from, db::Time to,
                                                         const std::string& channel) const {
  CsvWriter csv;
  csv.Row({"id", "at", "session", "channel", "kind", "intent", "confidence", "resolved", "clarifier", "fallback",
           "items", "cart_value_minor", "currency", "latency_us", "query", "zero_result", "payload"});
  auto status = ForEachEvent(tenant, from, to, channel, [&](const db::Event& e) -> core::Status {
    if (csv.rows() - 1 >= options_.max_export_rows) return TooLarge(options_.max_export_rows);
    csv.Row({std::to_string(e.id), IsoMs(e.at), e.session, e.channel, e.kind, e.intent, Confidence(e.confidence),
             Bool(e.resolved), Bool(e.clarifier), Bool(e.fallback), std::to_string(e.items),
             std::to_string(e.cart_value_minor), e.currency, std::to_string(e.latency_us), e.query, Bool(e.zero_result),
             e.payload});
    return core::Status::Ok();
  });
  if (!status.ok()) return status.error();
  return csv.Take();
}

core::Result<std::string> AnalyticsService::ExportLeads(const core::TenantKey& tenant, db::Time from, db::Time to,
                                                        const std::string& channel) const {
  // The store pages leads newest first; reading stops at the first lead
  // created before `from`.
  std::vector<db::Lead> rows;
  db::LeadQuery q;
  q.tenant = tenant.str();
  q.channel = channel;
  q.sort = db::LeadSort::kCreatedDesc;
  q.limit = 500;
  bool done = false;
  while (!done) {
    auto page = leads_.ListLeads(q);
    if (!page.ok()) return page.error();
    for (db::Lead& lead : page->leads) {
      if (lead.created_at < from) {
        done = true;
        break;
      }
      if (lead.created_at >= to) continue;
      if (static_cast<int64_t>(rows.size()) >= options_.max_export_rows) return TooLarge(options_.max_export_rows);
      rows.push_back(std::move(lead));
    }
    q.offset += q.limit;
    if (static_cast<int64_t>(page->leads.size()) < q.limit || q.offset >= page->total) done = true;
  }
  std::reverse(rows.begin(), rows.end());
  CsvWriter csv;
  csv.Row({"id", "created_at", "last_seen", "name", "phone", "email", "channel", "status", "tags", "notes",
           "value_estimate_minor", "currency", "handoff", "session"});
  for (const db::Lead& l : rows) {
    std::string tags;
    for (const std::string& t : l.tags) tags += (tags.empty() ? "" : "; ") + t;
    csv.Row({std::to_string(l.id), IsoMs(l.created_at), IsoMs(l.last_seen), l.name, l.phone, l.email, l.channel,
             l.status, tags, l.notes, std::to_string(l.value_estimate_minor), l.currency, Bool(l.handoff), l.session});
  }
  return csv.Take();
}

core::Result<std::string> AnalyticsService::ExportConversations(const core::TenantKey& tenant, db::Time from,
                                                                db::Time to, const std::string& channel) const {
  struct Row {
    std::string channel;
    db::Time first_at{}, last_at{};
    int64_t turns = 0, resolved = 0, fallbacks = 0, peak_cart = 0;
    std::string last_intent, currency;
    bool handoff = false;
  };
  std::unordered_map<std::string, Row> sessions;
  int64_t with_turns = 0;
  auto status = ForEachEvent(tenant, from, to, channel, [&](const db::Event& e) -> core::Status {
    auto [it, inserted] = sessions.try_emplace(e.session);
    Row& row = it->second;
    if (IsHandoff(e)) row.handoff = true;
    if (e.kind != "turn") return core::Status::Ok();
    if (row.turns == 0) {
      if (++with_turns > options_.max_export_rows) return TooLarge(options_.max_export_rows);
      row.channel = e.channel;
      row.first_at = e.at;
    }
    row.last_at = e.at;
    ++row.turns;
    if (e.resolved) ++row.resolved;
    if (e.fallback) ++row.fallbacks;
    row.last_intent = e.intent;
    if (e.cart_value_minor > row.peak_cart) {
      row.peak_cart = e.cart_value_minor;
      row.currency = e.currency;
    }
    return core::Status::Ok();
  });
  if (!status.ok()) return status.error();

  std::vector<std::pair<const std::string*, const Row*>> order;
  for (const auto& [session, row] : sessions) {
    if (row.turns > 0) order.emplace_back(&session, &row);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second->first_at != b.second->first_at ? a.second->first_at < b.second->first_at : *a.first < *b.first;
  });
  CsvWriter csv;
  csv.Row({"session", "channel", "first_at", "last_at", "turns", "resolved_turns", "fallbacks", "last_intent",
           "handoff", "cart_value_minor", "currency"});
  for (const auto& [session, row] : order) {
    csv.Row({*session, row->channel, IsoMs(row->first_at), IsoMs(row->last_at), std::to_string(row->turns),
             std::to_string(row->resolved), std::to_string(row->fallbacks), row->last_intent, Bool(row->handoff),
             std::to_string(row->peak_cart), row->currency});
  }
  return csv.Take();
}

}  // namespace services
