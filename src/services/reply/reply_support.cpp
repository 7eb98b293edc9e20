#include "services/reply/reply_support.h"

#include <cmath>
#include <cstdio>

namespace services::reply {

const std::string& Fact(core::Reply& reply, std::string source, std::string key, std::string field,
                        const std::string& value) {
  reply.facts.push_back({std::move(source), std::move(key), std::move(field), value});
  return reply.facts.back().value;
}

std::string PriceText(core::Reply& reply, const retrieval::Product& p) {
  std::string price = Fact(reply, "catalog", p.sku, "price", core::FormatMoney(p.price));
  if (p.unit == "kg" || p.unit == "g" || p.unit == "lb" || p.unit == "oz") return price + "/" + p.unit;
  if (p.unit == "each") return price + " each";
  return price + " per " + p.unit;
}

std::string StockText(core::Reply& reply, const retrieval::Product& p) {
  Fact(reply, "catalog", p.sku, "stock", std::to_string(p.stock));
  return p.in_stock() ? "in stock" : "out of stock";
}

void AddCard(core::Reply& reply, const retrieval::Product& p) {
  for (const auto& c : reply.items) {
    if (c.sku == p.sku) return;
  }
  reply.items.push_back({p.sku, p.name, p.price, p.unit, p.in_stock()});
}

std::vector<const retrieval::Product*> SameCategorySubstitutes(const retrieval::Tenant& t,
                                                               const retrieval::Product& p) {
  std::vector<const retrieval::Product*> out;
  for (const auto* sub : t.catalog->Substitutes(p.sku, 6)) {
    if (sub->category == p.category && out.size() < 2) out.push_back(sub);
  }
  return out;
}

void ShowProducts(core::Reply& reply, Session& session, const std::vector<const retrieval::Product*>& products) {
  session.last_skus.clear();
  for (const auto* p : products) {
    AddCard(reply, *p);
    session.last_skus.push_back(p->sku);
  }
}

std::string FormatQuantity(double q, std::string_view unit) {
  char buf[32];
  if (std::fabs(q - std::round(q)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(q)));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", q);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    std::snprintf(buf, sizeof buf, "%s", s.c_str());
  }
  std::string out = buf;
  if (unit == "kg" || unit == "g" || unit == "lb" || unit == "oz") return out + std::string(unit);
  if (unit == "each" || unit.empty()) return out;
  return out + " " + std::string(unit) + (q == 1 ? "" : (unit == "box" ? "es" : "s"));
}

std::string Join(const std::vector<std::string>& parts, std::string_view last_sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? std::string(last_sep) : std::string(", ");
    out += parts[i];
  }
  return out;
}

std::string Bullets(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += "\n• " + p;
  return out;
}

std::string_view Ack(retrieval::Tone tone) {
  switch (tone) {
    case retrieval::Tone::kFormal: return "Certainly.";
    case retrieval::Tone::kWarm: return "Of course!";
    case retrieval::Tone::kConcise: return "";
    case retrieval::Tone::kFriendly: return "Sure!";
  }
  return "";
}

std::string_view Sorry(retrieval::Tone tone) {
  switch (tone) {
    case retrieval::Tone::kFormal: return "I'm afraid";
    case retrieval::Tone::kWarm: return "I'm so sorry,";
    case retrieval::Tone::kConcise: return "Sorry,";
    case retrieval::Tone::kFriendly: return "Sorry,";
  }
  return "Sorry,";
}

std::string_view AnythingElse(retrieval::Tone tone) {
  switch (tone) {
    case retrieval::Tone::kFormal: return "Is there anything else I can help you with?";
    case retrieval::Tone::kWarm: return "Anything else I can help with?";
    case retrieval::Tone::kConcise: return "Anything else?";
    case retrieval::Tone::kFriendly: return "Anything else I can help with?";
  }
  return "Anything else?";
}

core::Reply AskPostcode(const retrieval::Tenant& t, Session& s, std::string pending, const std::string& why) {
  core::Reply r;
  r.needs_clarification = true;
  r.resolved = false;
  s.pending = std::move(pending);
  bool zip = t.geo->system() == retrieval::PostcodeSystem::kUsZip;
  r.text = "What's your " + std::string(zip ? "ZIP code" : "postcode") + "? " + why;
  return r;
}

bool IsYes(std::string_view n) {
  for (std::string_view y : {"yes", "yeah", "yep", "yup", "y", "sure", "ok", "okay", "please", "yes please", "go ahead",
                             "add them", "add all", "add it", "sounds good", "correct", "definitely"}) {
    if (n == y) return true;
  }
  return n.rfind("yes ", 0) == 0 || n.rfind("add all", 0) == 0 || n.rfind("add them", 0) == 0;
}

retrieval::CivilDate DayAsked(const retrieval::Tenant& t, const Entities& e,
                              std::chrono::system_clock::time_point now) {
  retrieval::CivilDate today = t.policy->Today(now);
  // An explicit date beats its weekday word ("saturday 19 december").
  if (e.date) {
    for (int i = 0; i < 400; ++i) {
      retrieval::CivilDate c = t.policy->AddDays(today, i);
      if (c.Iso() == *e.date) return c;
    }
  }
  if (e.tomorrow) return t.policy->AddDays(today, 1);
  if (e.weekday) return t.policy->NextWeekday(now, *e.weekday);
  return today;
}

std::optional<std::string> PastDateAsked(const retrieval::Tenant& t, const Entities& e,
                                         std::chrono::system_clock::time_point now) {
  // ISO dates compare as text.
  if (!e.date || *e.date >= t.policy->Today(now).Iso()) return std::nullopt;
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  const int month = std::stoi(e.date->substr(5, 2));
  return std::to_string(std::stoi(e.date->substr(8, 2))) + " " + kMonths[(month + 11) % 12] + " " +
         e.date->substr(0, 4);
}

std::string HoursText(const retrieval::DayHours& day) {
  if (day.intervals.empty()) return "closed";
  std::vector<std::string> parts;
  for (const auto& i : day.intervals) parts.push_back(i.open + "–" + i.close);
  return Join(parts);
}

std::string DeliverySummary(const retrieval::Tenant& tenant) {
  const auto& zones = tenant.policy->zones();
  if (zones.empty()) return {};
  core::Money lowest = zones.front().fee;
  for (const auto& z : zones) {
    if (z.fee.minor < lowest.minor) lowest = z.fee;
  }
  std::string s = "We deliver to " + std::to_string(zones.size()) + " area" + (zones.size() == 1 ? "" : "s") +
                  ", with fees from " + core::FormatMoney(lowest);
  return s + ".";
}

std::string OpeningSummary(const retrieval::Tenant& tenant, std::chrono::system_clock::time_point now) {
  std::vector<std::string> lines;
  retrieval::CivilDate today = tenant.policy->Today(now);
  for (const auto& b : tenant.geo->branches()) {
    auto hours = tenant.policy->HoursOn(b.id, today);
    if (hours.ok()) lines.push_back(b.name + " today " + HoursText(*hours));
  }
  return Join(lines, "; ");
}

}  // namespace services::reply
