// What one lower-case token means to the entity scanners: its reading as a
// number ("2", "2.5", "2kg", "24th") and its entry in the fixed word table
// (number words, quantity units, months, weekdays, people and time words,
// "today"/"tomorrow").
//
// The table is English and tenant-independent; it is built once on first use
// and immutable afterwards, so every function here is thread-safe.
// Internal to services/understanding: included only by the entity scanners.
#pragma once

#include <optional>
#include <string_view>

#include "services/understanding/entities/text.h"

namespace services::entities {

// A token that starts with a number: "2", "2.5", "2kg" (suffix "kg"), "24th".
struct Numeric {
  bool ok = false;  // starts with 1..12 digits and has no '.' after the number
  double value = 0;
  int decimals = 0;         // digits after the decimal point: "10.50" -> 2
  std::string_view suffix;  // points into the token passed to SplitNumeric
  bool pure() const { return ok && suffix.empty(); }
};

// Reads the number at the start of `token`. Runs of more than 12 digits are
// ids or phone numbers and give ok == false. The suffix views `token`.
Numeric SplitNumeric(std::string_view token);

// One word of the table; a word not in it reads as all defaults.
struct Lexeme {
  std::string_view word;
  std::string_view unit;   // canonical quantity unit: "kilos" -> "kg"
  int number = 0;          // "six" -> 6
  int month = 0;           // 1..12
  int weekday = -1;        // 0 = Monday
  bool short_day = false;  // "mon", "wed", "weds", "sat", "sun": also ordinary words
  bool people = false;     // counts people: "guests", "ppl"
  bool time = false;       // a span or clock word: "hours", "pm"
  bool today = false;      // "today", "tonight", "now"
  bool tomorrow = false;   // "tomorrow", "tmrw"
};

// The entry for a lower-case word; a static all-defaults Lexeme when the word
// is empty or unknown. The reference stays valid for the life of the process.
const Lexeme& Lookup(std::string_view word);

inline std::optional<int> NumberWord(std::string_view w) {
  int n = Lookup(w).number;
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}
inline std::string_view UnitOf(std::string_view w) { return Lookup(w).unit; }
// Units measured on a scale, as opposed to counted ("each", "pack").
inline bool IsWeight(std::string_view unit) { return In({"kg", "g", "lb", "oz", "l", "ml"}, unit); }
inline bool IsWeightUnit(std::string_view w) { return IsWeight(UnitOf(w)); }
inline int MonthOf(std::string_view w) { return Lookup(w).month; }
inline std::optional<int> WeekdayOf(std::string_view w, bool* abbreviated) {
  const Lexeme& l = Lookup(w);
  *abbreviated = l.short_day;
  return l.weekday >= 0 ? std::optional<int>(l.weekday) : std::nullopt;
}

}  // namespace services::entities
