#include "services/understanding/entities/postcodes.h"

#include <algorithm>
#include <optional>
#include <string>

#include "services/understanding/entities/text.h"

namespace services::entities {
namespace {

using retrieval::PostcodeSystem;

// Cheap shape test before ParsePostcode: a letter first, a digit somewhere.
bool MaybeUkCode(std::string_view t) {
  return t.size() >= 2 && t.size() <= 7 && IsAlpha(t[0]) && std::any_of(t.begin(), t.end(), IsDigit);
}

bool IsDeliveryWord(std::string_view w) {
  return In({"deliver", "delivery", "deliveries", "delivering", "postcode", "area", "code"}, w);
}

// Empty counts as ASCII: it is no word in a script we do not read.
bool StartsAscii(std::string_view word) { return word.empty() || static_cast<unsigned char>(word[0]) < 0x80; }

size_t CountAsciiWords(const ScanState& s) {
  size_t n = 0;
  for (size_t k = 0; k < s.size(); ++k) n += StartsAscii(s.Tok(k)) ? 1 : 0;
  return n;
}

}  // namespace

void ScanFullUkPostcode(ScanState& s) {
  if (s.context().postcode_system != PostcodeSystem::kUk) return;
  Entities& found = s.found();
  for (size_t i = 0; i < s.size() && !found.postcode; ++i) {
    if (!s.Free(i)) continue;
    std::string_view t = s.Tok(i), n1 = s.Tok(i + 1);
    if (!MaybeUkCode(t)) continue;
    auto code = retrieval::ParsePostcode(t, PostcodeSystem::kUk);
    if (code && code->full) {
      found.postcode = std::move(code);
      s.Use(i, i);
      return;
    }
    if (!code || !s.Free(i + 1) || n1.size() != 3) continue;
    // "a1 2kg" is an outward-looking word and a weight, not "A1 2KG".
    bool unit_like = !UnitOf(n1.substr(1)).empty() || In({"st", "nd", "rd", "th"}, n1.substr(1));
    if (unit_like && !In({"to", "in"}, s.Before(i)) && !IsDeliveryWord(s.Before(i))) continue;
    auto joined = retrieval::ParsePostcode(std::string(t) + " " + std::string(n1), PostcodeSystem::kUk);
    if (joined && joined->full) {
      found.postcode = std::move(joined);
      s.Use(i, i + 1);
    }
  }
}

void ScanOutwardPostcode(ScanState& s) {
  if (s.context().postcode_system != PostcodeSystem::kUk || s.found().postcode) return;
  // Counted once, on first need: a count per candidate code would make a
  // long message of codes quadratic.
  std::optional<size_t> ascii_words;
  auto others_are_foreign_script = [&](size_t i) {
    if (!ascii_words) ascii_words = CountAsciiWords(s);
    return s.size() > 1 && *ascii_words == (StartsAscii(s.Tok(i)) ? 1u : 0u);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s.Free(i) || !MaybeUkCode(s.Tok(i))) continue;
    auto code = retrieval::ParsePostcode(s.Tok(i), PostcodeSystem::kUk);
    if (!code) continue;
    std::string_view p1 = s.Before(i);
    // "2" is text-speak for "to"; words in a script we do not read
    // (Arabic, Urdu...) around a lone code leave the code as the message.
    bool cued = s.size() == 1 || In({"to", "in", "near", "around"}, p1) || IsDeliveryWord(p1) ||
                (p1 == "2" && (IsDeliveryWord(s.Before(i, 2)) || s.Before(i, 2) == "ship")) ||
                IsDeliveryWord(s.Tok(i + 1)) || (In({"is", "its"}, p1) && IsDeliveryWord(s.Before(i, 2))) ||
                // A postposition between the code and the delivery word
                // (Hinglish "BS5 mein deliver karte hain?").
                (In({"mein", "me", "tak", "ko"}, s.Tok(i + 1)) && IsDeliveryWord(s.Tok(i + 2))) ||
                others_are_foreign_script(i);
    if (!cued) continue;
    s.found().postcode = std::move(code);
    s.Use(i, i);
    return;
  }
}

void ScanZip(ScanState& s) {
  if (s.context().postcode_system != PostcodeSystem::kUsZip) return;
  for (size_t i = 0; i < s.size(); ++i) {
    std::string_view t = s.Tok(i);
    if (!s.Free(i) || t.size() != 5 || !AllDigits(t)) continue;
    if (!s.Lex(i + 1).unit.empty() || s.Lex(i + 1).people) continue;
    size_t last = i;
    if (s.Free(i + 1) && s.Tok(i + 1).size() == 4 && AllDigits(s.Tok(i + 1))) last = i + 1;  // ZIP+4
    s.found().postcode = retrieval::ParsePostcode(t, PostcodeSystem::kUsZip);
    s.Use(i, last);
    return;
  }
}

}  // namespace services::entities
