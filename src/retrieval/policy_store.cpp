#include "retrieval/policy_store.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>

namespace retrieval {

using core::ErrorCode;
using nlohmann::json;
namespace chrono = std::chrono;

namespace {

constexpr std::array<std::string_view, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kShort = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLong = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

int DayIndex(std::string_view key) {
  for (size_t i = 0; i < kDayKeys.size(); ++i) {
    if (kDayKeys[i] == key) return static_cast<int>(i);
  }
  return -1;
}

// "08:30" -> 510; "24:00" -> 1440. Input is schema-checked.
int Minutes(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
  return ((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

std::string Str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& Array(const json& obj, const char* key) {
  static const json kEmpty = json::array();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

std::vector<Interval> ParseIntervals(const json& items) {
  std::vector<Interval> out;
  for (const json& item : items)
    out.push_back({item.at("open").get<std::string>(), item.at("close").get<std::string>()});
  std::sort(out.begin(), out.end(), [](const Interval& a, const Interval& b) { return a.open < b.open; });
  return out;
}

std::string Compact(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}
bool AllLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}

// How specific a match `prefix` is for a UK outward code; 0 = no match.
// Matching is by whole outward code so that "LS1" never catches "LS12".
size_t UkPrefixScore(const std::string& prefix, const std::string& outward) {
  if (prefix == outward) return prefix.size();
  if (outward.size() <= prefix.size() || outward.compare(0, prefix.size(), prefix) != 0) return 0;
  const unsigned char next = outward[prefix.size()];
  // An area ("LS") covers its districts ("LS6", "LS12").
  if (AllLetters(prefix) && std::isdigit(next)) return prefix.size();
  // A district ("W1") covers its lettered sub-districts ("W1A").
  if (outward.size() == prefix.size() + 1 && std::isdigit(static_cast<unsigned char>(prefix.back())) &&
      std::isalpha(next)) {
    return prefix.size();
  }
  return 0;
}

size_t ZipPrefixScore(const std::string& prefix, const std::string& zip) {
  if (!AllDigits(prefix) || prefix.size() > zip.size()) return 0;
  return zip.compare(0, prefix.size(), prefix) == 0 ? prefix.size() : 0;
}

chrono::sys_days ToSysDays(const CivilDate& date) {
  return chrono::sys_days(chrono::year(date.year) / chrono::month(static_cast<unsigned>(date.month)) /
                          chrono::day(static_cast<unsigned>(date.day)));
}

bool Valid(const CivilDate& date) {
  return (chrono::year(date.year) / chrono::month(static_cast<unsigned>(date.month)) /
          chrono::day(static_cast<unsigned>(date.day)))
      .ok();
}

CivilDate FromSysDays(chrono::sys_days day) {
  chrono::year_month_day ymd(day);
  CivilDate out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.weekday = static_cast<int>(chrono::weekday(day).iso_encoding()) - 1;
  return out;
}

std::string Hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

struct Closure {
  bool has_hours = false;
  std::vector<Interval> hours;
  std::string reason;
};

struct BranchHours {
  std::array<std::vector<Interval>, 7> weekly;
  std::map<std::string, Closure, std::less<>> closures;  // by ISO date
};

struct ZoneException {
  DeliveryException value;
  std::vector<std::string> zones;  // empty = every zone
};

struct LocalMoment {
  CivilDate date;
  int minute_of_day = 0;
};

}  // namespace

struct PolicyStore::Impl {
  std::string timezone;
  // Never mutated after Build; each conversion works on its own clone
  // because ICU time zones are not documented as safe for concurrent use.
  std::unique_ptr<icu::TimeZone> zone;
  std::string currency;
  std::vector<DeliveryZone> zones;
  std::vector<ZoneException> exceptions;
  bool collection_available = false;
  std::string collection_note;
  std::string notes;
  std::map<std::string, BranchHours, std::less<>> branches;

  LocalMoment Local(chrono::system_clock::time_point now) const {
    std::unique_ptr<icu::TimeZone> tz(zone->clone());
    const auto utc_ms = chrono::floor<chrono::milliseconds>(now.time_since_epoch());
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(utc_ms.count()), false, raw, dst, status);
    if (U_FAILURE(status)) raw = dst = 0;
    const chrono::sys_time<chrono::milliseconds> local(utc_ms + chrono::milliseconds(raw + dst));
    const auto day = chrono::floor<chrono::days>(local);
    return {FromSysDays(day), static_cast<int>(chrono::floor<chrono::minutes>(local - day).count())};
  }

  DayHours Hours(const BranchHours& branch, const CivilDate& date) const {
    DayHours out;
    out.date = FromSysDays(ToSysDays(date));
    auto it = branch.closures.find(out.date.Iso());
    if (it != branch.closures.end()) {
      out.special = true;
      out.note = it->second.reason;
      if (it->second.has_hours) out.intervals = it->second.hours;
      return out;
    }
    out.intervals = branch.weekly[static_cast<size_t>(out.date.weekday)];
    return out;
  }
};

std::string CivilDate::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buf;
}

std::string_view WeekdayShort(int weekday) {
  return weekday >= 0 && weekday < 7 ? kShort[static_cast<size_t>(weekday)] : std::string_view();
}

std::string_view WeekdayLong(int weekday) {
  return weekday >= 0 && weekday < 7 ? kLong[static_cast<size_t>(weekday)] : std::string_view();
}

PolicyStore::PolicyStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PolicyStore::~PolicyStore() = default;

core::Result<std::unique_ptr<PolicyStore>> PolicyStore::Build(const json& delivery, const json& branches,
                                                              const std::string& timezone,
                                                              const std::string& currency) {
  auto impl = std::make_unique<Impl>();
  impl->timezone = timezone;
  impl->currency = currency;
  impl->zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)));
  // ICU answers an unknown id with a copy of "Etc/Unknown" (behaving as UTC)
  // rather than an error; a shop's hours must never silently shift.
  icu::UnicodeString resolved;
  if (impl->zone) impl->zone->getID(resolved);
  if (!impl->zone || timezone.empty() || resolved == icu::UnicodeString("Etc/Unknown")) {
    return core::MakeError(ErrorCode::kInvalidArgument, "unknown time zone '" + timezone + "'",
                           "The business time zone is not recognised.");
  }

  try {
    for (const json& z : Array(delivery, "zones")) {
      DeliveryZone zone;
      zone.id = z.at("id").get<std::string>();
      zone.name = Str(z, "name");
      for (const json& p : Array(z, "postcode_prefixes")) zone.prefixes.push_back(Compact(p.get<std::string>()));
      for (const json& r : Array(z, "postcode_ranges")) {
        zone.ranges.emplace_back(r.at("from").get<std::string>(), r.at("to").get<std::string>());
      }
      zone.branch = Str(z, "branch");
      zone.fee = core::Money::FromMajor(z.value("fee", 0.0), currency);
      zone.min_order = core::Money::FromMajor(z.value("min_order", 0.0), currency);
      if (z.contains("free_over")) zone.free_over = core::Money::FromMajor(z.at("free_over").get<double>(), currency);
      zone.eta = Str(z, "eta");
      zone.cutoff = Str(z, "cutoff");
      for (const json& d : Array(z, "days")) {
        int index = DayIndex(d.get<std::string>());
        if (index >= 0) zone.days.push_back(index);
      }
      impl->zones.push_back(std::move(zone));
    }
    for (const json& e : Array(delivery, "exceptions")) {
      ZoneException ex;
      ex.value.date = e.at("date").get<std::string>();
      ex.value.delivers = e.at("delivers").get<bool>();
      ex.value.note = Str(e, "note");
      for (const json& id : Array(e, "zones")) ex.zones.push_back(id.get<std::string>());
      impl->exceptions.push_back(std::move(ex));
    }
    if (delivery.is_object() && delivery.contains("collection")) {
      const json& c = delivery.at("collection");
      impl->collection_available = c.value("available", false);
      impl->collection_note = Str(c, "note");
    }
    if (delivery.is_object()) impl->notes = Str(delivery, "notes");

    for (const json& b : Array(branches, "branches")) {
      BranchHours hours;
      if (b.contains("hours")) {
        for (const auto& [key, intervals] : b.at("hours").items()) {
          int index = DayIndex(key);
          if (index >= 0) hours.weekly[static_cast<size_t>(index)] = ParseIntervals(intervals);
        }
      }
      for (const json& c : Array(b, "closures")) {
        Closure closure;
        closure.reason = Str(c, "reason");
        if (c.contains("hours")) {
          closure.has_hours = true;
          closure.hours = ParseIntervals(c.at("hours"));
        }
        hours.closures.emplace(c.at("date").get<std::string>(), std::move(closure));
      }
      impl->branches.emplace(b.at("id").get<std::string>(), std::move(hours));
    }
  } catch (const json::exception& e) {
    return core::MakeError(ErrorCode::kInvalidArgument, std::string("delivery/branches data: ") + e.what(),
                           "The delivery or opening-hours data is invalid.");
  }
  return std::unique_ptr<PolicyStore>(new PolicyStore(std::move(impl)));
}

