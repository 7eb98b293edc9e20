#include "routes/analytics_routes.h"

#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;
using Time = std::chrono::system_clock::time_point;

struct Range {
  Time from;
  Time to;
  std::string channel;
};

// A date (YYYY-MM-DD) is that UTC day's start; `end_of_day` moves it to the
// next day's start, so "to=2026-11-30" includes the 30th.
std::optional<Time> ParseBound(const std::string& text, bool end_of_day) {
  if (text.size() == 10) {
    auto t = core::ParseIsoUtc(text + "T00:00:00Z");
    if (t && end_of_day) *t += std::chrono::hours(24);
    return t;
  }
  return core::ParseIsoUtc(text);
}

core::Result<Range> ParseRange(const http::Request& request, const core::Clock& clock) {
  Range range;
  range.to = clock.Now();
  range.from = range.to - std::chrono::hours(24 * 30);
  auto bad = [](std::string_view name) {
    return MakeError(ErrorCode::kInvalidArgument, "bad range bound",
                     "'" + std::string(name) + "' must be a date like 2026-11-01 or a UTC time like 2026-11-01T09:00:00Z.");
  };
  if (auto from = request.QueryParam("from")) {
    auto t = ParseBound(*from, false);
    if (!t) return bad("from");
    range.from = *t;
  }
  if (auto to = request.QueryParam("to")) {
    auto t = ParseBound(*to, true);
    if (!t) return bad("to");
    range.to = *t;
  }
  range.channel = request.QueryParam("channel").value_or("");
  if (!range.channel.empty() && range.channel != "web" && range.channel != "whatsapp" && range.channel != "api" &&
      range.channel != "cli") {
    return MakeError(ErrorCode::kInvalidArgument, "bad channel", "'channel' must be web, whatsapp, api or cli.");
  }
  return range;
}

nlohmann::json GroupsJson(const std::vector<services::QueryGroup>& groups) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : groups) out.push_back({{"query", g.key}, {"count", g.count}, {"example", g.example}});
  return out;
}

nlohmann::json Money(int64_t minor, const std::string& currency) {
  return {{"minor", minor}, {"currency", currency}};
}

nlohmann::json KpiJson(const services::KpiReport& k) {
  nlohmann::json intents = nlohmann::json::array();
  for (const auto& i : k.top_intents) intents.push_back({{"intent", i.intent}, {"count", i.count}, {"share", i.share}});
  nlohmann::json products = nlohmann::json::array();
  for (const auto& p : k.top_products) products.push_back({{"sku", p.sku}, {"name", p.name}, {"count", p.count}});
  nlohmann::json daily = nlohmann::json::array();
  for (const auto& d : k.daily) {
    daily.push_back({{"date", d.date},
                     {"turns", d.turns},
                     {"conversations", d.conversations},
                     {"leads", d.leads},
                     {"fallback_turns", d.fallback_turns},
                     {"handed_off", d.handed_off},
                     {"orders", d.orders},
                     {"order_value_minor", d.order_value_minor},
                     {"latency_p50_us", d.latency_p50_us},
                     {"latency_p95_us", d.latency_p95_us}});
  }
  return {{"tenant", k.tenant},
          {"from", core::FormatIsoUtc(k.from)},
          {"to", core::FormatIsoUtc(k.to)},
          {"channel", k.channel.empty() ? nlohmann::json() : nlohmann::json(k.channel)},
          {"conversations", k.conversations},
          {"turns", k.turns},
          {"handed_off_conversations", k.handed_off_conversations},
          {"containment_rate", k.containment_rate},
          {"resolved_turns", k.resolved_turns},
          {"resolution_rate", k.resolution_rate},
          {"clarifier_turns", k.clarifier_turns},
          {"clarifier_rate", k.clarifier_rate},
          {"fallback_turns", k.fallback_turns},
          {"fallback_rate", k.fallback_rate},
          {"top_intents", intents},
          {"top_unanswered", GroupsJson(k.top_unanswered)},
          {"unanswered_untracked", k.unanswered_untracked},
          {"top_products", products},
          {"zero_result_turns", k.zero_result_turns},
          {"top_zero_result", GroupsJson(k.top_zero_result)},
          {"zero_result_untracked", k.zero_result_untracked},
          {"leads", k.leads},
          {"carts", k.carts},
          {"average_cart", Money(k.average_cart_minor, k.cart_currency)},
          {"orders", k.orders},
          {"order_value", Money(k.order_value_minor, k.order_currency)},
          {"latency_p50_us", k.latency_p50_us},
          {"latency_p95_us", k.latency_p95_us},
          {"llm",
           {{"turns", k.llm_turns},
            {"used_turns", k.llm_used_turns},
            {"rejected_turns", k.llm_rejected_turns},
            {"rejection_rate", k.llm_rejection_rate},
            {"tokens", k.llm_tokens},
            {"latency_mean_ms", k.llm_latency_mean_ms}}},
          {"daily", daily}};
}

