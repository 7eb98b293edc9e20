// PolicyStore: delivery rules and opening hours of one tenant version, and
// answers about dates and times in the tenant's time zone (ICU time zones,
// so DST is right). Thread-safe (immutable after Build).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "core/result.h"
#include "retrieval/geo_store.h"

namespace retrieval {

// A calendar day in the tenant's time zone.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  int weekday = 0;  // 0 = Monday .. 6 = Sunday
  std::string Iso() const;  // "2026-12-25"
  friend bool operator==(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

struct Interval {
  std::string open;   // "08:00"
  std::string close;  // "18:00"
};

struct DayHours {
  CivilDate date;
  std::vector<Interval> intervals;  // empty = closed
  std::string note;                 // closure reason or special-hours reason, may be empty
  bool special = false;             // from a closures entry rather than the weekly hours
};

struct OpenStatus {
  bool open_now = false;
  std::string closes_at;     // when open_now: "18:00"
  std::string opens_next;    // when closed: "08:00" (today) or "Mon 08:00"; empty if never within 7 days
};

struct DeliveryZone {
  std::string id;
  std::string name;
  std::vector<std::string> prefixes;                        // upper-case, no spaces
  std::vector<std::pair<std::string, std::string>> ranges;  // ZIP ranges, inclusive
  std::string branch;                                       // may be empty
  core::Money fee;
  core::Money min_order;
  std::optional<core::Money> free_over;
  std::string eta;
  std::string cutoff;     // "14:00" or empty
  std::vector<int> days;  // 0 = Monday; empty = every day
};

struct DeliveryException {
  std::string date;  // "2026-12-25"
  bool delivers = false;
  std::string note;
};

class PolicyStore {
 public:
  // `delivery` is delivery.json or null, `branches` branches.json or null.
  // kInvalidArgument when `timezone` is unknown to ICU.
  static core::Result<std::unique_ptr<PolicyStore>> Build(const nlohmann::json& delivery,
                                                          const nlohmann::json& branches,
                                                          const std::string& timezone, const std::string& currency);
  ~PolicyStore();

  const std::string& timezone() const;

  // The zone serving the postcode: the longest matching prefix (UK outward
  // codes match whole outward codes: "LS1" does not match "LS12"), else a
  // ZIP range; null when not covered.
  const DeliveryZone* ZoneFor(const Postcode& postcode) const;
  const std::vector<DeliveryZone>& zones() const;
  // The exception for `date` that applies to `zone_id`, if any.
  std::optional<DeliveryException> ExceptionOn(const CivilDate& date, std::string_view zone_id) const;
  bool collection_available() const;
  const std::string& collection_note() const;
  const std::string& delivery_notes() const;

  // Calendar.
  CivilDate Today(std::chrono::system_clock::time_point now) const;
  CivilDate AddDays(const CivilDate& date, int days) const;
  // The next date (today counts) falling on `weekday` (0 = Monday).
  CivilDate NextWeekday(std::chrono::system_clock::time_point now, int weekday) const;
  // "HH:MM" local time now.
  std::string LocalTime(std::chrono::system_clock::time_point now) const;

  // Opening hours of a branch on a date, closures and special hours applied.
  // kNotFound for an unknown branch id.
  core::Result<DayHours> HoursOn(std::string_view branch_id, const CivilDate& date) const;
  core::Result<OpenStatus> StatusAt(std::string_view branch_id, std::chrono::system_clock::time_point now) const;

 private:
  struct Impl;
  explicit PolicyStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "Mon".."Sun" and "Monday".."Sunday".
std::string_view WeekdayShort(int weekday);
std::string_view WeekdayLong(int weekday);

}  // namespace retrieval
