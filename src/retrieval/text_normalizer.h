// TextNormalizer: the one way shopper text and tenant text are made
// comparable. ICU-based: NFD, strip non-spacing marks, NFC, full case folding.
//
// Normalize("Crème  Brûlée, 2.5KG!!") == "creme brulee 2.5kg"
//   - letters and digits are kept (any script: "Ελληνικά" -> "ελληνικα");
//   - '.' and ',' survive only between two digits ("2.5", "1,299"), as '.' for
//     a decimal point and dropped for a thousands separator ("1,299" -> "1299");
//     a ',' is a thousands separator when exactly three digits follow it, a
//     decimal comma when it is the number's only separator ("2,5" -> "2.5"),
//     and a separator otherwise ("1,2,3" -> "1 2 3");
//   - currency signs £ $ € become their own tokens ("£10" -> "£ 10");
//   - apostrophes are removed inside words ("I'm" -> "im", "don't" -> "dont");
//   - everything else (punctuation, emoji, symbols, control characters) is a
//     separator; runs of separators become one space; no leading/trailing space.
// Invalid UTF-8 never fails: bad bytes are dropped.
//
// Thread-safe; cheap to construct (ICU instances are shared by ICU).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retrieval {

class TextNormalizer {
 public:
  TextNormalizer();

  std::string Normalize(std::string_view utf8) const;
  // Normalize() split on spaces.
  std::vector<std::string> Tokenize(std::string_view utf8) const;
};

// Appends code point `c` to `out` as UTF-8. REQUIRES: c is a valid code point.
void AppendUtf8(std::string& out, char32_t c);

// Splits an already normalized string on single spaces.
std::vector<std::string> SplitTokens(std::string_view normalized);

// Damerau-Levenshtein (optimal string alignment) distance over bytes, with an
// early exit: returns max_distance + 1 as soon as the distance must exceed it.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

}  // namespace retrieval
