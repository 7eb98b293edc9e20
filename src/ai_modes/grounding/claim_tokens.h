// Internal to the grounding verifier (claims.cpp): the tokens the claim
// scanner reads and the small ASCII helpers it shares with the lexer and the
// action finder. Not part of the module's contract; may change freely.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ai_modes/grounding/claims.h"

namespace ai_modes::grounding::detail {

enum class T : uint8_t { kWord, kNumber, kAlnum, kSymbol, kUrl, kEmail, kDomain, kSku, kIsoDate };

struct Token {
  T type = T::kWord;
  std::string_view text;
  bool space_before = false;    // whitespace right before it
  bool line_start = false;      // first token of a line
  bool sentence_start = false;  // first token of a sentence
};

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

inline std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

inline std::string UpperCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Upper(c);
  return out;
}

inline bool Is(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != b[i]) return false;
  }
  return true;
}

template <size_t N>
bool IsOneOf(std::string_view word, const std::array<std::string_view, N>& list) {
  for (auto w : list) {
    if (Is(word, w)) return true;
  }
  return false;
}

// Arabic-Indic (U+0660..0669: D9 A0..A9) and Extended Arabic-Indic

// Arabic-Indic (U+0660..0669) and Extended Arabic-Indic (U+06F0..06F9)
// digits written as ASCII into `out`; false (and `out` untouched) when the
// text has none.
bool AsciiDigits(std::string_view text, std::string& out);

// The tokens of `text`, in order; views into `text`.
std::vector<Token> Tokenize(std::string_view text);

// Appends a kAction claim for every sentence of `text` saying something was
// done (added to the basket, order placed, refunded, ...).
void ExtractActions(std::string_view text, std::vector<Claim>& out);

}  // namespace ai_modes::grounding::detail
