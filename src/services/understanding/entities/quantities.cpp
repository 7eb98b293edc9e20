#include "services/understanding/entities/quantities.h"

#include <cmath>
#include <optional>
#include <string>

#include "services/understanding/entities/text.h"

namespace services::entities {
namespace {

struct Count {
  double value;
  size_t last;  // index of the last token of the number ("a dozen" spans two)
};

// A whole count: "6", "six", "a dozen", "two dozen", "half a dozen", "a couple".
std::optional<Count> CountAt(const ScanState& s, size_t i) {
  if (!s.Free(i)) return std::nullopt;
  std::string_view t = s.Tok(i), n1 = s.Tok(i + 1);
  std::optional<Count> c;
  const Numeric& num = s.Num(i);
  if (num.pure()) {
    c = Count{num.value, i};
  } else if (s.Lex(i).number > 0) {
    c = Count{static_cast<double>(s.Lex(i).number), i};
  } else if (t == "dozen") {
    c = Count{12, i};
  } else if (t == "couple" || (t == "a" && n1 == "couple")) {
    c = Count{2, t == "a" ? i + 1 : i};
  } else if (t == "a" && n1 == "dozen") {
    c = Count{12, i + 1};
  } else if (t == "half" && n1 == "dozen") {
    c = Count{6, i + 1};
  } else if (t == "half" && n1 == "a" && s.Tok(i + 2) == "dozen") {
    c = Count{6, i + 2};
  } else {
    return std::nullopt;
  }
  if (s.Tok(c->last + 1) == "dozen" && s.Free(c->last + 1)) {
    c->value *= 12;
    ++c->last;
  }
  if (s.Tok(c->last + 1) == "of" && s.Tok(c->last) == "couple") ++c->last;
  for (size_t k = i; k <= c->last; ++k) {
    if (!s.Free(k)) return std::nullopt;
  }
  return c;
}

bool WholeCount(const std::optional<Count>& c) {
  return c && c->value >= 1 && c->value <= 1000 && c->value == std::floor(c->value);
}

// After "for N", words that still let N be a party size ("for 6 on sunday").
bool PartyFollower(std::string_view w) {
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

// Whether the count at i..c.last is a party size, and the last token of the
// phrase that says so ("6 guests", "5 of us").
bool IsParty(const ScanState& s, size_t i, const Count& c, size_t* last) {
  *last = c.last;
  std::string_view n1 = s.Tok(c.last + 1), p1 = s.Before(i), p2 = s.Before(i, 2);
  if (s.Lex(c.last + 1).people) {
    ++*last;
    return true;
  }
  if (n1 == "of" && s.Tok(c.last + 2) == "us") {
    *last += 2;
    return true;
  }
  if (In({"feeds", "feed", "serves", "serve", "serving", "feeding"}, p1) ||
      (p1 == "of" && In({"party", "group", "family", "table", "team"}, p2)) || (p1 == "are" && p2 == "we")) {
    return true;
  }
  if (p1 == "for" && !SplitNumeric(p2).ok && !NumberWord(p2) && PartyFollower(n1) &&
      !In({"price", "prices", "cost", "costs", "deal", "offer"}, p2)) {
    return true;  // "bbq box for 6"; "3 for 10" is a deal, "price for 3" a count
  }
  // "we're 6" (normalised "were 6")
  return p1 == "were" && !In({"there", "they", "you", "these", "those"}, p2) &&
         (PartyFollower(n1) || In({"need", "want", "looking", "coming", "so"}, n1));
}

void SetQuantity(ScanState& s, double value, std::string_view unit, size_t first, size_t last, bool marked = false) {
  s.Use(first, last);
  Entities& found = s.found();
  if (found.quantity || !SensibleQuantity(value)) return;  // "x99999999999999999999" is read and refused
  found.quantity = value;
  found.quantity_unit = std::string(unit);
  found.quantity_tokens = std::make_pair(first, last);
  found.quantity_marked = marked;
}

// "between 10 and 20 people", "10 to 20 guests", "10-20 people" (normalised
// "10 20 people"), "for 10 or 12": a range of party sizes, read as its upper
// end (enough for everyone) with all its tokens used. The range starts at i.
bool ScanPartyRange(ScanState& s, size_t i) {
  std::optional<Count> low = CountAt(s, i);
  if (!WholeCount(low)) return false;
  size_t at = low->last + 1;
  std::string_view joiner = s.Tok(at);
  if (In({"and", "to", "or"}, joiner)) {
    ++at;
  } else if (s.Before(i) != "between" && !s.Num(at).pure()) {
    return false;
  }
  std::optional<Count> high = CountAt(s, at);
  if (!WholeCount(high) || high->value < low->value) return false;
  size_t last = 0;
  const bool between = s.Before(i) == "between";
  if (!IsParty(s, at, *high, &last) && !(between && s.Lex(high->last + 1).people)) {
    // "for 10 or 12": the party word may only be before the range.
    if (!(s.Before(i) == "for" && IsParty(s, i, *low, &last) && joiner == "or")) return false;
    last = high->last;
  }
  if (last < high->last) last = high->last;
  s.Use(between ? i - 1 : i, last);
  s.found().people = static_cast<int>(high->value);
  return true;
}

}  // namespace

bool SensibleQuantity(double value) { return std::isfinite(value) && value > 0 && value <= kMaxQuantity; }

void ScanPeople(ScanState& s) {
  Entities& found = s.found();
  for (size_t i = 0; i < s.size() && !found.people; ++i) {
    if (ScanPartyRange(s, i)) break;
    std::optional<Count> c = CountAt(s, i);
    size_t last = 0;
    if (!WholeCount(c) || !IsParty(s, i, *c, &last)) continue;
    int total = static_cast<int>(c->value);
    s.Use(i, last);
    // "4 adults and 2 kids"
    while (s.Tok(last + 1) == "and") {
      std::optional<Count> more = CountAt(s, last + 2);
      if (!WholeCount(more) || !s.Lex(more->last + 1).people) break;
      total += static_cast<int>(more->value);
      s.Use(last + 1, more->last + 1);  // not from i again: a long list stays linear
      last = more->last + 1;
    }
    found.people = total;
  }
}

void ScanUnitQuantities(ScanState& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s.Free(i)) continue;
    std::string_view t = s.Tok(i);
    const Numeric& num = s.Num(i);
    if (num.ok && !num.suffix.empty()) {
      if (!UnitOf(num.suffix).empty()) {
        SetQuantity(s, num.value, UnitOf(num.suffix), i, i);  // "2kg"
      } else if (num.suffix == "x") {
        SetQuantity(s, num.value, "", i, i, true);  // "2x"
      }
      continue;
    }
    if (t.size() > 1 && t[0] == 'x' && AllDigits(t.substr(1))) {
      const Numeric count = SplitNumeric(t.substr(1));
      if (count.ok) {
        SetQuantity(s, count.value, "", i, i, true);  // "x2"
      } else {
        s.Use(i, i);  // too many digits: no count at all
      }
      continue;
    }
    if (std::optional<Count> c = CountAt(s, i)) {
      size_t after = c->last + 1;
      if (s.Tok(after) == "and" && s.Tok(after + 1) == "a" && s.Tok(after + 2) == "half" &&
          IsWeight(s.Lex(after + 3).unit) && s.Free(after + 3)) {
        SetQuantity(s, c->value + 0.5, s.Lex(after + 3).unit, i, after + 3);  // "1 and a half kilos"
      } else if (s.Free(after) && !s.Lex(after).unit.empty()) {
        SetQuantity(s, c->value, s.Lex(after).unit, i, after);
      } else if (s.Free(after) && s.Tok(after) == "x") {
        SetQuantity(s, c->value, "", i, after, true);
      }
      continue;
    }
    // "half a kilo", "quarter of a pound", "a kilo"
    double fraction = t == "half" ? 0.5 : t == "quarter" ? 0.25 : In({"a", "an"}, t) ? 1 : 0;
    size_t j = i + 1;
    if (fraction < 1) {
      while (In({"a", "an", "of"}, s.Tok(j)) && j < i + 3) ++j;
    }
    if (fraction > 0 && s.Free(j) && IsWeight(s.Lex(j).unit)) SetQuantity(s, fraction, s.Lex(j).unit, i, j);
  }
}

void ScanBareQuantity(ScanState& s) {
  for (size_t i = 0; i < s.size() && !s.found().quantity; ++i) {
    std::optional<Count> c = CountAt(s, i);
    if (!c || !SensibleQuantity(c->value) || s.Lex(c->last + 1).time || s.Tok(i) == "one") continue;
    if (In({"at",   "order", "number",    "no",  "ref",   "reference", "id",   "invoice", "code",  "room",  "flat",
            "unit", "house", "apartment", "apt", "suite", "page",      "step", "version", "table", "since", "in"},
           s.Before(i))) {
      continue;
    }
    const Numeric& num = s.Num(i);
    if (num.pure() && s.Tok(i).size() == 4 && c->value >= 1900 && c->value <= 2100) continue;  // a year
    SetQuantity(s, c->value, "", i, c->last);
  }
}

}  // namespace services::entities
