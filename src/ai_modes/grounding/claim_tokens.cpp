#include "ai_modes/grounding/claim_tokens.h"

#include <cstring>

namespace ai_modes::grounding {
namespace detail {

bool AsciiDigits(std::string_view text, std::string& out) {
  bool any = false;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    unsigned char a = text[i], b = text[i + 1];
    if ((a == 0xD9 && b >= 0xA0 && b <= 0xA9) || (a == 0xDB && b >= 0xB0 && b <= 0xB9)) any = true;
  }
  if (!any) return false;
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char a = text[i], b = i + 1 < text.size() ? text[i + 1] : 0;
    if (a == 0xD9 && b >= 0xA0 && b <= 0xA9) {
      out += static_cast<char>('0' + (b - 0xA0));
      ++i;
    } else if (a == 0xDB && b >= 0xB0 && b <= 0xB9) {
      out += static_cast<char>('0' + (b - 0xB0));
      ++i;
    } else {
      out += static_cast<char>(a);
    }
  }
  return true;
}

namespace {

size_t Utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// A run of letters, digits and inner joiners ("LMB-001", "15.99", "1,299",
// "e-bike", "don't", "a@b.com", "shop.example").
size_t RunEnd(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size()) {
    char c = s[j];
    if (IsAlnum(c)) {
      ++j;
      continue;
    }
    bool next_alnum = j + 1 < s.size() && IsAlnum(s[j + 1]);
    if ((c == '-' || c == '.' || c == '@' || c == '_' || c == '\'') && next_alnum && j > i) {
      ++j;
      continue;
    }
    // "1,299": a comma between digits, followed by exactly three digits.
    if (c == ',' && j > i && IsDigit(s[j - 1]) && j + 3 < s.size() && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
        IsDigit(s[j + 3]) && (j + 4 >= s.size() || !IsDigit(s[j + 4]))) {
      ++j;
      continue;
    }
    // ’ (E2 80 99) inside a word: "we’re".
    if (static_cast<unsigned char>(c) == 0xE2 && s.substr(j, 3) == "\xE2\x80\x99" && j + 3 < s.size() &&
        IsAlpha(s[j + 3]) && j > i) {
      j += 3;
      continue;
    }
    break;
  }
  return j;
}

bool AllDigitsAndSeparators(std::string_view r) {
  bool digit = false;
  for (char c : r) {
    if (IsDigit(c))
      digit = true;
    else if (c != '.' && c != ',')
      return false;
  }
  return digit && r.find('.') == r.rfind('.');
}

bool IsIsoDate(std::string_view r) {
  if (r.size() != 10 || r[4] != '-' || r[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(r[i])) return false;
  }
  return true;
}

// Letters (1-6), then one or more "-" groups of letters/digits, with a digit
// somewhere after the first group: "LMB-001", "BK-ROAD-001".
bool IsSku(std::string_view r) {
  size_t dash = r.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 6) return false;
  for (size_t i = 0; i < dash; ++i) {
    if (!IsAlpha(r[i])) return false;
  }
  bool digit = false;
  for (size_t i = dash; i < r.size(); ++i) {
    if (IsDigit(r[i]))
      digit = true;
    else if (!IsAlpha(r[i]) && r[i] != '-')
      return false;
  }
  return digit;
}

