#include "ai_modes/grounding/claims.h"

#include <algorithm>
#include <array>

#include "ai_modes/grounding/claim_tokens.h"

namespace ai_modes::grounding {

using namespace detail;

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kMonthsLong = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};

int MonthOf(std::string_view w) {
  // Most words are not months: decide on the first letter and the length.
  if (w.size() < 3 || w.size() > 9) return 0;
  char first = Lower(w[0]);
  if (first != 'j' && first != 'f' && first != 'm' && first != 'a' && first != 's' && first != 'o' && first != 'n' &&
      first != 'd') {
    return 0;
  }
  for (int m = 0; m < 12; ++m) {
    if (Is(w, kMonths[m]) || Is(w, kMonthsLong[m]) || (m == 8 && Is(w, "sept"))) return m + 1;
  }
  return 0;
}

// "1,299.50" -> "1299.5"; "08" -> "8"; "15.90" -> "15.9"; "3.00" -> "3".
std::string NumberKey(std::string_view n) {
  std::string out;
  for (char c : n) {
    if (c != ',') out += c;
  }
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  size_t z = 0;
  while (z + 1 < out.size() && out[z] == '0' && out[z + 1] != '.') ++z;
  return out.substr(z);
}

// Minor units of a decimal amount: "15.99" -> 1599, "1,299" -> 129900.
long long MinorUnits(std::string_view n) {
  long long major = 0, minor = 0;
  int decimals = -1;
  for (char c : n) {
    if (c == ',') continue;
    if (c == '.') {
      decimals = 0;
      continue;
    }
    if (decimals < 0) {
      major = major * 10 + (c - '0');
    } else if (decimals < 2) {
      minor = minor * 10 + (c - '0');
      ++decimals;
    }
    if (major > 1'000'000'000'000LL) break;
  }
  if (decimals == 1) minor *= 10;
  return major * 100 + minor;
}

