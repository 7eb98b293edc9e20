#include "services/understanding/entities/contact.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "services/understanding/entities/text.h"

namespace services::entities {
namespace {

// ---- Phone ----

bool PhoneMayStartAt(std::string_view raw, size_t i) {
  if (i == 0) return true;
  char p = raw[i - 1];
  if (IsAlnum(p) || In({"$", ".", ",", "/", ":", "-", "+"}, raw.substr(i - 1, 1))) return false;
  if (i >= 2 && raw.substr(i - 2, 2) == "\xC2\xA3") return false;      // £
  if (i >= 3 && raw.substr(i - 3, 3) == "\xE2\x82\xAC") return false;  // €
  return true;
}

// ---- Names ----

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
       "friday",     "saturday",   "sunday",    "mr",          "mrs",         "ms",         "yes",         "yeah",
       "yep",        "no",         "nope",      "cheers",      "delivery",    "collection"},
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

bool Capitalised(std::string_view word) {
  size_t length = 0;
  return IsUpperInitial(DecodeAt(word, 0, &length));
}

// Matches `cue` (lower case; ' ' means any run of spaces) at `at` in the
// lower-cased raw text; returns the offset just after it.
std::optional<size_t> MatchCue(const std::string& lower, size_t at, std::string_view cue) {
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
std::string_view RawWordAt(const ScanState& state, size_t at, size_t* end) {
  std::string_view raw = state.raw();
  const retrieval::TextNormalizer& normalizer = state.normalizer();
  const size_t n = raw.size();
  while (at < n && (IsSpace(raw[at]) || raw[at] == ':')) ++at;
  size_t e = at;
  while (e < n && !IsSpace(raw[e]) &&
         (static_cast<unsigned char>(raw[e]) >= 0x80 || IsAlpha(raw[e]) || raw[e] == '\'' || raw[e] == '-')) {
    ++e;
  }
  *end = e;
  std::string_view word = raw.substr(at, e - at);
  while (!word.empty()) {
    size_t last = word.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(word[last]) & 0xC0) == 0x80) --last;
    if (!normalizer.Normalize(word.substr(last)).empty()) break;
    word = word.substr(0, last);  // "Sara’", "Sara😊"
  }
  if (word.empty() || word.size() > 40 || raw[at] == '\'' || raw[at] == '-') return {};
  std::string folded = normalizer.Normalize(word);
  for (char c : folded) {
    if (IsDigit(c)) return {};
  }
  if (folded.empty() || IsNotAName(folded.substr(0, folded.find(' ')))) return {};
  return word;
}

// "Sara Khan, 07700 900123", "it's Tom Reed, 07700 900555": one to three
// capitalised words opening a message that gives a phone number or an
// email, ended by a comma or by the number itself.
void ScanNameBeforeContact(ScanState& state, const std::string& lower) {
  const Entities& found = state.found();
  if (!found.phone && !found.email) return;
  std::string_view raw = state.raw();
  size_t at = 0;
  while (at < raw.size() && IsSpace(raw[at])) ++at;
  for (std::string_view opener : {"it's", "its", "it is", "it\xE2\x80\x99s"}) {
    if (std::optional<size_t> after = MatchCue(lower, at, opener)) {
      at = *after;
      break;
    }
  }
  std::string name;
  size_t end = at;
  for (int words = 0; words < 3; ++words) {
    size_t word_end = 0;
    std::string_view word = RawWordAt(state, end, &word_end);
    if (word.empty() || !Capitalised(word) || MonthOf(state.normalizer().Normalize(word)) != 0) break;
    name += (name.empty() ? "" : " ") + Capitalise(word);
    end = word_end;
    if (end < raw.size() && raw[end] != ' ') break;
  }
  if (name.empty()) return;
  while (end < raw.size() && IsSpace(raw[end])) ++end;
  if (end < raw.size() && (raw[end] == ',' || state.RawUsed(end))) state.found().name = std::move(name);
}

}  // namespace

