#include "services/understanding/entities/money.h"

#include <optional>
#include <string>

#include "core/money.h"
#include "services/understanding/entities/text.h"

namespace services::entities {
namespace {

enum class Bound { kNone, kMax, kMin };

struct MoneyMatch {
  core::Money money;
  size_t first, last;
};

std::string DollarCurrency(const ExtractionContext& context) {
  return In({"USD", "CAD", "AUD", "NZD"}, context.currency) ? context.currency : "USD";
}

// The currency a word or sign names, "" if none; "p"/"cents" set *minor.
std::string CurrencyOf(const ExtractionContext& context, std::string_view w, std::string_view next, bool* minor) {
  *minor = false;
  if (In({"£", "gbp", "quid"}, w)) return "GBP";
  // "10 pounds" is money in a pound shop, weight elsewhere or before "of".
  if (In({"pounds", "pound"}, w)) return context.currency == "GBP" && next != "of" ? "GBP" : "";
  if (In({"$", "dollars", "dollar", "bucks", "buck", "usd"}, w)) return w == "$" ? DollarCurrency(context) : "USD";
  if (In({"€", "euros", "euro", "eur"}, w)) return "EUR";
  *minor = true;
  if (In({"p", "pence"}, w)) return "GBP";
  if (In({"cents", "cent"}, w)) return DollarCurrency(context);
  *minor = false;
  return "";
}

std::optional<MoneyMatch> MoneyAt(const ScanState& s, size_t i) {
  if (!s.Free(i)) return std::nullopt;
  const ExtractionContext& context = s.context();
  bool minor = false;
  std::string_view t = s.Tok(i);
  Numeric next = s.Num(i + 1);
  if (In({"£", "$", "€"}, t) && next.pure() && s.Free(i + 1)) {
    return MoneyMatch{core::Money::FromMajor(next.value, CurrencyOf(context, t, "", &minor)), i, i + 1};
  }
  if (t == "tenner" || t == "fiver") {
    size_t first = s.Before(i) == "a" && i > 0 && s.Free(i - 1) ? i - 1 : i;
    return MoneyMatch{core::Money::FromMajor(t == "tenner" ? 10 : 5, "GBP"), first, i};
  }
  const Numeric& num = s.Num(i);
  if (!num.ok) return std::nullopt;
  if (num.pure() && s.Free(i + 1)) {
    std::string currency = CurrencyOf(context, s.Tok(i + 1), s.Tok(i + 2), &minor);
    if (!currency.empty()) {
      return MoneyMatch{core::Money::FromMajor(minor ? num.value / 100 : num.value, currency), i, i + 1};
    }
  }
  if (!num.suffix.empty()) {
    std::string currency = CurrencyOf(context, num.suffix, s.Tok(i + 1), &minor);
    if (!currency.empty()) {
      return MoneyMatch{core::Money::FromMajor(minor ? num.value / 100 : num.value, currency), i, i};
    }
  }
  if (num.pure() && num.decimals == 2 && !IsWeight(s.Lex(i + 1).unit)) {
    return MoneyMatch{core::Money::FromMajor(num.value, context.currency), i, i};  // "10.50"
  }
  return std::nullopt;
}

Bound CueBefore(const ScanState& s, size_t first) {
  std::string_view t1 = s.Before(first), t2 = s.Before(first, 2), t3 = s.Before(first, 3);
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

Bound CueAfter(const ScanState& s, size_t last) {
  std::string_view n1 = s.Tok(last + 1), n2 = s.Tok(last + 2);
  if (In({"max", "maximum", "tops", "limit"}, n1)) return Bound::kMax;
  if (In({"or", "and"}, n1) && In({"less", "under", "below", "cheaper", "lower"}, n2)) return Bound::kMax;
  if (In({"minimum", "min", "plus"}, n1)) return Bound::kMin;
  if (In({"or", "and"}, n1) && In({"more", "over", "above", "higher", "up"}, n2)) return Bound::kMin;
  return Bound::kNone;
}

bool MoneyFollower(std::string_view n1) {
  return n1.empty() ||
         In({"for",  "please", "pls",     "a",      "per",  "each",   "and", "or",       "if",        "total", "ish",
             "tops", "max",    "maximum", "budget", "on",   "thanks", "is",  "would",    "will",      "but",   "so",
             "i",    "we",     "can",     "do",     "what", "how",    "any", "anything", "something", "with"},
            n1);
}

// A bare number after a budget cue is money ("below 10") unless a word
// says what it counts ("more than 2 steaks", "under 5 kg").
bool BareBudgetNumber(const ScanState& s, size_t i) {
  return s.Free(i) && s.Num(i).pure() && CueBefore(s, i) != Bound::kNone && MoneyFollower(s.Tok(i + 1));
}

void Assign(Entities& found, Bound bound, core::Money money) {
  std::optional<core::Money>& slot = bound == Bound::kMax   ? found.budget_max
                                     : bound == Bound::kMin ? found.budget_min
                                                            : found.amount;
  if (!slot) slot = std::move(money);
}

// "between £10 and £20", "between 10 and 20 dollars", "between 10 and 20".
void ScanBetween(ScanState& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.Tok(i) != "between") continue;
    std::optional<MoneyMatch> low = MoneyAt(s, i + 1);
    bool low_bare = !low && s.Free(i + 1) && s.Num(i + 1).pure();
    size_t high_at = (low ? low->last : i + 1) + 2;
    if ((!low && !low_bare) || !In({"and", "to"}, s.Tok(high_at - 1))) continue;
    std::optional<MoneyMatch> high = MoneyAt(s, high_at);
    bool high_bare = !high && s.Free(high_at) && s.Num(high_at).pure();
    if ((!high && !high_bare) || (!low && !high && !MoneyFollower(s.Tok(high_at + 1)))) continue;
    std::string currency = low ? low->money.currency : high ? high->money.currency : s.context().currency;
    Assign(s.found(), Bound::kMin, low ? low->money : core::Money::FromMajor(s.Num(i + 1).value, currency));
    Assign(s.found(), Bound::kMax, high ? high->money : core::Money::FromMajor(s.Num(high_at).value, currency));
    s.Use(i + 1, high ? high->last : high_at);
  }
}

}  // namespace

void ScanMoney(ScanState& s) {
  ScanBetween(s);
  for (size_t i = 0; i < s.size(); ++i) {
    std::optional<MoneyMatch> m = MoneyAt(s, i);
    if (!m && BareBudgetNumber(s, i)) {
      m = MoneyMatch{core::Money::FromMajor(s.Num(i).value, s.context().currency), i, i};
    }
    if (!m) continue;
    s.Use(m->first, m->last);
    Bound bound = CueBefore(s, m->first);
    if (bound == Bound::kNone) bound = CueAfter(s, m->last);
    Assign(s.found(), bound, std::move(m->money));
    i = m->last;
  }
}

}  // namespace services::entities
