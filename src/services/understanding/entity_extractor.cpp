#include "services/understanding/entity_extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <vector>

namespace services {
namespace {

using retrieval::PostcodeSystem;
using Words = std::initializer_list<std::string_view>;

bool In(Words words, std::string_view word) {
  if (word.empty()) return false;
  for (std::string_view w : words) {
    if (w.size() == word.size() && w[0] == word[0] && w == word) return true;
  }
  return false;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool AllDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

// A token that starts with a number: "2", "2.5", "2kg" (suffix "kg"), "24th".
struct Numeric {
  bool ok = false;
  double value = 0;
  int decimals = 0;
  std::string_view suffix;
  bool pure() const { return ok && suffix.empty(); }
};

Numeric SplitNumeric(std::string_view t) {
  Numeric n;
  size_t i = 0;
  while (i < t.size() && IsDigit(t[i])) n.value = n.value * 10 + (t[i++] - '0');
  if (i == 0 || i > 12) return n;  // longer runs are ids or phone numbers, not amounts
  if (i + 1 < t.size() && t[i] == '.' && IsDigit(t[i + 1])) {
    double scale = 0.1;
    for (++i; i < t.size() && IsDigit(t[i]); ++i, scale /= 10) {
      n.value += (t[i] - '0') * scale;
      ++n.decimals;
    }
  }
  n.suffix = t.substr(i);
  n.ok = n.suffix.find('.') == std::string_view::npos;
  return n;
}

// What one lower-case word means to the scanners. Looked up in a sorted,
// immutable table built on first use: a message has many tokens and every
// scanner asks about them, so a linear list per question is too slow.
struct Lexeme {
  std::string_view word;
  std::string_view unit;   // canonical quantity unit: "kilos" -> "kg"
  int number = 0;          // "six" -> 6
  int month = 0;           // 1..12
  int weekday = -1;        // 0 = Monday
  bool short_day = false;  // "sun", "sat", "wed" are also ordinary words
  bool people = false;     // counts people: "guests", "ppl"
  bool time = false;       // a span or clock word: "hours", "pm"
  bool today = false;      // "today", "tonight", "now"
  bool tomorrow = false;   // "tomorrow", "tmrw"
};

std::vector<Lexeme> BuildLexicon() {
  std::vector<Lexeme> lexicon;
  auto entry = [&lexicon](std::string_view word) -> Lexeme& {
    for (Lexeme& l : lexicon) {
      if (l.word == word) return l;
    }
    lexicon.emplace_back();
    lexicon.back().word = word;
    return lexicon.back();
  };
  struct Unit {
    std::string_view canonical;
    Words words;
  };
  // "pounds" reaching a quantity scanner is weight: money in pounds is taken first.
  const Unit units[] = {
      {"kg", {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"}},
      {"g", {"g", "gr", "grm", "gram", "grams", "gramme", "grammes"}},
      {"lb", {"lb", "lbs", "pound", "pounds"}},
      {"oz", {"oz", "ounce", "ounces"}},
      {"l", {"l", "litre", "litres", "liter", "liters", "ltr"}},
      {"ml", {"ml", "millilitre", "millilitres", "milliliter", "milliliters"}},
      {"each", {"each", "ea", "piece", "pieces", "pc", "pcs", "item", "items", "units"}},
      {"pack", {"pack", "packs", "pk", "pks", "packet", "packets"}},
      {"box", {"box", "boxes"}},
      {"portion", {"portion", "portions"}},
      {"slice", {"slice", "slices"}},
      {"bag", {"bag", "bags"}},
      {"tray", {"tray", "trays"}},
  };
  for (const Unit& unit : units) {
    for (std::string_view w : unit.words) entry(w).unit = unit.canonical;
  }
  const Words numbers = {"one",     "two",     "three",     "four",     "five",     "six",      "seven",
                         "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  int value = 1;
  for (std::string_view w : numbers) entry(w).number = value++;
  entry("thirty").number = 30;
  entry("forty").number = 40;
  entry("fifty").number = 50;
  const Words months[] = {{"january", "jan"},
                          {"february", "feb"},
                          {"march", "mar"},
                          {"april", "apr"},
                          {"may"},
                          {"june", "jun"},
                          {"july", "jul"},
                          {"august", "aug"},
                          {"september", "sep", "sept"},
                          {"october", "oct"},
                          {"november", "nov"},
                          {"december", "dec"}};
  for (int m = 0; m < 12; ++m) {
    for (std::string_view w : months[m]) entry(w).month = m + 1;
  }
  const Words full_days[] = {{"monday", "mondays"},     {"tuesday", "tuesdays"}, {"wednesday", "wednesdays"},
                             {"thursday", "thursdays"}, {"friday", "fridays"},   {"saturday", "saturdays"},
                             {"sunday", "sundays"}};
  const Words short_days[] = {{"mon"}, {"tue", "tues"}, {"wed", "weds"}, {"thu", "thur", "thurs"},
                              {"fri"}, {"sat"},         {"sun"}};
  for (int d = 0; d < 7; ++d) {
    for (std::string_view w : full_days[d]) entry(w).weekday = d;
    for (std::string_view w : short_days[d]) {
      entry(w).weekday = d;
      entry(w).short_day = true;
    }
  }
  for (std::string_view w : {"people", "person", "persons", "ppl", "peeps", "guests", "guest", "adults", "adult", "pax",
                             "diners", "folks", "heads", "kids", "children", "mouths"}) {
    entry(w).people = true;
  }
  for (std::string_view w :
       {"am",  "pm",   "oclock", "o",     "hour",  "hours",  "hr",   "hrs",   "min",   "mins",  "minutes",
        "day", "days", "week",   "weeks", "month", "months", "year", "years", "night", "nights"}) {
    entry(w).time = true;
  }
  for (std::string_view w : {"today", "tonight", "tonite", "now"}) entry(w).today = true;
  for (std::string_view w :
       {"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "tomoz", "2moro", "2morrow"}) {
    entry(w).tomorrow = true;
  }
  std::sort(lexicon.begin(), lexicon.end(), [](const Lexeme& a, const Lexeme& b) { return a.word < b.word; });
  return lexicon;
}

const Lexeme& Lookup(std::string_view word) {
  static const std::vector<Lexeme> kLexicon = BuildLexicon();
  static const Lexeme kUnknown{};
  if (word.empty()) return kUnknown;
  auto it = std::lower_bound(kLexicon.begin(), kLexicon.end(), word, [](const Lexeme& l, std::string_view w) {
    return l.word[0] != w[0] ? l.word[0] < w[0] : l.word < w;  // most steps end on the first byte
  });
  return it != kLexicon.end() && it->word == word ? *it : kUnknown;
}

std::optional<int> NumberWord(std::string_view w) {
  int n = Lookup(w).number;
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}
std::string_view UnitOf(std::string_view w) { return Lookup(w).unit; }
bool IsWeight(std::string_view unit) { return In({"kg", "g", "lb", "oz", "l", "ml"}, unit); }
bool IsWeightUnit(std::string_view w) { return IsWeight(UnitOf(w)); }
int MonthOf(std::string_view w) { return Lookup(w).month; }
std::optional<int> WeekdayOf(std::string_view w, bool* abbreviated) {
  const Lexeme& l = Lookup(w);
  *abbreviated = l.short_day;
  return l.weekday >= 0 ? std::optional<int>(l.weekday) : std::nullopt;
}

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

// Words that look like a name after "I'm" / "this is" / "call me" but are not.
bool IsNotAName(std::string_view w) {
  return In(
      {"looking",    "interested", "after",     "in",          "not",         "from",       "good",        "fine",
       "vegetarian", "vegan",      "hungry",    "here",        "just",        "a",          "an",          "the",
       "ok",         "okay",       "well",      "great",       "sorry",       "new",        "back",        "trying",
       "wondering",  "going",      "getting",   "having",      "planning",    "hoping",     "ready",       "sure",
       "also",       "still",      "very",      "so",          "really",      "allergic",   "gluten",      "coeliac",
       "celiac",     "pregnant",   "on",        "at",          "with",        "buying",     "ordering",    "thinking",
       "asking",     "calling",    "writing",   "texting",     "messaging",   "curious",    "happy",       "glad",
       "tired",      "busy",       "done",      "free",        "available",   "open",       "home",        "out",
       "off",        "about",      "over",      "nearly",      "almost",      "kind",       "like",        "gonna",
       "wanting",    "needing",    "hosting",   "cooking",     "making",      "feeding",    "celebrating", "near",
       "local",      "nearby",     "based",     "currently",   "only",        "too",        "that",        "this",
       "it",         "what",       "my",        "your",        "for",         "to",         "and",         "but",
       "or",         "do",         "can",       "could",       "would",       "will",       "is",          "are",
       "i",          "we",         "you",       "please",      "thanks",      "hi",         "hello",       "hey",
       "me",         "later",      "tomorrow",  "today",       "tonight",     "now",        "asap",        "when",
       "if",         "again",      "urgent",    "confused",    "unsure",      "struggling", "afraid",      "excited",
       "keen",       "desperate",  "starving",  "vegetarians", "pescatarian", "halal",      "kosher",      "diabetic",
       "lactose",    "dairy",      "returning", "customer",    "monday",      "tuesday",    "wednesday",   "thursday",
       "friday",     "saturday",   "sunday",    "mr",          "mrs",         "ms"},
      w);
}

// Minimal UTF-8 decoding for names; -1 for an ill-formed sequence.
int32_t DecodeAt(std::string_view s, size_t i, size_t* length) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  *length = n == 0 ? 1 : n;
  if (n == 0 || i + n > s.size()) return -1;
  if (n == 1) return b;
  int32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (c & 0x3F);
  }
  return cp;
}

// Upper-case initials of the Latin, Greek and Cyrillic names shoppers type.
// Scripts without case never count as capitalised.
bool IsUpperInitial(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
  if (c >= 0x178 && c <= 0x17E) return c == 0x178 || c % 2 == 1;
  if (c >= 0x386 && c <= 0x3AB) return true;
  return c >= 0x400 && c <= 0x42F;
}

int32_t ToUpperInitial(int32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if ((c >= 0x101 && c <= 0x137 && c % 2 == 1) || (c >= 0x14B && c <= 0x177 && c % 2 == 1)) return c - 1;
  if ((c >= 0x13A && c <= 0x148 && c % 2 == 0) || (c >= 0x17A && c <= 0x17E && c % 2 == 0)) return c - 1;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  return c;
}

// "adam" -> "Adam", "ADAM" -> "Adam", "mcDonald" -> "McDonald".
std::string Capitalise(std::string_view word) {
  std::string out;
  bool all_upper = word.size() > 1;
  for (char c : word) all_upper = all_upper && !(c >= 'a' && c <= 'z');
  size_t length = 0;
  int32_t first = DecodeAt(word, 0, &length);
  if (first < 0) {
    out += word.substr(0, length);
  } else {
    retrieval::AppendUtf8(out, static_cast<char32_t>(ToUpperInitial(first)));
  }
  for (char c : word.substr(length)) out += all_upper ? Lower(c) : c;
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view raw, std::string_view normalized, const ExtractionContext& context)
      : raw_(raw), context_(context), raw_used_(raw.size(), false) {
    size_t start = 0;
    while (start < normalized.size()) {
      size_t space = std::min(normalized.find(' ', start), normalized.size());
      if (space > start) {
        std::string_view text = normalized.substr(start, space - start);
        tokens_.push_back({text, false, SplitNumeric(text), &Lookup(text)});
      }
      start = space + 1;
    }
  }

  Entities Run() {
    ScanEmail();
    ScanRawDatesAndTimes();
    ScanPhone();
    ScanMoney();
    ScanMonthDates();
    ScanTimes();
    ScanPeople();
    ScanFullUkPostcode();
    ScanUnitQuantities();
    ScanZip();
    ScanOutwardPostcode();
    ScanBareQuantity();
    ScanDays();
    ScanName();
    return std::move(out_);
  }

 private:
  struct Token {
    std::string_view text;
    bool used;
    Numeric num;  // looked up once: every scanner asks
    const Lexeme* lex;
  };
  struct Count {
    double value;
    size_t last;  // index of the last token of the number ("a dozen" spans two)
  };
  enum class Bound { kNone, kMax, kMin };

  std::string_view Tok(size_t i) const { return i < tokens_.size() ? tokens_[i].text : std::string_view(); }
  // Token before i, empty at the start (i - 1 wraps to an out-of-range index).
  std::string_view Before(size_t i, size_t back = 1) const { return i >= back ? Tok(i - back) : std::string_view(); }
  const Numeric& Num(size_t i) const {
    static const Numeric kNone{};
    return i < tokens_.size() ? tokens_[i].num : kNone;
  }
  const Lexeme& Lex(size_t i) const { return i < tokens_.size() ? *tokens_[i].lex : Lookup({}); }
  bool Free(size_t i) const { return i < tokens_.size() && !tokens_[i].used; }
  void Use(size_t first, size_t last) {
    for (size_t i = first; i <= last && i < tokens_.size(); ++i) tokens_[i].used = true;
  }

  // Marks raw bytes [begin, end) and the tokens they normalise to as taken,
  // so a phone number's digits are not read again as a quantity or a ZIP.
  // The token search starts at *cursor: a left-to-right scan passes the same
  // cursor so a long message stays linear.
  void ConsumeRaw(size_t begin, size_t end, size_t* cursor) {
    std::fill(raw_used_.begin() + static_cast<long>(begin), raw_used_.begin() + static_cast<long>(end), true);
    std::vector<std::string> pieces = retrieval::SplitTokens(normalizer_.Normalize(raw_.substr(begin, end - begin)));
    if (pieces.empty() || pieces.size() > tokens_.size()) return;
    for (size_t i = *cursor; i + pieces.size() <= tokens_.size(); ++i) {
      bool match = true;
      for (size_t k = 0; k < pieces.size() && match; ++k) match = Free(i + k) && Tok(i + k) == pieces[k];
      if (!match) continue;
      Use(i, i + pieces.size() - 1);
      *cursor = i + pieces.size();
      return;
    }
  }

  void SetDate(int year, int month, int day, bool year_given) {
    if (out_.date) return;
    if (!year_given) {
      year = context_.current_year;
      if (month < context_.current_month || (month == context_.current_month && day < context_.current_day)) ++year;
      while (day > DaysIn(month, year)) ++year;  // 29 February: the next leap year
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    out_.date = buffer;
  }

  // ---- Raw-text scanners: what normalisation would destroy ----

  void ScanEmail() {
    auto local_char = [](char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
    auto domain_char = [](char c) { return IsAlnum(c) || c == '.' || c == '-'; };
    for (size_t at = raw_.find('@'); at != std::string_view::npos; at = raw_.find('@', at + 1)) {
      size_t begin = at;
      while (begin > 0 && local_char(raw_[begin - 1])) --begin;
      while (begin < at && raw_[begin] == '.') ++begin;
      size_t end = at + 1;
      while (end < raw_.size() && domain_char(raw_[end])) ++end;
      while (end > at + 1 && (raw_[end - 1] == '.' || raw_[end - 1] == '-')) --end;  // "...@x.com."
      std::string_view domain = raw_.substr(at + 1, end - at - 1);
      size_t dot = domain.rfind('.');
      if (begin == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3 ||
          domain.find("..") != std::string_view::npos || !IsAlpha(domain.back())) {
        continue;
      }
      std::string email;
      for (char c : raw_.substr(begin, end - begin)) email += Lower(c);
      out_.email = std::move(email);
      size_t cursor = 0;
      ConsumeRaw(begin, end, &cursor);
      return;
    }
  }

  // Counts the digits at i, stopping at max_digits + 1 so a caller can tell
  // "exactly max_digits" from a longer run.
  size_t DigitsAt(size_t i, size_t max_digits) const {
    size_t n = 0;
    while (i + n < raw_.size() && n <= max_digits && IsDigit(raw_[i + n])) ++n;
    return n;
  }

  // "2026-12-24", "24/12", "24/12/2026", "12/24" (USD: month first), "18:30".
  void ScanRawDatesAndTimes() {
    const size_t n = raw_.size();
    for (size_t i = 0; i < n; ++i) {
      if (!IsDigit(raw_[i])) continue;
      if (i > 0 && (IsAlnum(raw_[i - 1]) || In({"/", "-", ".", ":", ","}, raw_.substr(i - 1, 1)))) {
        while (i + 1 < n && IsDigit(raw_[i + 1])) ++i;
        continue;
      }
      size_t a_len = DigitsAt(i, 4);
      size_t j = i + a_len;
      auto number = [&](size_t at, size_t len) { return std::stoi(std::string(raw_.substr(at, len))); };
      auto ends_here = [&](size_t at) { return at >= n || !(IsAlnum(raw_[at]) || raw_[at] == '/'); };
      if (a_len == 4 && j < n && (raw_[j] == '-' || raw_[j] == '/')) {
        char sep = raw_[j];
        size_t m_len = DigitsAt(j + 1, 2);
        size_t k = j + 1 + m_len;
        if (m_len >= 1 && m_len <= 2 && k < n && raw_[k] == sep) {
          size_t d_len = DigitsAt(k + 1, 2);
          size_t end = k + 1 + d_len;
          if (d_len >= 1 && d_len <= 2 && ends_here(end)) {
            int y = number(i, 4), m = number(j + 1, m_len), d = number(k + 1, d_len);
            if (m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(m, y)) {
              SetDate(y, m, d, true);
              ConsumeRaw(i, end, &date_cursor_);
            }
          }
        }
      } else if (a_len <= 2 && j < n && raw_[j] == '/') {
        ScanSlashDate(i, a_len);
      } else if (a_len <= 2 && j + 2 < n && raw_[j] == ':' && DigitsAt(j + 1, 2) == 2) {
        size_t end = j + 3;
        bool meridiem = end + 1 < n && In({"am", "pm"}, std::string{Lower(raw_[end]), Lower(raw_[end + 1])});
        if (meridiem) end += 2;
        if (ends_here(end)) ConsumeRaw(i, end, &date_cursor_);  // a clock time: its numbers are not quantities
      }
      i += a_len - 1;
    }
  }

  void ScanSlashDate(size_t i, size_t a_len) {
    const size_t n = raw_.size();
    size_t j = i + a_len;
    size_t b_len = DigitsAt(j + 1, 2);
    if (b_len < 1 || b_len > 2) return;
    size_t end = j + 1 + b_len;
    int year = 0;
    if (end < n && raw_[end] == '/') {
      size_t y_len = DigitsAt(end + 1, 4);
      if (y_len != 2 && y_len != 4) return;
      year = std::stoi(std::string(raw_.substr(end + 1, y_len)));
      if (y_len == 2) year += 2000;
      end += 1 + y_len;
    }
    if (end < n && (IsDigit(raw_[end]) || raw_[end] == '/')) return;
    int a = std::stoi(std::string(raw_.substr(i, a_len)));
    int b = std::stoi(std::string(raw_.substr(j + 1, b_len)));
    size_t w = end;
    while (w < n && raw_[w] == ' ') ++w;
    size_t w_end = w;
    while (w_end < n && IsAlpha(raw_[w_end])) ++w_end;
    std::string next;
    for (char c : raw_.substr(w, w_end - w)) next += Lower(c);
    if (year == 0 && a < b && b <= 8 && (IsWeightUnit(next) || next == "of")) {
      ScanFraction(i, a, b, next == "of" ? end : w_end, next);  // "1/2 kg", "1 1/2 lb"
      return;
    }
    if (year == 0 && a == 24 && b == 7) return ConsumeRaw(i, end, &date_cursor_);  // opening hours
    if (w == end && w_end > end) return;  // glued to a word: "24/12th", "1/2kg" is handled above
    if (year == 0 && (!UnitOf(next).empty() || (a == 1 && b <= 4) || (a == 3 && b == 4) || (a == 2 && b == 3))) {
      return;  // a fraction, not a date
    }
    bool day_first = context_.currency != "USD";
    int day = day_first ? a : b;
    int month = day_first ? b : a;
    auto valid = [&](int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(m, year == 0 ? 2000 : year); };
    if (!valid(month, day)) std::swap(day, month);  // "12/24" typed in a GBP shop
    if (!valid(month, day)) return;
    SetDate(year, month, day, year != 0);
    ConsumeRaw(i, end, &date_cursor_);
  }

  void ScanFraction(size_t i, int numerator, int denominator, size_t end, std::string_view unit_word) {
    size_t begin = i;
    double value = static_cast<double>(numerator) / denominator;
    size_t k = i;
    while (k > 0 && raw_[k - 1] == ' ') --k;
    size_t whole = k;
    while (whole > 0 && IsDigit(raw_[whole - 1])) --whole;
    if (k < i && whole < k && whole + 3 >= k && (whole == 0 || !IsAlnum(raw_[whole - 1]))) {
      value += std::stoi(std::string(raw_.substr(whole, k - whole)));
      begin = whole;
    }
    if (!out_.quantity) {
      out_.quantity = value;
      out_.quantity_unit = std::string(UnitOf(unit_word));
    }
    ConsumeRaw(begin, end, &date_cursor_);
  }

  bool PhoneMayStartAt(size_t i) const {
    if (i == 0) return true;
    char p = raw_[i - 1];
    if (IsAlnum(p) || In({"$", ".", ",", "/", ":", "-", "+"}, raw_.substr(i - 1, 1))) return false;
    if (i >= 2 && raw_.substr(i - 2, 2) == "\xC2\xA3") return false;      // £
    if (i >= 3 && raw_.substr(i - 3, 3) == "\xE2\x82\xAC") return false;  // €
    return true;
  }

  // 10-15 digits in groups: "07700 900123", "+44 7700 900123", "(503) 555-0134".
  void ScanPhone() {
    const size_t n = raw_.size();
    size_t i = 0;
    while (i < n) {
      char c = raw_[i];
      if (!(c == '+' || c == '(' || IsDigit(c)) || raw_used_[i] || !PhoneMayStartAt(i)) {
        ++i;
        continue;
      }
      size_t j = i + (c == '+' ? 1 : 0);
      std::string digits;
      size_t end = i;
      int groups = 0;
      while (j < n && digits.size() <= 15) {
        if (c == '+' && groups == 1 && raw_.substr(j, 3) == "(0)") {
          j += 3;  // "+44 (0)7700 900123": the trunk 0 is not dialled from abroad
          while (j < n && raw_[j] == ' ') ++j;
          continue;
        }
        size_t g = j;
        bool paren = raw_[g] == '(';
        if (paren) ++g;
        size_t d = g;
        while (d < n && IsDigit(raw_[d]) && !raw_used_[d]) ++d;
        // A later group of 10+ digits is a number of its own ("97214 5035550134").
        if (d == g || (groups > 0 && (d - g < 2 || d - g >= 10))) break;
        if (paren && (d >= n || raw_[d] != ')')) break;
        digits.append(raw_.substr(g, d - g));
        if (paren) ++d;
        ++groups;
        end = d;
        if (groups == 1 && digits.size() >= 10) break;
        size_t k = d;
        while (k < n && k < d + 3 && (raw_[k] == ' ' || raw_[k] == '-')) ++k;
        if (k == d && !(k < n && raw_[k] == '(')) break;
        j = k;
      }
      bool price_like = end + 1 < n && (raw_[end] == '.' || raw_[end] == ',') && IsDigit(raw_[end + 1]);
      bool glued = end < n && IsAlnum(raw_[end]);
      if (digits.size() >= 10 && digits.size() <= 15 && !price_like && !glued) {
        out_.phone = (c == '+' ? "+" : "") + digits;
        size_t cursor = 0;
        ConsumeRaw(i, end, &cursor);
        return;
      }
      i = std::max(end, i + 1);
    }
  }

  // ---- Token scanners ----

  std::string DollarCurrency() const {
    return In({"USD", "CAD", "AUD", "NZD"}, context_.currency) ? context_.currency : "USD";
  }

  // The currency a word or sign names, "" if none; "p"/"cents" set *minor.
  std::string CurrencyOf(std::string_view w, std::string_view next, bool* minor) const {
    *minor = false;
    if (In({"£", "gbp", "quid"}, w)) return "GBP";
    // "10 pounds" is money in a pound shop, weight elsewhere or before "of".
    if (In({"pounds", "pound"}, w)) return context_.currency == "GBP" && next != "of" ? "GBP" : "";
    if (In({"$", "dollars", "dollar", "bucks", "buck", "usd"}, w)) return w == "$" ? DollarCurrency() : "USD";
    if (In({"€", "euros", "euro", "eur"}, w)) return "EUR";
    *minor = true;
    if (In({"p", "pence"}, w)) return "GBP";
    if (In({"cents", "cent"}, w)) return DollarCurrency();
    *minor = false;
    return "";
  }

  struct MoneyMatch {
    core::Money money;
    size_t first, last;
  };

  std::optional<MoneyMatch> MoneyAt(size_t i) const {
    if (!Free(i)) return std::nullopt;
    bool minor = false;
    std::string_view t = Tok(i);
    Numeric next = Num(i + 1);
    if (In({"£", "$", "€"}, t) && next.pure() && Free(i + 1)) {
      return MoneyMatch{core::Money::FromMajor(next.value, CurrencyOf(t, "", &minor)), i, i + 1};
    }
    if (t == "tenner" || t == "fiver") {
      size_t first = Before(i) == "a" && i > 0 && Free(i - 1) ? i - 1 : i;
      return MoneyMatch{core::Money::FromMajor(t == "tenner" ? 10 : 5, "GBP"), first, i};
    }
    const Numeric& num = Num(i);
    if (!num.ok) return std::nullopt;
    if (num.pure() && Free(i + 1)) {
      std::string currency = CurrencyOf(Tok(i + 1), Tok(i + 2), &minor);
      if (!currency.empty()) {
        return MoneyMatch{core::Money::FromMajor(minor ? num.value / 100 : num.value, currency), i, i + 1};
      }
    }
    if (!num.suffix.empty()) {
      std::string currency = CurrencyOf(num.suffix, Tok(i + 1), &minor);
      if (!currency.empty()) {
        return MoneyMatch{core::Money::FromMajor(minor ? num.value / 100 : num.value, currency), i, i};
      }
    }
    if (num.pure() && num.decimals == 2 && !IsWeight(Lex(i + 1).unit)) {
      return MoneyMatch{core::Money::FromMajor(num.value, context_.currency), i, i};  // "10.50"
    }
    return std::nullopt;
  }

  Bound CueBefore(size_t first) const {
    std::string_view t1 = Before(first), t2 = Before(first, 2), t3 = Before(first, 3);
    if (In({"under", "below", "max", "maximum", "upto", "within", "beneath", "lessthan"}, t1)) return Bound::kMax;
    if (In({"over", "above", "min", "minimum", "atleast"}, t1)) return Bound::kMin;
    if (t1 == "than") {
      if (In({"less", "cheaper", "lower", "fewer"}, t2)) return t3 == "no" ? Bound::kMin : Bound::kMax;
      if (In({"more", "greater", "higher", "over"}, t2)) return In({"no", "not"}, t3) ? Bound::kMax : Bound::kMin;
    }
    if (t1 == "to" && t2 == "up") return Bound::kMax;
    if (t1 == "most" && t2 == "at") return Bound::kMax;
    if (t1 == "least" && t2 == "at") return Bound::kMin;
    if (t1 == "of" && In({"max", "maximum"}, t2)) return Bound::kMax;
    if (t1 == "of" && In({"min", "minimum"}, t2)) return Bound::kMin;
    if (t1 == "budget" || (In({"is", "of", "around", "about"}, t1) && t2 == "budget")) return Bound::kMax;
    return Bound::kNone;
  }

  Bound CueAfter(size_t last) const {
    std::string_view n1 = Tok(last + 1), n2 = Tok(last + 2);
    if (In({"max", "maximum", "tops", "limit"}, n1)) return Bound::kMax;
    if (In({"or", "and"}, n1) && In({"less", "under", "below", "cheaper", "lower"}, n2)) return Bound::kMax;
    if (In({"minimum", "min", "plus"}, n1)) return Bound::kMin;
    if (In({"or", "and"}, n1) && In({"more", "over", "above", "higher", "up"}, n2)) return Bound::kMin;
    return Bound::kNone;
  }

  // A bare number after a budget cue is money ("below 10") unless a word
  // says what it counts ("more than 2 steaks", "under 5 kg").
  bool BareBudgetNumber(size_t i) const {
    return Free(i) && Num(i).pure() && CueBefore(i) != Bound::kNone && MoneyFollower(Tok(i + 1));
  }

  static bool MoneyFollower(std::string_view n1) {
    return n1.empty() ||
           In({"for",  "please", "pls",     "a",      "per",  "each",   "and", "or",       "if",        "total", "ish",
               "tops", "max",    "maximum", "budget", "on",   "thanks", "is",  "would",    "will",      "but",   "so",
               "i",    "we",     "can",     "do",     "what", "how",    "any", "anything", "something", "with"},
              n1);
  }

  void Assign(Bound bound, core::Money money) {
    std::optional<core::Money>& slot = bound == Bound::kMax   ? out_.budget_max
                                       : bound == Bound::kMin ? out_.budget_min
                                                              : out_.amount;
    if (!slot) slot = std::move(money);
  }

  // "between £10 and £20", "between 10 and 20 dollars", "between 10 and 20".
  void ScanBetween() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (Tok(i) != "between") continue;
      std::optional<MoneyMatch> low = MoneyAt(i + 1);
      bool low_bare = !low && Free(i + 1) && Num(i + 1).pure();
      size_t high_at = (low ? low->last : i + 1) + 2;
      if ((!low && !low_bare) || !In({"and", "to"}, Tok(high_at - 1))) continue;
      std::optional<MoneyMatch> high = MoneyAt(high_at);
      bool high_bare = !high && Free(high_at) && Num(high_at).pure();
      if ((!high && !high_bare) || (!low && !high && !MoneyFollower(Tok(high_at + 1)))) continue;
      std::string currency = low ? low->money.currency : high ? high->money.currency : context_.currency;
      Assign(Bound::kMin, low ? low->money : core::Money::FromMajor(Num(i + 1).value, currency));
      Assign(Bound::kMax, high ? high->money : core::Money::FromMajor(Num(high_at).value, currency));
      Use(i + 1, high ? high->last : high_at);
    }
  }

  void ScanMoney() {
    ScanBetween();
    for (size_t i = 0; i < tokens_.size(); ++i) {
      std::optional<MoneyMatch> m = MoneyAt(i);
      if (!m && BareBudgetNumber(i)) m = MoneyMatch{core::Money::FromMajor(Num(i).value, context_.currency), i, i};
      if (!m) continue;
      Use(m->first, m->last);
      Bound bound = CueBefore(m->first);
      if (bound == Bound::kNone) bound = CueAfter(m->last);
      Assign(bound, std::move(m->money));
      i = m->last;
    }
  }

  // "24th december", "24 of dec", "december 24", "dec the 24th 2026".
  void ScanMonthDates() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      int month = Free(i) ? Lex(i).month : 0;
      if (month == 0) continue;
      size_t day_at = i + 1 + (Tok(i + 1) == "the" ? 1 : 0);
      std::optional<int> day = Free(day_at) ? DayOf(Tok(day_at)) : std::nullopt;
      size_t first = i, last = day_at;
      if (!day) {
        day_at = Before(i) == "of" ? i - 2 : i - 1;
        day = i > 0 && Free(day_at) ? DayOf(Tok(day_at)) : std::nullopt;
        first = day_at;
        last = i;
      }
      if (!day || *day > DaysIn(month, 2000)) continue;
      Numeric year = Num(last + 1);
      bool has_year = Free(last + 1) && year.pure() && year.value >= 2000 && year.value <= 2100;
      if (has_year) ++last;
      if (has_year && *day > DaysIn(month, static_cast<int>(year.value))) continue;
      SetDate(static_cast<int>(year.value), month, *day, has_year);
      Use(first, last);
    }
  }

  // Clock times are consumed so "at 6pm" is not a quantity of six.
  void ScanTimes() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      Numeric num = Num(i);
      if (!Free(i) || !num.ok) continue;
      if (In({"am", "pm"}, num.suffix)) {
        Use(i, i);
      } else if (num.pure() && In({"am", "pm", "oclock"}, Tok(i + 1))) {
        Use(i, i + 1);
      }
    }
  }

