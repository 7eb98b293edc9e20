#include "services/understanding/entities/lexicon.h"

#include <algorithm>
#include <vector>

namespace services::entities {
namespace {

// The entry for `word`, added on first mention: a word can carry several
// meanings ("sun" is a day and a short form).
Lexeme& Entry(std::vector<Lexeme>& lexicon, std::string_view word) {
  for (Lexeme& l : lexicon) {
    if (l.word == word) return l;
  }
  lexicon.emplace_back();
  lexicon.back().word = word;
  return lexicon.back();
}

void AddUnits(std::vector<Lexeme>& lexicon) {
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
    for (std::string_view w : unit.words) Entry(lexicon, w).unit = unit.canonical;
  }
}

void AddNumbers(std::vector<Lexeme>& lexicon) {
  const Words numbers = {"one",     "two",     "three",     "four",     "five",     "six",      "seven",
                         "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  int value = 1;
  for (std::string_view w : numbers) Entry(lexicon, w).number = value++;
  Entry(lexicon, "thirty").number = 30;
  Entry(lexicon, "forty").number = 40;
  Entry(lexicon, "fifty").number = 50;
}

void AddCalendar(std::vector<Lexeme>& lexicon) {
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
    for (std::string_view w : months[m]) Entry(lexicon, w).month = m + 1;
  }
  const Words full_days[] = {{"monday", "mondays"},     {"tuesday", "tuesdays"}, {"wednesday", "wednesdays"},
                             {"thursday", "thursdays"}, {"friday", "fridays"},   {"saturday", "saturdays"},
                             {"sunday", "sundays"}};
  const Words short_days[] = {{"mon"}, {"tue", "tues"}, {"wed", "weds"}, {"thu", "thur", "thurs"},
                              {"fri"}, {"sat"},         {"sun"}};
  for (int d = 0; d < 7; ++d) {
    for (std::string_view w : full_days[d]) Entry(lexicon, w).weekday = d;
    for (std::string_view w : short_days[d]) {
      Entry(lexicon, w).weekday = d;
      // Only the short forms that are also English words need context:
      // "tues" and "fri" are days wherever they stand.
      Entry(lexicon, w).short_day = In({"mon", "wed", "weds", "sat", "sun"}, w);
    }
  }
}

void AddPeopleAndTimeWords(std::vector<Lexeme>& lexicon) {
  for (std::string_view w : {"people", "person", "persons", "ppl", "peeps", "guests", "guest", "adults", "adult", "pax",
                             "diners", "folks", "heads", "kids", "children", "mouths"}) {
    Entry(lexicon, w).people = true;
  }
  for (std::string_view w :
       {"am",  "pm",   "oclock", "o",     "hour",  "hours",  "hr",   "hrs",   "min",   "mins",  "minutes",
        "day", "days", "week",   "weeks", "month", "months", "year", "years", "night", "nights"}) {
    Entry(lexicon, w).time = true;
  }
  for (std::string_view w : {"today", "tonight", "tonite", "now"}) Entry(lexicon, w).today = true;
  for (std::string_view w :
       {"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "tomoz", "2moro", "2morrow"}) {
    Entry(lexicon, w).tomorrow = true;
  }
}

std::vector<Lexeme> BuildLexicon() {
  std::vector<Lexeme> lexicon;
  AddUnits(lexicon);
  AddNumbers(lexicon);
  AddCalendar(lexicon);
  AddPeopleAndTimeWords(lexicon);
  std::sort(lexicon.begin(), lexicon.end(), [](const Lexeme& a, const Lexeme& b) { return a.word < b.word; });
  return lexicon;
}

}  // namespace

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

// A sorted table rather than a list per question: a message has many tokens
// and every scanner asks about them.
const Lexeme& Lookup(std::string_view word) {
  static const std::vector<Lexeme> kLexicon = BuildLexicon();
  static const Lexeme kUnknown{};
  if (word.empty()) return kUnknown;
  auto it = std::lower_bound(kLexicon.begin(), kLexicon.end(), word, [](const Lexeme& l, std::string_view w) {
    return l.word[0] != w[0] ? l.word[0] < w[0] : l.word < w;  // most steps end on the first byte
  });
  return it != kLexicon.end() && it->word == word ? *it : kUnknown;
}

}  // namespace services::entities
