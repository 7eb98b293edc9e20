#include "services/understanding/entities/dates.h"

#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "services/understanding/entities/quantities.h"
#include "services/understanding/entities/text.h"

namespace services::entities {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysIn(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// "24", "24th", "1st", "22nd", "3rd" -> 1..31.
std::optional<int> DayOf(std::string_view w) {
  Numeric n = SplitNumeric(w);
  if (!n.ok || n.decimals > 0 || n.value < 1 || n.value > 31) return std::nullopt;
  if (!n.suffix.empty() && !In({"st", "nd", "rd", "th"}, n.suffix)) return std::nullopt;
  return static_cast<int>(n.value);
}

void SetDate(ScanState& s, int year, int month, int day, bool year_given) {
  Entities& found = s.found();
  if (found.date) return;
  const ExtractionContext& context = s.context();
  if (!year_given) {
    year = context.current_year;
    if (month < context.current_month || (month == context.current_month && day < context.current_day)) ++year;
    while (day > DaysIn(month, year)) ++year;  // 29 February: the next leap year
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  found.date = buffer;
}

// Counts the digits at i, stopping at max_digits + 1 so a caller can tell
// "exactly max_digits" from a longer run.
size_t DigitsAt(std::string_view raw, size_t i, size_t max_digits) {
  size_t n = 0;
  while (i + n < raw.size() && n <= max_digits && IsDigit(raw[i + n])) ++n;
  return n;
}

int NumberAt(std::string_view raw, size_t at, size_t len) { return std::stoi(std::string(raw.substr(at, len))); }

// "1/2 kg", "1 1/2 lb", "3/4 of": the fraction starting at raw offset i, with
// a whole number of up to three digits before it.
void ScanFraction(ScanState& s, size_t i, int numerator, int denominator, size_t end, std::string_view unit_word,
                  ScanState::RawCursor* cursor) {
  std::string_view raw = s.raw();
  size_t begin = i;
  double value = static_cast<double>(numerator) / denominator;
  size_t k = i;
  while (k > 0 && raw[k - 1] == ' ') --k;
  size_t whole = k;
  while (whole > 0 && IsDigit(raw[whole - 1])) --whole;
  if (k < i && whole < k && whole + 3 >= k && (whole == 0 || !IsAlnum(raw[whole - 1]))) {
    value += NumberAt(raw, whole, k - whole);
    begin = whole;
  }
  Entities& found = s.found();
  if (!found.quantity && SensibleQuantity(value)) {
    found.quantity = value;
    found.quantity_unit = std::string(UnitOf(unit_word));
  }
  s.ConsumeRaw(begin, end, cursor);
}

// "a/b" or "a/b/y" at raw offset i, where a has a_len (1-2) digits: a date,
// a fraction, "24/7", or nothing.
void ScanSlashDate(ScanState& s, size_t i, size_t a_len, ScanState::RawCursor* cursor) {
  std::string_view raw = s.raw();
  const size_t n = raw.size();
  size_t j = i + a_len;
  size_t b_len = DigitsAt(raw, j + 1, 2);
  if (b_len < 1 || b_len > 2) return;
  size_t end = j + 1 + b_len;
  int year = 0;
  if (end < n && raw[end] == '/') {
    size_t y_len = DigitsAt(raw, end + 1, 4);
    if (y_len != 2 && y_len != 4) return;
    year = NumberAt(raw, end + 1, y_len);
    if (y_len == 2) year += 2000;
    end += 1 + y_len;
  }
  if (end < n && (IsDigit(raw[end]) || raw[end] == '/')) return;
  int a = NumberAt(raw, i, a_len);
  int b = NumberAt(raw, j + 1, b_len);
  size_t w = end;
  while (w < n && raw[w] == ' ') ++w;
  size_t w_end = w;
  while (w_end < n && IsAlpha(raw[w_end])) ++w_end;
  std::string next;
  for (char c : raw.substr(w, w_end - w)) next += Lower(c);
  if (year == 0 && a < b && b <= 8 && next == "of") {
    // "3/4 of a kilo", "1/2 of a pound": the unit after "of" and an article.
    size_t u = w_end;
    auto word_after = [&](size_t from, size_t* word_end) {
      while (from < n && raw[from] == ' ') ++from;
      size_t e2 = from;
      while (e2 < n && IsAlpha(raw[e2]) && e2 - from < 16) ++e2;
      std::string word;
      for (char c : raw.substr(from, e2 - from)) word += Lower(c);
      *word_end = e2;
      return word;
    };
    size_t u_end = 0;
    std::string unit = word_after(u, &u_end);
    if (unit == "a" || unit == "an") unit = word_after(u_end, &u_end);
    if (IsWeightUnit(unit)) return ScanFraction(s, i, a, b, u_end, unit, cursor);
    return ScanFraction(s, i, a, b, end, next, cursor);  // "7/8 of": no unit
  }
  if (year == 0 && a < b && b <= 8 && IsWeightUnit(next)) {
    ScanFraction(s, i, a, b, w_end, next, cursor);  // "1/2 kg", "1 1/2 lb"
    return;
  }
  if (year == 0 && a == 24 && b == 7) return s.ConsumeRaw(i, end, cursor);  // opening hours
  if (w == end && w_end > end) return;  // glued to a word: "24/12th", "1/2kg" is handled above
  if (year == 0 && (!UnitOf(next).empty() || (a == 1 && b <= 4) || (a == 3 && b == 4) || (a == 2 && b == 3))) {
    return;  // a fraction, not a date
  }
  bool day_first = s.context().currency != "USD";
  int day = day_first ? a : b;
  int month = day_first ? b : a;
  auto valid = [&](int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(m, year == 0 ? 2000 : year); };
  if (!valid(month, day)) std::swap(day, month);  // "12/24" typed in a GBP shop
  if (!valid(month, day)) {
    // Shaped like a date but no day of the calendar ("31/02"): its numbers
    // are no quantity either.
    s.ConsumeRaw(i, end, cursor);
    return;
  }
  SetDate(s, year, month, day, year != 0);
  s.ConsumeRaw(i, end, cursor);
}

}  // namespace

void ScanRawDatesAndTimes(ScanState& s) {
  std::string_view raw = s.raw();
  const size_t n = raw.size();
  ScanState::RawCursor cursor;  // shared by every ConsumeRaw below: they run left to right
  auto ends_here = [&](size_t at) { return at >= n || !(IsAlnum(raw[at]) || raw[at] == '/'); };
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(raw[i])) continue;
    if (i > 0 && (IsAlnum(raw[i - 1]) || In({"/", "-", ".", ":", ","}, raw.substr(i - 1, 1)))) {
      while (i + 1 < n && IsDigit(raw[i + 1])) ++i;
      continue;
    }
    size_t a_len = DigitsAt(raw, i, 4);
    size_t j = i + a_len;
    if (a_len == 4 && j < n && (raw[j] == '-' || raw[j] == '/')) {
      char sep = raw[j];
      size_t m_len = DigitsAt(raw, j + 1, 2);
      size_t k = j + 1 + m_len;
      if (m_len >= 1 && m_len <= 2 && k < n && raw[k] == sep) {
        size_t d_len = DigitsAt(raw, k + 1, 2);
        size_t end = k + 1 + d_len;
        if (d_len >= 1 && d_len <= 2 && ends_here(end)) {
          int y = NumberAt(raw, i, 4), m = NumberAt(raw, j + 1, m_len), d = NumberAt(raw, k + 1, d_len);
          if (m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(m, y)) {
            SetDate(s, y, m, d, true);
            s.ConsumeRaw(i, end, &cursor);
          }
        }
      }
    } else if (a_len <= 2 && j < n && raw[j] == '/') {
      ScanSlashDate(s, i, a_len, &cursor);
    } else if (a_len <= 2 && j + 2 < n && raw[j] == ':' && DigitsAt(raw, j + 1, 2) == 2) {
      size_t end = j + 3;
      bool meridiem = end + 1 < n && In({"am", "pm"}, std::string{Lower(raw[end]), Lower(raw[end + 1])});
      if (meridiem) end += 2;
      if (ends_here(end)) s.ConsumeRaw(i, end, &cursor);  // a clock time: its numbers are not quantities
    }
    i += a_len - 1;
  }
}