  // A whole count: "6", "six", "a dozen", "two dozen", "half a dozen", "a couple".
  std::optional<Count> CountAt(size_t i) const {
    if (!Free(i)) return std::nullopt;
    std::string_view t = Tok(i), n1 = Tok(i + 1);
    std::optional<Count> c;
    const Numeric& num = Num(i);
    if (num.pure()) {
      c = Count{num.value, i};
    } else if (Lex(i).number > 0) {
      c = Count{static_cast<double>(Lex(i).number), i};
    } else if (t == "dozen") {
      c = Count{12, i};
    } else if (t == "couple" || (t == "a" && n1 == "couple")) {
      c = Count{2, t == "a" ? i + 1 : i};
    } else if (t == "a" && n1 == "dozen") {
      c = Count{12, i + 1};
    } else if (t == "half" && n1 == "dozen") {
      c = Count{6, i + 1};
    } else if (t == "half" && n1 == "a" && Tok(i + 2) == "dozen") {
      c = Count{6, i + 2};
    } else {
      return std::nullopt;
    }
    if (Tok(c->last + 1) == "dozen" && Free(c->last + 1)) {
      c->value *= 12;
      ++c->last;
    }
    if (Tok(c->last + 1) == "of" && Tok(c->last) == "couple") ++c->last;
    for (size_t k = i; k <= c->last; ++k) {
      if (!Free(k)) return std::nullopt;
    }
    return c;
  }