const std::string& PolicyStore::timezone() const { return impl_->timezone; }
const std::vector<DeliveryZone>& PolicyStore::zones() const { return impl_->zones; }
bool PolicyStore::collection_available() const { return impl_->collection_available; }
const std::string& PolicyStore::collection_note() const { return impl_->collection_note; }
const std::string& PolicyStore::delivery_notes() const { return impl_->notes; }

const DeliveryZone* PolicyStore::ZoneFor(const Postcode& postcode) const {
  const std::string outward = Compact(postcode.outward.empty() ? postcode.normalized : postcode.outward);
  if (outward.empty()) return nullptr;
  const bool zip = outward.size() == 5 && AllDigits(outward);

  const DeliveryZone* best = nullptr;
  size_t best_score = 0;
  for (const DeliveryZone& zone : impl_->zones) {
    for (const std::string& prefix : zone.prefixes) {
      size_t score = zip ? ZipPrefixScore(prefix, outward) : UkPrefixScore(prefix, outward);
      // Strictly greater: on a tie the zone listed first keeps the code.
      if (score > best_score) {
        best = &zone;
        best_score = score;
      }
    }
  }
  if (best || !zip) return best;
  for (const DeliveryZone& zone : impl_->zones) {
    for (const auto& [from, to] : zone.ranges) {
      if (from <= outward && outward <= to) return &zone;
    }
  }
  return nullptr;
}