void ScanEmail(ScanState& state) {
  std::string_view raw = state.raw();
  auto local_char = [](char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  auto domain_char = [](char c) { return IsAlnum(c) || c == '.' || c == '-'; };
  for (size_t at = raw.find('@'); at != std::string_view::npos; at = raw.find('@', at + 1)) {
    size_t begin = at;
    while (begin > 0 && local_char(raw[begin - 1])) --begin;
    while (begin < at && raw[begin] == '.') ++begin;
    size_t end = at + 1;
    while (end < raw.size() && domain_char(raw[end])) ++end;
    while (end > at + 1 && (raw[end - 1] == '.' || raw[end - 1] == '-')) --end;  // "...@x.com."
    std::string_view domain = raw.substr(at + 1, end - at - 1);
    size_t dot = domain.rfind('.');
    if (begin == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3 ||
        domain.find("..") != std::string_view::npos || !IsAlpha(domain.back())) {
      continue;
    }
    std::string email;
    for (char c : raw.substr(begin, end - begin)) email += Lower(c);
    state.found().email = std::move(email);
    ScanState::RawCursor cursor;
    state.ConsumeRaw(begin, end, &cursor);
    return;
  }
}

void ScanPhone(ScanState& state) {
  std::string_view raw = state.raw();
  const size_t n = raw.size();
  size_t i = 0;
  while (i < n) {
    char c = raw[i];
    if (!(c == '+' || c == '(' || IsDigit(c)) || state.RawUsed(i) || !PhoneMayStartAt(raw, i)) {
      ++i;
      continue;
    }
    size_t j = i + (c == '+' ? 1 : 0);
    std::string digits;
    size_t end = i;
    int groups = 0;
    while (j < n && digits.size() <= 15) {
      if (c == '+' && groups == 1 && raw.substr(j, 3) == "(0)") {
        j += 3;  // "+44 (0)7700 900123": the trunk 0 is not dialled from abroad
        while (j < n && raw[j] == ' ') ++j;
        continue;
      }
      size_t g = j;
      bool paren = raw[g] == '(';
      if (paren) ++g;
      size_t d = g;
      while (d < n && IsDigit(raw[d]) && !state.RawUsed(d)) ++d;
      // A later group of 10+ digits is a number of its own ("97214 5035550134").
      if (d == g || (groups > 0 && (d - g < 2 || d - g >= 10))) break;
      if (paren && (d >= n || raw[d] != ')')) break;
      digits.append(raw.substr(g, d - g));
      if (paren) ++d;
      ++groups;
      end = d;
      if (groups == 1 && digits.size() >= 10) break;
      size_t k = d;
      while (k < n && k < d + 3 && (raw[k] == ' ' || raw[k] == '-')) ++k;
      if (k == d && !(k < n && raw[k] == '(')) break;
      j = k;
    }
    bool price_like = end + 1 < n && (raw[end] == '.' || raw[end] == ',') && IsDigit(raw[end + 1]);
    bool glued = end < n && IsAlnum(raw[end]);
    if (digits.size() >= 10 && digits.size() <= 15 && !price_like && !glued) {
      state.found().phone = (c == '+' ? "+" : "") + digits;
      ScanState::RawCursor cursor;
      state.ConsumeRaw(i, end, &cursor);
      return;
    }
    i = std::max(end, i + 1);
  }
}

void ScanName(ScanState& state) {
  struct Cue {
    std::string_view text;
    bool any_case;  // after "my name is" a lower-case name is still a name
  };
  static constexpr Cue kCues[] = {
      {"my name is", true}, {"name is", true}, {"my name's", true}, {"my name\xE2\x80\x99s", true},
      {"name:", true},      {"call me", true}, {"i'm", false},      {"i\xE2\x80\x99m", false},
      {"im", false},        {"i am", false},   {"this is", false},
  };
  std::string_view raw = state.raw();
  std::string lower;
  lower.reserve(raw.size());
  for (char c : raw) lower += Lower(c);
  for (size_t at = 0; at < lower.size(); ++at) {
    if (std::string_view("mncit").find(lower[at]) == std::string_view::npos) continue;  // no cue starts here
    if (at > 0 && (IsAlnum(lower[at - 1]) || static_cast<unsigned char>(lower[at - 1]) >= 0x80)) continue;
    for (const Cue& cue : kCues) {
      std::optional<size_t> after = MatchCue(lower, at, cue.text);
      if (!after) continue;
      size_t end = 0;
      std::string_view word = RawWordAt(state, *after, &end);
      if (word.empty() || (!cue.any_case && !Capitalised(word))) continue;
      std::string name = Capitalise(word);
      // "I'm Sara Khan": further words only when capitalised, on the same line.
      for (int extra = 0; extra < 2 && end < raw.size() && raw[end] == ' '; ++extra) {
        size_t next_end = 0;
        std::string_view next = RawWordAt(state, end, &next_end);
        if (next.empty() || !Capitalised(next) || MonthOf(state.normalizer().Normalize(next)) != 0) break;
        name += " " + Capitalise(next);
        end = next_end;
      }
      state.found().name = std::move(name);
      return;
    }
  }
  ScanNameBeforeContact(state, lower);
}

}  // namespace services::entities