  static bool WholeCount(const std::optional<Count>& c) {
    return c && c->value >= 1 && c->value <= 1000 && c->value == std::floor(c->value);
  }

  // After "for N", words that still let N be a party size ("for 6 on sunday").
  static bool PartyFollower(std::string_view w) {
    bool abbreviated = false;
    return w.empty() || WeekdayOf(w, &abbreviated) ||
           In({"and",     "on",     "this",      "next",     "tomorrow",   "tmrw",        "today",
               "tonight", "at",     "please",    "pls",      "thanks",     "thank",       "with",
               "from",    "in",     "delivered", "delivery", "collection", "pickup",      "what",
               "how",     "do",     "can",       "is",       "would",      "will",        "or",
               "but",     "so",     "then",      "by",       "if",         "we",          "i",
               "it",      "how",    "any",       "ideas",    "options",    "suggestions", "recommendations",
               "what",    "which",  "under",     "over",     "budget",     "around",      "about",
               "max",     "hungry", "adults",    "kids"},
              w);
  }

  void ScanPeople() {
    for (size_t i = 0; i < tokens_.size() && !out_.people; ++i) {
      std::optional<Count> c = CountAt(i);
      if (!WholeCount(c)) continue;
      size_t last = c->last;
      std::string_view n1 = Tok(last + 1), p1 = Before(i), p2 = Before(i, 2);
      bool people = false;
      if (Lex(last + 1).people) {
        people = true;
        ++last;
      } else if (n1 == "of" && Tok(last + 2) == "us") {
        people = true;
        last += 2;
      } else if (In({"feeds", "feed", "serves", "serve", "serving", "feeding"}, p1) ||
                 (p1 == "of" && In({"party", "group", "family", "table", "team"}, p2)) || (p1 == "are" && p2 == "we")) {
        people = true;
      } else if (p1 == "for" && !SplitNumeric(p2).ok && !NumberWord(p2) && PartyFollower(n1) &&
                 !In({"price", "prices", "cost", "costs", "deal", "offer"}, p2)) {
        people = true;  // "bbq box for 6"; "3 for 10" is a deal, "price for 3" a count
      } else if (p1 == "were" && !In({"there", "they", "you", "these", "those"}, p2) &&
                 (PartyFollower(n1) || In({"need", "want", "looking", "coming", "so"}, n1))) {
        people = true;  // "we're 6" (normalised "were 6")
      }
      if (!people) continue;
      int total = static_cast<int>(c->value);
      Use(i, last);
      // "4 adults and 2 kids"
      while (Tok(last + 1) == "and") {
        std::optional<Count> more = CountAt(last + 2);
        if (!WholeCount(more) || !Lex(more->last + 1).people) break;
        total += static_cast<int>(more->value);
        last = more->last + 1;
        Use(i, last);
      }
      out_.people = total;
    }
  }