std::optional<DeliveryException> PolicyStore::ExceptionOn(const CivilDate& date, std::string_view zone_id) const {
  const std::string iso = date.Iso();
  std::optional<DeliveryException> general;
  for (const ZoneException& ex : impl_->exceptions) {
    if (ex.value.date != iso) continue;
    if (ex.zones.empty()) {
      if (!general) general = ex.value;
    } else if (std::find(ex.zones.begin(), ex.zones.end(), zone_id) != ex.zones.end()) {
      return ex.value;  // naming the zone makes it more specific than a general one
    }
  }
  return general;
}

CivilDate PolicyStore::Today(chrono::system_clock::time_point now) const { return impl_->Local(now).date; }

CivilDate PolicyStore::AddDays(const CivilDate& date, int days) const {
  if (!Valid(date)) return date;
  return FromSysDays(ToSysDays(date) + chrono::days(days));
}

CivilDate PolicyStore::NextWeekday(chrono::system_clock::time_point now, int weekday) const {
  CivilDate today = Today(now);
  return AddDays(today, ((weekday - today.weekday) % 7 + 7) % 7);
}

std::string PolicyStore::LocalTime(chrono::system_clock::time_point now) const {
  return Hhmm(impl_->Local(now).minute_of_day);
}

core::Result<DayHours> PolicyStore::HoursOn(std::string_view branch_id, const CivilDate& date) const {
  auto it = impl_->branches.find(branch_id);
  if (it == impl_->branches.end()) {
    return core::MakeError(ErrorCode::kNotFound, "unknown branch '" + std::string(branch_id) + "'",
                           "That branch was not found.");
  }
  if (!Valid(date)) {
    return core::MakeError(ErrorCode::kInvalidArgument, "invalid date " + date.Iso(), "That date is not valid.");
  }
  return impl_->Hours(it->second, date);
}

core::Result<OpenStatus> PolicyStore::StatusAt(std::string_view branch_id, chrono::system_clock::time_point now) const {
  auto it = impl_->branches.find(branch_id);
  if (it == impl_->branches.end()) {
    return core::MakeError(ErrorCode::kNotFound, "unknown branch '" + std::string(branch_id) + "'",
                           "That branch was not found.");
  }
  const LocalMoment local = impl_->Local(now);
  const DayHours today = impl_->Hours(it->second, local.date);

  OpenStatus status;
  for (size_t i = 0; i < today.intervals.size(); ++i) {
    const int open = Minutes(today.intervals[i].open);
    int close = Minutes(today.intervals[i].close);
    if (local.minute_of_day < open || local.minute_of_day >= close) continue;
    status.open_now = true;
    // Back-to-back intervals read as one opening to a shopper.
    size_t last = i;
    while (last + 1 < today.intervals.size() && Minutes(today.intervals[last + 1].open) <= close) {
      close = std::max(close, Minutes(today.intervals[++last].close));
    }
    status.closes_at = Hhmm(close);
    return status;
  }
  for (const Interval& interval : today.intervals) {
    if (Minutes(interval.open) > local.minute_of_day) {
      status.opens_next = interval.open;
      return status;
    }
  }
  for (int ahead = 1; ahead <= 7; ++ahead) {
    const DayHours day = impl_->Hours(it->second, AddDays(local.date, ahead));
    if (!day.intervals.empty()) {
      status.opens_next = std::string(WeekdayShort(day.date.weekday)) + " " + day.intervals.front().open;
      return status;
    }
  }
  return status;
}

}  // namespace retrieval