void ScanMonthDates(ScanState& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    int month = s.Free(i) ? s.Lex(i).month : 0;
    if (month == 0) continue;
    size_t day_at = i + 1 + (s.Tok(i + 1) == "the" ? 1 : 0);
    std::optional<int> day = s.Free(day_at) ? DayOf(s.Tok(day_at)) : std::nullopt;
    size_t first = i, last = day_at;
    if (!day) {
      day_at = s.Before(i) == "of" ? i - 2 : i - 1;
      day = i > 0 && s.Free(day_at) ? DayOf(s.Tok(day_at)) : std::nullopt;
      first = day_at;
      last = i;
    }
    if (!day || *day > DaysIn(month, 2000)) continue;
    Numeric year = s.Num(last + 1);
    bool has_year = s.Free(last + 1) && year.pure() && year.value >= 2000 && year.value <= 2100;
    if (has_year) ++last;
    if (has_year && *day > DaysIn(month, static_cast<int>(year.value))) continue;
    SetDate(s, static_cast<int>(year.value), month, *day, has_year);
    s.Use(first, last);
  }
}

void ScanTimes(ScanState& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    Numeric num = s.Num(i);
    if (!s.Free(i) || !num.ok) continue;
    if (In({"am", "pm"}, num.suffix)) {
      s.Use(i, i);
    } else if (num.pure() && In({"am", "pm", "oclock"}, s.Tok(i + 1))) {
      s.Use(i, i + 1);
    }
  }
}

void ScanDays(ScanState& s) {
  Entities& found = s.found();
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s.Free(i)) continue;
    std::string_view t = s.Tok(i), p1 = s.Before(i), n1 = s.Tok(i + 1);
    const Lexeme& lex = s.Lex(i);
    if (lex.today || (t == "this" && In({"morning", "afternoon", "evening"}, n1))) found.today = true;
    if (lex.tomorrow) found.tomorrow = true;
    if (lex.weekday < 0 || found.weekday) continue;
    // "sun", "sat" and "wed" are also ordinary words.
    // A clock time after it makes it a day too: "sat 6pm", "sun 10 am".
    const Numeric& next = s.Num(i + 1);
    const bool time_next =
        next.ok && (In({"am", "pm"}, next.suffix) || (next.pure() && In({"am", "pm"}, s.Tok(i + 2))));
    if (lex.short_day && s.size() > 1 && !time_next &&
        !In({"on", "this", "next", "by", "for", "until", "till", "til", "before", "after", "every", "from", "open",
             "closed", "deliver", "delivery", "last"},
            p1) &&
        !In({"morning", "afternoon", "evening", "night", "am", "pm"}, n1)) {
      continue;
    }
    found.weekday = lex.weekday;
  }
}

}  // namespace services::entities