  void SetQuantity(double value, std::string_view unit, size_t first, size_t last) {
    Use(first, last);
    if (out_.quantity) return;
    out_.quantity = value;
    out_.quantity_unit = std::string(unit);
  }

  void ScanUnitQuantities() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (!Free(i)) continue;
      std::string_view t = Tok(i);
      const Numeric& num = Num(i);
      if (num.ok && !num.suffix.empty()) {
        if (!UnitOf(num.suffix).empty()) {
          SetQuantity(num.value, UnitOf(num.suffix), i, i);  // "2kg"
        } else if (num.suffix == "x") {
          SetQuantity(num.value, "", i, i);  // "2x"
        }
        continue;
      }
      if (t.size() > 1 && t[0] == 'x' && AllDigits(t.substr(1))) {
        SetQuantity(SplitNumeric(t.substr(1)).value, "", i, i);  // "x2"
        continue;
      }
      if (std::optional<Count> c = CountAt(i)) {
        if (Tok(c->last + 1) == "and" && Tok(c->last + 2) == "a" && Tok(c->last + 3) == "half" &&
            IsWeight(Lex(c->last + 4).unit) && Free(c->last + 4)) {
          SetQuantity(c->value + 0.5, Lex(c->last + 4).unit, i, c->last + 4);  // "1 and a half kilos"
          continue;
        }
        std::string_view next = Tok(c->last + 1);
        if (Free(c->last + 1) && !Lex(c->last + 1).unit.empty()) {
          SetQuantity(c->value, Lex(c->last + 1).unit, i, c->last + 1);
        } else if (Free(c->last + 1) && next == "x") {
          SetQuantity(c->value, "", i, c->last + 1);
        }
        continue;
      }
      // "half a kilo", "quarter of a pound", "a kilo"
      double fraction = t == "half" ? 0.5 : t == "quarter" ? 0.25 : In({"a", "an"}, t) ? 1 : 0;
      size_t j = i + 1;
      if (fraction < 1) {
        while (In({"a", "an", "of"}, Tok(j)) && j < i + 3) ++j;
      }
      if (fraction > 0 && Free(j) && IsWeight(Lex(j).unit)) SetQuantity(fraction, Lex(j).unit, i, j);
    }
  }

  // Cheap shape test before ParsePostcode: a letter first, a digit somewhere.
  static bool MaybeUkCode(std::string_view t) {
    return t.size() >= 2 && t.size() <= 7 && IsAlpha(t[0]) && std::any_of(t.begin(), t.end(), IsDigit);
  }

  static bool IsDeliveryWord(std::string_view w) {
    return In({"deliver", "delivery", "deliveries", "delivering", "postcode", "area", "code"}, w);
  }

  void ScanFullUkPostcode() {
    if (context_.postcode_system != PostcodeSystem::kUk) return;
    for (size_t i = 0; i < tokens_.size() && !out_.postcode; ++i) {
      if (!Free(i)) continue;
      std::string_view t = Tok(i), n1 = Tok(i + 1);
      if (!MaybeUkCode(t)) continue;
      auto code = retrieval::ParsePostcode(t, PostcodeSystem::kUk);
      if (code && code->full) {
        out_.postcode = std::move(code);
        Use(i, i);
        return;
      }
      if (!code || !Free(i + 1) || n1.size() != 3) continue;
      // "a1 2kg" is an outward-looking word and a weight, not "A1 2KG".
      bool unit_like = !UnitOf(n1.substr(1)).empty() || In({"st", "nd", "rd", "th"}, n1.substr(1));
      if (unit_like && !In({"to", "in"}, Before(i)) && !IsDeliveryWord(Before(i))) continue;
      auto joined = retrieval::ParsePostcode(std::string(t) + " " + std::string(n1), PostcodeSystem::kUk);
      if (joined && joined->full) {
        out_.postcode = std::move(joined);
        Use(i, i + 1);
      }
    }
  }

  // Outward codes are short enough to be product names ("a1 steak"), so
  // only a delivery word or an otherwise empty message makes one a postcode.
  void ScanOutwardPostcode() {
    if (context_.postcode_system != PostcodeSystem::kUk || out_.postcode) return;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (!Free(i) || !MaybeUkCode(Tok(i))) continue;
      auto code = retrieval::ParsePostcode(Tok(i), PostcodeSystem::kUk);
      if (!code) continue;
      std::string_view p1 = Before(i);
      // "2" is text-speak for "to"; words in a script we do not read
      // (Arabic, Urdu...) around a lone code leave the code as the message.
      bool cued = tokens_.size() == 1 || In({"to", "in", "near", "around"}, p1) || IsDeliveryWord(p1) ||
                  (p1 == "2" && (IsDeliveryWord(Before(i, 2)) || Before(i, 2) == "ship")) ||
                  IsDeliveryWord(Tok(i + 1)) || (In({"is", "its"}, p1) && IsDeliveryWord(Before(i, 2))) ||
                  OthersAreForeignScript(i);
      if (!cued) continue;
      out_.postcode = std::move(code);
      Use(i, i);
      return;
    }
  }

  bool OthersAreForeignScript(size_t except) const {
    for (size_t k = 0; k < tokens_.size(); ++k) {
      if (k != except && (Tok(k).empty() || static_cast<unsigned char>(Tok(k)[0]) < 0x80)) return false;
    }
    return tokens_.size() > 1;
  }

  void ScanZip() {
    if (context_.postcode_system != PostcodeSystem::kUsZip) return;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      std::string_view t = Tok(i);
      if (!Free(i) || t.size() != 5 || !AllDigits(t)) continue;
      if (!Lex(i + 1).unit.empty() || Lex(i + 1).people) continue;
      size_t last = i;
      if (Free(i + 1) && Tok(i + 1).size() == 4 && AllDigits(Tok(i + 1))) last = i + 1;  // ZIP+4
      out_.postcode = retrieval::ParsePostcode(t, PostcodeSystem::kUsZip);
      Use(i, last);
      return;
    }
  }

  void ScanBareQuantity() {
    for (size_t i = 0; i < tokens_.size() && !out_.quantity; ++i) {
      std::optional<Count> c = CountAt(i);
      if (!c || c->value <= 0 || c->value > 100000 || Lex(c->last + 1).time || Tok(i) == "one") continue;
      if (In({"at",   "order", "number",    "no",  "ref",   "reference", "id",   "invoice", "code",  "room",  "flat",
              "unit", "house", "apartment", "apt", "suite", "page",      "step", "version", "table", "since", "in"},
             Before(i))) {
        continue;
      }
      Numeric num = Num(i);
      if (num.pure() && Tok(i).size() == 4 && c->value >= 1900 && c->value <= 2100) continue;  // a year
      SetQuantity(c->value, "", i, c->last);
    }
  }

  void ScanDays() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (!Free(i)) continue;
      std::string_view t = Tok(i), p1 = Before(i), n1 = Tok(i + 1);
      if (Lex(i).today || (t == "this" && In({"morning", "afternoon", "evening"}, n1))) out_.today = true;
      if (Lex(i).tomorrow) out_.tomorrow = true;
      if (Lex(i).weekday < 0 || out_.weekday) continue;
      // "sun", "sat" and "wed" are also ordinary words.
      if (Lex(i).short_day && tokens_.size() > 1 &&
          !In({"on", "this", "next", "by", "for", "until", "till", "til", "before", "after", "every", "from", "open",
               "closed", "deliver", "delivery", "last"},
              p1) &&
          !In({"morning", "afternoon", "evening", "night", "am", "pm"}, n1)) {
        continue;
      }
      out_.weekday = Lex(i).weekday;
    }
  }

  // ---- Names: cues in the raw text, capitals from the raw text ----

  // Matches `cue` (lower case; ' ' means any run of spaces) at `at` in the
  // lower-cased raw text; returns the offset just after it.
  std::optional<size_t> MatchCue(const std::string& lower, size_t at, std::string_view cue) const {
    size_t i = at;
    for (char c : cue) {
      if (c == ' ') {
        if (i >= lower.size() || !IsSpace(lower[i])) return std::nullopt;
        while (i < lower.size() && IsSpace(lower[i])) ++i;
      } else {
        if (i >= lower.size() || lower[i] != c) return std::nullopt;
        ++i;
      }
    }
    if (i < lower.size() && !IsSpace(lower[i]) && lower[i] != ':' && cue.back() != ':') return std::nullopt;
    return i;
  }

  // The raw word at `at` after spaces, with trailing punctuation and symbols
  // cut off; empty if it is not a plausible name word.
  std::string_view RawWordAt(size_t at, size_t* end) const {
    const size_t n = raw_.size();
    while (at < n && (IsSpace(raw_[at]) || raw_[at] == ':')) ++at;
    size_t e = at;
    while (e < n && !IsSpace(raw_[e]) &&
           (static_cast<unsigned char>(raw_[e]) >= 0x80 || IsAlpha(raw_[e]) || raw_[e] == '\'' || raw_[e] == '-')) {
      ++e;
    }
    *end = e;
    std::string_view word = raw_.substr(at, e - at);
    while (!word.empty()) {
      size_t last = word.size() - 1;
      while (last > 0 && (static_cast<unsigned char>(word[last]) & 0xC0) == 0x80) --last;
      if (!normalizer_.Normalize(word.substr(last)).empty()) break;
      word = word.substr(0, last);  // "Sara’", "Sara😊"
    }
    if (word.empty() || word.size() > 40 || raw_[at] == '\'' || raw_[at] == '-') return {};
    std::string folded = normalizer_.Normalize(word);
    for (char c : folded) {
      if (IsDigit(c)) return {};
    }
    if (folded.empty() || IsNotAName(folded.substr(0, folded.find(' ')))) return {};
    return word;
  }

  bool Capitalised(std::string_view word) const {
    size_t length = 0;
    return IsUpperInitial(DecodeAt(word, 0, &length));
  }

  void ScanName() {
    struct Cue {
      std::string_view text;
      bool any_case;  // after "my name is" a lower-case name is still a name
    };
    static constexpr Cue kCues[] = {
        {"my name is", true}, {"name is", true}, {"my name's", true}, {"my name\xE2\x80\x99s", true},
        {"name:", true},      {"call me", true}, {"i'm", false},      {"i\xE2\x80\x99m", false},
        {"im", false},        {"i am", false},   {"this is", false},
    };
    std::string lower;
    lower.reserve(raw_.size());
    for (char c : raw_) lower += Lower(c);
    for (size_t at = 0; at < lower.size(); ++at) {
      if (std::string_view("mncit").find(lower[at]) == std::string_view::npos) continue;  // no cue starts here
      if (at > 0 && (IsAlnum(lower[at - 1]) || static_cast<unsigned char>(lower[at - 1]) >= 0x80)) continue;
      for (const Cue& cue : kCues) {
        std::optional<size_t> after = MatchCue(lower, at, cue.text);
        if (!after) continue;
        size_t end = 0;
        std::string_view word = RawWordAt(*after, &end);
        if (word.empty() || (!cue.any_case && !Capitalised(word))) continue;
        std::string name = Capitalise(word);
        // "I'm Sara Khan": further words only when capitalised, on the same line.
        for (int extra = 0; extra < 2 && end < raw_.size() && raw_[end] == ' '; ++extra) {
          size_t next_end = 0;
          std::string_view next = RawWordAt(end, &next_end);
          if (next.empty() || !Capitalised(next) || MonthOf(normalizer_.Normalize(next)) != 0) break;
          name += " " + Capitalise(next);
          end = next_end;
        }
        out_.name = std::move(name);
        return;
      }
    }
  }

  std::string_view raw_;
  const ExtractionContext& context_;
  retrieval::TextNormalizer normalizer_;
  std::vector<Token> tokens_;
  std::vector<bool> raw_used_;
  size_t date_cursor_ = 0;
  Entities out_;
};

}  // namespace