long long IntOf(std::string_view n) {
  long long v = 0;
  for (char c : n) {
    if (IsDigit(c))
      v = v * 10 + (c - '0');
    else if (c == '.')
      break;
    if (v > 1'000'000'000) break;
  }
  return v;
}

int WordNumber(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return -1;
  char first = Lower(w[0]);
  if (first != 'z' && first != 'o' && first != 't' && first != 'f' && first != 's' && first != 'e' && first != 'n' &&
      first != 'h') {
    return -1;
  }
  static constexpr std::array<std::string_view, 21> kSmall = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (size_t i = 0; i < kSmall.size(); ++i) {
    if (Is(w, kSmall[i])) return static_cast<int>(i);
  }
  static constexpr std::array<std::string_view, 8> kTens = {"thirty",  "forty",  "fifty",  "sixty",
                                                            "seventy", "eighty", "ninety", "hundred"};
  for (size_t i = 0; i < kTens.size(); ++i) {
    if (Is(w, kTens[i])) return i == 7 ? 100 : static_cast<int>(30 + 10 * i);
  }
  if (Is(w, "half")) return -2;  // "half price" is a concession, not a number
  return -1;
}

// Canonical unit of a word after a number, or "".
std::string_view UnitOf(std::string_view w) {
  struct U {
    std::string_view canonical;
    std::array<std::string_view, 6> words;
  };
  static constexpr std::array<U, 18> kUnits = {{
      {"kg", {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"}},
      {"g", {"g", "gram", "grams", "gr", "gm", "gms"}},
      {"lb", {"lb", "lbs", "", "", "", ""}},
      {"oz", {"oz", "ounce", "ounces", "", "", ""}},
      {"ml", {"ml", "millilitre", "millilitres", "milliliter", "milliliters", ""}},
      {"l", {"l", "litre", "litres", "liter", "liters", ""}},
      {"km", {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"}},
      {"mi", {"mi", "mile", "miles", "", "", ""}},
      {"cm", {"cm", "centimetre", "centimetres", "centimeter", "centimeters", ""}},
      {"mm", {"mm", "", "", "", "", ""}},
      {"in", {"inch", "inches", "", "", "", ""}},
      {"people", {"people", "person", "persons", "guests", "guest", "pax"}},
      {"piece", {"piece", "pieces", "pcs", "pc", "pack", "packs"}},
      {"minute", {"minute", "minutes", "mins", "min", "", ""}},
      {"hour", {"hour", "hours", "hrs", "hr", "", ""}},
      {"day", {"day", "days", "", "", "", ""}},
      {"week", {"week", "weeks", "wk", "wks", "", ""}},
      {"month", {"month", "months", "", "", "", ""}},
  }};
  for (const auto& u : kUnits) {
    for (auto word : u.words) {
      if (!word.empty() && Is(w, word)) return u.canonical;
    }
  }
  return {};
}

// Common words that start or end a run of capitalised words without naming
// anything ("Hi Sara", "Here's Lamb Chops").
constexpr std::array<std::string_view, 72> kNameStopwords = {
    "i",         "i'm",    "i've",   "i'll",  "i'd",     "we",     "we're",   "we've",  "we'll", "you",   "your",
    "you're",    "you'll", "our",    "the",   "a",       "an",     "hi",      "hello",  "hey",   "dear",  "thanks",
    "thank",     "sure",   "yes",    "no",    "great",   "good",   "welcome", "sorry",  "okay",  "ok",    "please",
    "happy",     "here",   "here's", "there", "there's", "this",   "that",    "that's", "it",    "it's",  "absolutely",
    "certainly", "of",     "and",    "or",    "for",     "to",     "in",      "on",     "at",    "with",  "from",
    "by",        "all",    "any",    "my",    "just",    "also",   "so",      "if",     "as",    "let's", "what",
    "what's",    "how",    "when",   "where", "which",   "perfect"};

bool IsCapitalised(const Token& t) {
  return t.type == T::kWord && !t.text.empty() && t.text[0] >= 'A' && t.text[0] <= 'Z';
}

class Scanner {
 public:
  Scanner(const std::vector<Token>& tokens, std::vector<Claim>& out) : t_(tokens), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < t_.size()) {
      size_t used = Match(i);
      i += used ? used : 1;
    }
  }

 private:
  bool Word(size_t i, std::string_view w) const { return i < t_.size() && t_[i].type == T::kWord && Is(t_[i].text, w); }
  bool Sym(size_t i, std::string_view s) const { return i < t_.size() && t_[i].type == T::kSymbol && t_[i].text == s; }
  bool Num(size_t i) const { return i < t_.size() && t_[i].type == T::kNumber; }
  bool Glued(size_t i) const { return i < t_.size() && !t_[i].space_before; }

  void Add(ClaimKind kind, std::string key, size_t from, size_t to, std::string number = {}) {
    Claim c;
    c.kind = kind;
    c.key = std::move(key);
    c.number = std::move(number);
    const char* b = t_[from].text.data();
    const char* e = t_[to - 1].text.data() + t_[to - 1].text.size();
    c.text.assign(b, static_cast<size_t>(e - b));
    out_.push_back(std::move(c));
  }

  // How many tokens the claim at `i` used; 0 when none starts there.
  size_t Match(size_t i) {
    const Token& t = t_[i];
    switch (t.type) {
      case T::kUrl: {
        std::string key = LowerCopy(t.text);
        for (std::string_view scheme : {"https://", "http://"}) {
          if (key.rfind(scheme, 0) == 0) key.erase(0, scheme.size());
        }
        if (key.rfind("www.", 0) == 0) key.erase(0, 4);
        while (!key.empty() && key.back() == '/') key.pop_back();
        Add(ClaimKind::kUrl, key, i, i + 1);
        return 1;
      }
      case T::kDomain: {
        std::string key = LowerCopy(t.text);
        if (key.rfind("www.", 0) == 0) key.erase(0, 4);
        Add(ClaimKind::kUrl, key, i, i + 1);
        return 1;
      }
      case T::kEmail: Add(ClaimKind::kEmail, LowerCopy(t.text), i, i + 1); return 1;
      case T::kSku: Add(ClaimKind::kSku, UpperCopy(t.text), i, i + 1); return 1;
      case T::kIsoDate: {
        std::string year(t.text.substr(0, 4));
        Add(ClaimKind::kDate, std::string(t.text.substr(5)), i, i + 1, year);
        Add(ClaimKind::kNumber, NumberKey(year), i, i + 1);
        return 1;
      }
      case T::kSymbol: return MatchSymbol(i);
      case T::kNumber: return MatchNumber(i);
      case T::kAlnum: return MatchAlnum(i);
      case T::kWord: return MatchWord(i);
    }
    return 0;
  }

  size_t MatchSymbol(size_t i) {
    const Token& t = t_[i];
    std::string_view currency = t.text == "\xC2\xA3"       ? "GBP"
                                : t.text == "$"            ? "USD"
                                : t.text == "\xE2\x82\xAC" ? "EUR"
                                                           : "";
    if (!currency.empty() && Num(i + 1)) return Money(i, i + 1, currency, false, 2);
    if (t.text == "+" && Num(i + 1)) return Phone(i);
    return 0;
  }

  // A money claim for the number at `n`, spanning [from, from + used).
  size_t Money(size_t from, size_t n, std::string_view currency, bool minor, size_t used) {
    long long units = minor ? IntOf(t_[n].text) : MinorUnits(t_[n].text);
    Add(ClaimKind::kMoney, std::string(currency) + ":" + std::to_string(units), from, from + used,
        NumberKey(t_[n].text));
    if (Word(from + used, "off")) Add(ClaimKind::kConcession, "off", from, from + used + 1);
    return used;
  }

  size_t Phone(size_t i) {
    bool plus = Sym(i, "+");
    size_t j = plus ? i + 1 : i, end = j;
    std::string digits;
    while (j < t_.size()) {
      bool plain = Num(j) && t_[j].text.find_first_of(".,") == std::string_view::npos;
      if (plain) {
        digits.append(t_[j].text);
        end = ++j;
        continue;
      }
      // Single separators between digit groups: "0113 496 0100", "(503) 555-0134".
      bool separator = Sym(j, "-") || Sym(j, "(") || Sym(j, ")");
      if (separator && j > i && (Num(j + 1) || Sym(j + 1, "(") || Sym(j + 1, ")"))) {
        ++j;
        continue;
      }
      break;
    }
    if (!(digits.size() >= 10 || (plus && digits.size() >= 8)) || digits.size() > 15) return 0;
    Add(ClaimKind::kPhone, digits.substr(digits.size() - 9), i, end);
    return end - i;
  }

  size_t MatchNumber(size_t i) {
    if (size_t p = Phone(i)) return p;
    std::string_view n = t_[i].text;
    // A list marker: "1." or "2)" at the start of a line.
    if (t_[i].line_start && (Sym(i + 1, ".") || Sym(i + 1, ")")) && !Num(i + 2)) return 2;
    // Money after the number.
    if (i + 1 < t_.size() && t_[i + 1].type == T::kWord) {
      std::string_view w = t_[i + 1].text;
      if (IsOneOf(w, std::array<std::string_view, 4>{"pounds", "pound", "quid", "gbp"}))
        return Money(i, i, "GBP", false, 2);
      if (IsOneOf(w, std::array<std::string_view, 4>{"dollars", "dollar", "bucks", "usd"}))
        return Money(i, i, "USD", false, 2);
      if (IsOneOf(w, std::array<std::string_view, 3>{"euros", "euro", "eur"})) return Money(i, i, "EUR", false, 2);
      if (IsOneOf(w, std::array<std::string_view, 2>{"pence", "p"}) && Glued(i + 1) == (w.size() == 1)) {
        return Money(i, i, "GBP", true, 2);
      }
      if (IsOneOf(w, std::array<std::string_view, 2>{"cents", "cent"})) return Money(i, i, "USD", true, 2);
      if (Is(w, "percent") || (Is(w, "per") && Word(i + 2, "cent"))) {
        return Percent(i, Is(w, "per") ? 3 : 2);
      }
    }
    if (Sym(i + 1, "%")) return Percent(i, 2);
    if (size_t d = DateAt(i)) return d;
    if (size_t tm = TimeAt(i)) return tm;
    // Ranges: "1-2 days", "16–20kg", "2 to 3 weeks": the unit applies to both.
    if ((Sym(i + 1, "-") || Sym(i + 1, "\xE2\x80\x93") || Word(i + 1, "to")) && Num(i + 2)) {
      if (i + 3 < t_.size() && t_[i + 3].type == T::kWord && !UnitOf(t_[i + 3].text).empty()) {
        std::string unit(UnitOf(t_[i + 3].text));
        Add(ClaimKind::kQuantity, NumberKey(n) + "|" + unit, i, i + 1, NumberKey(n));
        Add(ClaimKind::kQuantity, NumberKey(t_[i + 2].text) + "|" + unit, i + 2, i + 4, NumberKey(t_[i + 2].text));
        return 4;
      }
    }
    if (i + 1 < t_.size() && t_[i + 1].type == T::kWord) {
      std::string_view w = t_[i + 1].text;
      if (!UnitOf(w).empty()) {
        Add(ClaimKind::kQuantity, NumberKey(n) + "|" + std::string(UnitOf(w)), i, i + 2, NumberKey(n));
        return 2;
      }
      if (Is(w, "left") || Is(w, "remaining") || Is(w, "available") || (Is(w, "in") && Word(i + 2, "stock"))) {
        Add(ClaimKind::kStock, NumberKey(n), i, i + 2, NumberKey(n));
        return 2;
      }
    }
    Add(ClaimKind::kNumber, NumberKey(n), i, i + 1);
    return 1;
  }

  size_t Percent(size_t i, size_t used) {
    Add(ClaimKind::kPercent, NumberKey(t_[i].text), i, i + used, NumberKey(t_[i].text));
    if (Word(i + used, "off")) Add(ClaimKind::kConcession, "off", i, i + used + 1);
    return used;
  }

  // "24th December", "24 Dec", "1st of May", "24/12".
  size_t DateAt(size_t i) {
    long long day = IntOf(t_[i].text);
    size_t j = i + 1;
    if (j < t_.size() && Glued(j) && t_[j].type == T::kWord &&
        IsOneOf(t_[j].text, std::array<std::string_view, 4>{"st", "nd", "rd", "th"})) {
      ++j;
    }
    if (Word(j, "of")) ++j;
    if (day >= 1 && day <= 31 && j < t_.size() && t_[j].type == T::kWord) {
      if (int m = MonthOf(t_[j].text)) return Date(i, j + 1, m, day);
    }
    if (Sym(i + 1, "/") && Num(i + 2) && Glued(i + 1) && Glued(i + 2)) {
      long long a = day, b = IntOf(t_[i + 2].text);
      if (a >= 1 && a <= 31 && b >= 1 && b <= 12) return Date(i, i + 3, static_cast<int>(b), a);
      if (b >= 1 && b <= 31 && a >= 1 && a <= 12) return Date(i, i + 3, static_cast<int>(a), b);
    }
    return 0;
  }

  size_t Date(size_t from, size_t to, int month, long long day) {
    std::string key = {static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                       static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    Add(ClaimKind::kDate, std::move(key), from, to);
    return to - from;
  }

  // "18:00", "6pm", "6 pm", "6.30pm", "9:30 a.m."
  size_t TimeAt(size_t i) {
    long long h = IntOf(t_[i].text);
    long long m = 0;
    size_t j = i + 1;
    std::string_view n = t_[i].text;
    bool clock = false;
    if (n.find('.') != std::string_view::npos && n.size() <= 5) {  // "6.30"
      size_t dot = n.find('.');
      m = IntOf(n.substr(dot + 1));
      if (n.size() - dot - 1 != 2) return 0;
    } else if ((Sym(j, ":") || Sym(j, ".")) && Num(j + 1) && t_[j + 1].text.size() == 2 && Glued(j) && Glued(j + 1)) {
      m = IntOf(t_[j + 1].text);
      j += 2;
      clock = true;
    }
    bool am = Word(j, "am") || (Word(j, "a") && Sym(j + 1, ".") && Word(j + 2, "m"));
    bool pm = Word(j, "pm") || (Word(j, "p") && Sym(j + 1, ".") && Word(j + 2, "m"));
    if (!clock && !am && !pm) return 0;
    if (h > 24 || m > 59 || ((am || pm) && (h < 1 || h > 12))) return 0;
    if (pm && h < 12) h += 12;
    if (am && h == 12) h = 0;
    size_t end = am || pm ? (Word(j, "am") || Word(j, "pm") ? j + 1 : std::min(j + 4, t_.size())) : j;
    Add(ClaimKind::kTime, std::to_string(h * 60 + m), i, end, NumberKey(t_[i].text));
    return end - i;
  }

  size_t MatchAlnum(size_t i) {
    std::string_view a = t_[i].text;
    std::string up = UpperCopy(a);
    if (IsOutward(up)) {
      // "LS6 2AB" arrives as LS6, 2, AB.
      if (Num(i + 1) && t_[i + 1].text.size() == 1 && i + 2 < t_.size() && Glued(i + 2) && t_[i + 2].type == T::kWord &&
          t_[i + 2].text.size() == 2 && IsAlpha(t_[i + 2].text[0]) && IsAlpha(t_[i + 2].text[1])) {
        Add(ClaimKind::kPostcode, up + std::string(t_[i + 1].text) + UpperCopy(t_[i + 2].text), i, i + 3);
        return 3;
      }
      // "2AB" glued as one alnum token: "LS6 2AB" via "2AB" -> number+word split already; "LS62AB" below.
      Add(ClaimKind::kPostcode, up, i, i + 1);
      return 1;
    }
    if (up.size() >= 5 && IsOutward(up.substr(0, up.size() - 3)) && IsDigit(up[up.size() - 3]) &&
        IsAlpha(up[up.size() - 2]) && IsAlpha(up.back())) {
      Add(ClaimKind::kPostcode, up, i, i + 1);
      return 1;
    }
    Add(ClaimKind::kCode, up, i, i + 1);
    return 1;
  }

  // UK outward codes: A9, A99, AA9, AA99, A9A, AA9A.
  static bool IsOutward(std::string_view u) {
    auto a = [&](size_t k) { return k < u.size() && u[k] >= 'A' && u[k] <= 'Z'; };
    auto d = [&](size_t k) { return k < u.size() && IsDigit(u[k]); };
    switch (u.size()) {
      case 2: return a(0) && d(1);
      case 3: return (a(0) && d(1) && d(2)) || (a(0) && a(1) && d(2)) || (a(0) && d(1) && a(2));
      case 4: return (a(0) && a(1) && d(2) && d(3)) || (a(0) && a(1) && d(2) && a(3));
      default: return false;
    }
  }

  size_t MatchWord(size_t i) {
    std::string_view w = t_[i].text;
    // Number words before a unit: "five pounds", "ten percent", "two kilos".
    int value = WordNumber(w);
    if (value >= 0 && i + 1 < t_.size() && t_[i + 1].type == T::kWord) {
      std::string_view next = t_[i + 1].text;
      std::string v = std::to_string(value);
      if (IsOneOf(next, std::array<std::string_view, 3>{"pounds", "pound", "quid"})) {
        Add(ClaimKind::kMoney, "GBP:" + std::to_string(value * 100), i, i + 2, v);
        return 2;
      }
      if (IsOneOf(next, std::array<std::string_view, 3>{"dollars", "dollar", "bucks"})) {
        Add(ClaimKind::kMoney, "USD:" + std::to_string(value * 100), i, i + 2, v);
        return 2;
      }
      if (Is(next, "percent") || (Is(next, "per") && Word(i + 2, "cent"))) {
        Add(ClaimKind::kPercent, v, i, i + 2, v);
        return 2;
      }
      if (!UnitOf(next).empty() && value > 0) {
        Add(ClaimKind::kQuantity, v + "|" + std::string(UnitOf(next)), i, i + 2, v);
        return 2;
      }
      if (Is(next, "left") || Is(next, "remaining")) {
        Add(ClaimKind::kStock, v, i, i + 2, v);
        return 2;
      }
    }
    if (value == -2 && (Word(i + 1, "price") || Word(i + 1, "off"))) {
      Add(ClaimKind::kConcession, "half price", i, i + 2);
      return 2;
    }
    // "December 24", "Dec 24th".
    if (int month = MonthOf(w); month && Num(i + 1) && !t_[i + 1].text.empty()) {
      long long day = IntOf(t_[i + 1].text);
      if (day >= 1 && day <= 31 && t_[i + 1].text.size() <= 2) {
        size_t end = i + 2;
        if (end < t_.size() && Glued(end) && t_[end].type == T::kWord &&
            IsOneOf(t_[end].text, std::array<std::string_view, 4>{"st", "nd", "rd", "th"})) {
          ++end;
        }
        return Date(i, end, month, day);
      }
    }
    if (Is(w, "noon") || Is(w, "midday")) {
      Add(ClaimKind::kTime, "720", i, i + 1);
      return 1;
    }
    if (Is(w, "midnight")) {
      Add(ClaimKind::kTime, "0", i, i + 1);
      return 1;
    }
    if (IsOneOf(w, std::array<std::string_view, 14>{"discount", "discounts", "discounted", "coupon", "coupons",
                                                    "voucher", "vouchers", "promo", "promotion", "promotional",
                                                    "cashback", "rebate", "bogof", "complimentary"}) ||
        IsOneOf(w, std::array<std::string_view, 5>{"refund", "refunds", "waive", "waived", "clearance"})) {
      Add(ClaimKind::kConcession, LowerCopy(w), i, i + 1);
      return 1;
    }
    if ((Is(w, "price") && (Word(i + 1, "match") || Word(i + 1, "matching"))) ||
        (Is(w, "buy") && Word(i + 1, "one") && Word(i + 2, "get")) || (Is(w, "on") && Word(i + 1, "sale")) ||
        (Is(w, "special") && (Word(i + 1, "offer") || Word(i + 1, "price")))) {
      Add(ClaimKind::kConcession, LowerCopy(w), i, i + 2);
      return 2;
    }
    if (Is(w, "free")) {
      Add(ClaimKind::kFree, "free", i, i + 1);
      return 1;
    }
    if (IsCapitalised(t_[i])) return Name(i);
    return 0;
  }

  // A run of capitalised words; common words at either end are trimmed.
  size_t Name(size_t i) {
    size_t j = i;
    while (j < t_.size() && IsCapitalised(t_[j]) && (j == i || !t_[j].sentence_start)) ++j;
    size_t used = j - i;
    size_t a = i, b = j;
    while (a < b && IsOneOf(t_[a].text, kNameStopwords)) ++a;
    while (b > a && IsOneOf(t_[b - 1].text, kNameStopwords)) --b;
    if (a == b) return used;
    // One capitalised word opening a sentence is just how sentences start.
    if (b - a == 1 && t_[a].sentence_start) return used;
    // A lone short acronym ("SKU", "NHS", "OK") names no product.
    if (b - a == 1 && t_[a].text.size() <= 4 &&
        std::all_of(t_[a].text.begin(), t_[a].text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return used;
    }
    std::string key;
    for (size_t k = a; k < b; ++k) {
      if (!key.empty()) key += ' ';
      key += LowerCopy(t_[k].text);
    }
    Add(ClaimKind::kName, key, a, b);
    return used;
  }

  const std::vector<Token>& t_;
  std::vector<Claim>& out_;
};

}  // namespace

std::string_view ClaimKindName(ClaimKind kind) {
  static constexpr std::array<std::string_view, kClaimKinds> kNames = {
      "money", "percent", "time", "date", "quantity", "stock",      "number", "postcode", "phone",
      "email", "url",     "sku",  "code", "name",     "concession", "free",   "action"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view ActionName(Action action) {
  static constexpr std::array<std::string_view, 9> kNames = {"cart_add", "cart_remove",   "order_placed",
                                                             "handoff",  "lead_captured", "refund",
                                                             "payment",  "reservation",   "message_sent"};
  return kNames[static_cast<size_t>(action)];
}

void ExtractClaims(std::string_view text, std::vector<Claim>& out, bool actions) {
  std::string ascii;
  if (AsciiDigits(text, ascii)) text = ascii;
  std::vector<Token> tokens = Tokenize(text);
  Scanner(tokens, out).Run();
  if (actions) ExtractActions(text, out);
}

}  // namespace ai_modes::grounding
