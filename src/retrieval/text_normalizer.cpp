#include "retrieval/text_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace retrieval {
namespace {

constexpr char32_t kPoundSign = 0xA3;
constexpr char32_t kEuroSign = 0x20AC;

bool IsApostrophe(char32_t c) {
  // Phones type U+2019 for "I'm"; Spanish keyboards U+00B4; some U+02BC or '`'.
  return c == U'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == U'`' || c == 0xB4;
}

bool IsCurrencySign(char32_t c) { return c == U'$' || c == kPoundSign || c == kEuroSign; }

// Code points that NFD, mark stripping, NFC and case folding leave alone
// (ASCII only needs lowercasing). Text made only of these -- nearly every
// English chat message, including "£10" and "I’m" -- never touches ICU.
bool IsInert(char32_t c) {
  return c < 0x80 || c == 0xA0 || c == kPoundSign || c == 0xB4 || c == 0x2018 || c == 0x2019 || c == kEuroSign;
}

bool IsDigit(char32_t c) { return c < 0x80 ? (c >= U'0' && c <= U'9') : u_isdigit(static_cast<UChar32>(c)) != 0; }

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  UChar32 u = static_cast<UChar32>(c);
  // Spacing marks (Devanagari vowel signs...) are part of their word; only
  // non-spacing marks are accents.
  return u_isalnum(u) || u_charType(u) == U_COMBINING_SPACING_MARK;
}

bool IsNonSpacingMark(char32_t c) { return c >= 0x300 && u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK; }

// Decodes UTF-8, dropping ill-formed bytes instead of substituting U+FFFD
// (which is a symbol, so it would split "caf\xFFe" into two words).
std::u32string Decode(std::string_view utf8, bool* inert) {
  // ICU's macros index with int32_t; chat input is far below 2 GiB.
  const int32_t length = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  std::u32string out;
  out.reserve(static_cast<size_t>(length));
  *inert = true;
  int32_t i = 0;
  while (i < length) {
    if (bytes[i] < 0x80) {
      out += static_cast<char32_t>(bytes[i++]);
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (!IsInert(static_cast<char32_t>(c))) *inert = false;
    out += static_cast<char32_t>(c);
  }
  return out;
}

void ApplyNormalizer(const icu::Normalizer2* normalizer, icu::UnicodeString& text) {
  if (normalizer == nullptr) return;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result = normalizer->normalize(text, status);
  // Without ICU data the text stays as it was: worse matching, never a failure.
  if (U_SUCCESS(status)) text = std::move(result);
}

// NFD, strip non-spacing marks, NFC (recomposes Hangul and the like), fold.
std::u32string FoldWithIcu(const std::u32string& code_points) {
  icu::UnicodeString text;
  for (char32_t c : code_points) text.append(static_cast<UChar32>(c));

  UErrorCode nfd_status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(nfd_status);
  ApplyNormalizer(U_SUCCESS(nfd_status) ? nfd : nullptr, text);

  icu::UnicodeString stripped;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
  }

  UErrorCode nfc_status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(nfc_status);
  ApplyNormalizer(U_SUCCESS(nfc_status) ? nfc : nullptr, stripped);
  stripped.foldCase(U_FOLD_CASE_DEFAULT);

  std::u32string out;
  out.reserve(static_cast<size_t>(stripped.length()));
  for (int32_t i = 0; i < stripped.length();) {
    UChar32 c = stripped.char32At(i);
    i += U16_LENGTH(c);
    out += static_cast<char32_t>(c);
  }
  return out;
}

// Applies the token rules of the contract to folded code points. `Text` is
// std::u32string, or std::string_view for pure ASCII (lower-cased here), so
// the common case needs no decoding pass and no extra buffer.
template <typename Text>
std::string MapToTokens(const Text& text) {
  const size_t n = text.size();
  auto cps = [&text](size_t i) -> char32_t {
    if constexpr (std::is_same_v<Text, std::string_view>) {
      auto c = static_cast<char32_t>(static_cast<unsigned char>(text[i]));
      return c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c;
    } else {
      return text[i];
    }
  };
  std::string out;
  out.reserve(n + n / 4);
  bool pending_space = false;
  auto separate = [&] { pending_space = !out.empty(); };
  auto put = [&](char32_t c) {
    if (pending_space) out += ' ';
    pending_space = false;
    AppendUtf8(out, c);
  };

  // The current number run: digits joined by '.' or ',' ("1,299.50").
  size_t run_end = 0;
  int run_separators = 0;
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = cps(i);
    if (IsDigit(c) && i >= run_end) {
      size_t j = i;
      run_separators = 0;
      for (;;) {
        while (j < n && IsDigit(cps(j))) ++j;
        if (j + 1 < n && (cps(j) == U'.' || cps(j) == U',') && IsDigit(cps(j + 1))) {
          ++run_separators;
          ++j;
          continue;
        }
        break;
      }
      run_end = j;
    }
    if (IsWordChar(c)) {
      put(c);
    } else if ((c == U'.' || c == U',') && i < run_end && i > 0 && IsDigit(cps(i - 1))) {
      if (c == U'.') {
        put(U'.');
        continue;
      }
      size_t digits_after = 0;
      while (i + 1 + digits_after < n && IsDigit(cps(i + 1 + digits_after))) ++digits_after;
      if (digits_after == 3) continue;  // thousands separator: "1,299"
      if (run_separators == 1) {
        put(U'.');  // decimal comma: "2,5"
      } else {
        separate();  // a list: "1,2,3"
      }
    } else if (IsApostrophe(c)) {
      bool inside_word = i > 0 && i + 1 < n && IsWordChar(cps(i - 1)) && IsWordChar(cps(i + 1));
      if (!inside_word) separate();
    } else if (IsCurrencySign(c)) {
      separate();
      put(c);
      separate();
    } else if (IsNonSpacingMark(c)) {
      // Left by case folding (rare); an accent never splits a word.
    } else {
      separate();
    }
  }
  return out;
}

}  // namespace

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}


TextNormalizer::TextNormalizer() = default;

std::string TextNormalizer::Normalize(std::string_view utf8) const {
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return MapToTokens(utf8);
  }
  bool inert = true;
  std::u32string cps = Decode(utf8, &inert);
  if (inert) {
    for (char32_t& c : cps) {
      if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    }
  } else {
    cps = FoldWithIcu(cps);
  }
  return MapToTokens(cps);
}

std::vector<std::string> TextNormalizer::Tokenize(std::string_view utf8) const { return SplitTokens(Normalize(utf8)); }

std::vector<std::string> SplitTokens(std::string_view normalized) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start <= normalized.size()) {
    size_t space = normalized.find(' ', start);
    if (space == std::string_view::npos) space = normalized.size();
    if (space > start) tokens.emplace_back(normalized.substr(start, space - start));
    start = space + 1;
  }
  return tokens;
}

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  if (max_distance < 0) return max_distance + 1;
  if (a.size() < b.size()) std::swap(a, b);  // b is the shorter: rows are b.size() + 1 wide
  const size_t la = a.size();
  const size_t lb = b.size();
  if (la - lb > static_cast<size_t>(max_distance)) return max_distance + 1;
  if (lb == 0) return static_cast<int>(la);

  // Three rows: the transposition looks two rows back. Short words (the
  // common case) stay on the stack.
  constexpr size_t kStackWidth = 64;
  int stack_rows[3][kStackWidth];
  std::vector<int> heap_rows;
  int* rows[3];
  if (lb + 1 <= kStackWidth) {
    for (int r = 0; r < 3; ++r) rows[r] = stack_rows[r];
  } else {
    heap_rows.resize(3 * (lb + 1));
    for (int r = 0; r < 3; ++r) rows[r] = heap_rows.data() + r * (lb + 1);
  }
  int* before = rows[0];
  int* previous = rows[1];
  int* current = rows[2];
  for (size_t j = 0; j <= lb; ++j) previous[j] = static_cast<int>(j);

  for (size_t i = 1; i <= la; ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = std::min(value, before[j - 2] + 1);
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    // Row minima never decrease (a transposition costs no less than the
    // diagonal step it replaces), so the distance can only be larger.
    if (row_min > max_distance) return max_distance + 1;
    int* recycled = before;
    before = previous;
    previous = current;
    current = recycled;
  }
  return std::min(previous[lb], max_distance + 1);
}

}  // namespace retrieval
