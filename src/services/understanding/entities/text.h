// Byte-level helpers shared by the entity scanners: ASCII character classes
// (the scanners read digits and Latin letters; every other byte, including
// UTF-8, is "not a letter") and membership in a short word list.
//
// Internal to services/understanding: included only by the entity scanners.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace services::entities {

using Words = std::initializer_list<std::string_view>;

// True when `word` is one of `words`; an empty word is in no list.
inline bool In(Words words, std::string_view word) {
  if (word.empty()) return false;
  for (std::string_view w : words) {
    if (w.size() == word.size() && w[0] == word[0] && w == word) return true;
  }
  return false;
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool AllDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

}  // namespace services::entities