bool IsDomain(std::string_view r) {
  size_t dot = r.rfind('.');
  if (dot == std::string_view::npos || dot + 3 > r.size()) return false;
  for (size_t i = dot + 1; i < r.size(); ++i) {
    if (!IsAlpha(r[i])) return false;
  }
  size_t first = r.find('.');
  return first >= 2 && AllDigitsAndSeparators(r.substr(0, first)) == false;
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> Run() {
    std::vector<Token> out;
    out.reserve(s_.size() / 4 + 4);
    bool space = true, line = true, sentence = true;
    size_t i = 0;
    auto push = [&](T type, size_t from, size_t to) {
      out.push_back({type, s_.substr(from, to - from), space, line, sentence});
      space = line = sentence = false;
    };
    while (i < s_.size()) {
      unsigned char c = s_[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        space = true;
        if (c == '\n') line = sentence = true;
        ++i;
        continue;
      }
      if ((c == 'h' || c == 'H') && (StartsWithNoCase(i, "http://") || StartsWithNoCase(i, "https://"))) {
        size_t j = i;
        while (j < s_.size() && !std::strchr(" \t\r\n<>\"'()[]{}", s_[j])) ++j;
        while (j > i && std::strchr(".,;:!?", s_[j - 1])) --j;
        push(T::kUrl, i, j);
        i = j;
        continue;
      }
      if (IsAlnum(static_cast<char>(c))) {
        size_t j = RunEnd(s_, i);
        Classify(i, j, push);
        i = j;
        continue;
      }
      if (c >= 0x80) {
        size_t n = Utf8Length(c);
        std::string_view ch = s_.substr(i, n);
        if (ch == "\xC2\xA3" || ch == "\xE2\x82\xAC" || ch == "\xC3\x97" || ch == "\xE2\x80\x93" ||
            ch == "\xE2\x80\x94" || ch == "\xE2\x80\xA2" || ch == "\xC2\xB0") {
          push(T::kSymbol, i, i + n);
          if (ch == "\xE2\x80\xA2") sentence = true;  // a bullet starts a sentence
          i += n;
          continue;
        }
        // Other non-ASCII text (accents, other scripts) is word material.
        size_t j = i;
        while (j < s_.size() && static_cast<unsigned char>(s_[j]) >= 0x80) {
          std::string_view cj = s_.substr(j, Utf8Length(s_[j]));
          if (cj == "\xC2\xA3" || cj == "\xE2\x82\xAC" || cj == "\xC3\x97" || cj == "\xE2\x80\x93" ||
              cj == "\xE2\x80\x94" || cj == "\xE2\x80\xA2" || cj == "\xC2\xB0" || cj == "\xE2\x80\x99") {
            break;
          }
          j += cj.size();
        }
        if (j == i) j = i + n;
        push(T::kWord, i, j);
        i = j;
        continue;
      }
      push(T::kSymbol, i, i + 1);
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') sentence = true;
      ++i;
    }
    return out;
  }

 private:
  bool StartsWithNoCase(size_t i, std::string_view prefix) const {
    if (s_.size() - i < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
      if (Lower(s_[i + k]) != prefix[k]) return false;
    }
    return true;
  }

  template <class Push>
  void Classify(size_t i, size_t j, Push& push) {
    std::string_view r = s_.substr(i, j - i);
    if (r.find('@') != std::string_view::npos) {
      push(r.find('.', r.find('@')) != std::string_view::npos ? T::kEmail : T::kWord, i, j);
      return;
    }
    if (IsIsoDate(r)) return push(T::kIsoDate, i, j);
    if (AllDigitsAndSeparators(r)) return push(T::kNumber, i, j);
    if (r.find('.') != std::string_view::npos) {
      if (IsDomain(r)) return push(T::kDomain, i, j);
      // "e.g", "No.5", "15.99kg": split at the dots.
      size_t k = i;
      while (k < j) {
        size_t dot = s_.find('.', k);
        if (dot == std::string_view::npos || dot >= j) dot = j;
        Classify(k, dot, push);
        if (dot < j) push(T::kSymbol, dot, dot + 1);
        k = dot + 1;
      }
      return;
    }
    if (IsSku(r)) return push(T::kSku, i, j);
    bool letters = false, digits = false;
    for (char c : r) {
      if (IsAlpha(c)) letters = true;
      if (IsDigit(c)) digits = true;
    }
    if (!digits) return push(T::kWord, i, j);
    // "6pm", "500g", "24th", "2x10": a number, then the rest glued to it.
    if (IsDigit(r[0])) {
      size_t k = 0;
      while (k < r.size() && (IsDigit(r[k]) || r[k] == ',')) ++k;
      if (k < r.size() && r[k] == '-') {  // "16-20kg": a number, a dash, the rest
        push(T::kNumber, i, i + k);
        push(T::kSymbol, i + k, i + k + 1);
        Classify(i + k + 1, j, push);
        return;
      }
      push(T::kNumber, i, i + k);
      if (k < r.size()) Classify(i + k, j, push);
      return;
    }
    push(letters ? T::kAlnum : T::kWord, i, j);
  }

  std::string_view s_;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace detail

std::string WordCorpus(std::string_view text) {
  using namespace detail;
  std::string out = " ";
  out.reserve(text.size() + 2);
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    size_t n = Utf8Length(c);
    // Letters of any script stay (names may carry accents); Latin-1
    // punctuation (£, °, ×), general punctuation (’, –, •) and currency
    // signs (€) separate words like ASCII punctuation does.
    bool word = IsAlnum(static_cast<char>(c));
    if (c >= 0x80) {
      unsigned char c1 = i + 1 < text.size() ? text[i + 1] : 0;
      bool latin1_symbol = c == 0xC2 || (c == 0xC3 && (c1 == 0x97 || c1 == 0xB7));
      bool punctuation = c == 0xE2 && (c1 == 0x80 || c1 == 0x81 || c1 == 0x82);
      word = !latin1_symbol && !punctuation;
    }
    if (word) {
      for (size_t k = 0; k < n && i + k < text.size(); ++k) out += Lower(text[i + k]);
    } else if (out.back() != ' ') {
      out += ' ';
    }
    i += n;
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

}  // namespace ai_modes::grounding