Entities ExtractEntities(std::string_view raw, std::string_view normalized, const ExtractionContext& context) {
  return Scanner(raw, normalized, context).Run();
}

std::vector<EntityField> EntityFields(const Entities& e) {
  std::vector<EntityField> f;
  if (e.postcode) f.push_back({"postcode", e.postcode->normalized});
  if (e.email) f.push_back({"email", *e.email});
  if (e.phone) f.push_back({"phone", *e.phone});
  if (e.name) f.push_back({"name", *e.name});
  if (e.people) f.push_back({"people", int64_t{*e.people}});
  if (e.quantity) {
    f.push_back({"quantity", *e.quantity});
    if (!e.quantity_unit.empty()) f.push_back({"quantity_unit", e.quantity_unit});
  }
  if (e.budget_max) f.push_back({"budget_max", core::FormatMoney(*e.budget_max)});
  if (e.budget_min) f.push_back({"budget_min", core::FormatMoney(*e.budget_min)});
  if (e.amount) f.push_back({"amount", core::FormatMoney(*e.amount)});
  if (e.weekday) f.push_back({"weekday", int64_t{*e.weekday}});
  if (e.today) f.push_back({"today", true});
  if (e.tomorrow) f.push_back({"tomorrow", true});
  if (e.date) f.push_back({"date", *e.date});
  return f;
}

}  // namespace services