http::Response Csv(const services::AnalyticsService& analytics, http::Request& request, const core::TenantKey& key,
                   const core::Clock& clock) {
  auto kind = services::ParseExportKind(request.QueryParam("kind").value_or(""));
  if (!kind) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "bad export kind",
                                     "'kind' must be events, leads or conversations."),
                           request);
  }
  auto range = ParseRange(request, clock);
  if (!range.ok()) return ErrorToResponse(range.error(), request);
  auto csv = analytics.ExportCsv(*kind, key, range->from, range->to, range->channel);
  if (!csv.ok()) return ErrorToResponse(csv.error(), request);
  http::Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(csv).value();
  std::string name = key.str() + "-" + std::string(*request.QueryParam("kind")) + ".csv";
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return response;
}

}  // namespace

void AddAnalyticsRoutes(http::RouteTable& table, services::Authenticator& auth,
                        const services::AnalyticsService& analytics, retrieval::TenantDirectory& tenants,
                        const core::Clock& clock) {
  table.Add(http::Method::kGet, "/analytics/api/tenants/{tenant}/kpis",
            TenantScoped(auth, Permission::kReadAnalytics,
                         [&analytics, &tenants, &clock](http::Request& request, const Principal&,
                                                        const core::TenantKey& key) {
                           auto range = ParseRange(request, clock);
                           if (!range.ok()) return ErrorToResponse(range.error(), request);
                           auto tenant = tenants.Get(key);
                           if (!tenant.ok()) return ErrorToResponse(tenant.error(), request);
                           auto kpis = analytics.Kpis(key, range->from, range->to, range->channel,
                                                      services::CatalogNamer(*tenant));
                           if (!kpis.ok()) return ErrorToResponse(kpis.error(), request);
                           return JsonOk(KpiJson(*kpis));
                         }));

  table.Add(http::Method::kGet, "/analytics/api/tenants/{tenant}/export.csv",
            TenantScoped(auth, Permission::kReadAnalytics,
                         [&analytics, &clock](http::Request& request, const Principal&, const core::TenantKey& key) {
                           return Csv(analytics, request, key, clock);
                         }));

  table.Add(http::Method::kGet, "/analytics/export.csv",
            Authenticated(auth, [&analytics, &clock](http::Request& request, const Principal& who) {
              std::string tenant = request.QueryParam("tenant").value_or(who.tenant.value_or(""));
              if (tenant.empty()) {
                return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "missing tenant",
                                                 "Name the business: ?tenant=KEY."),
                                       request);
              }
              auto key = core::TenantKey::Parse(tenant);
              if (!key.ok()) return ErrorToResponse(key.error(), request);
              if (auto allowed = services::CheckAccess(who, *key, Permission::kReadAnalytics); !allowed.ok()) {
                return ErrorToResponse(allowed.error(), request);
              }
              return Csv(analytics, request, *key, clock);
            }));
}

}  // namespace routes
