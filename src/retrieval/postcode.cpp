#include "retrieval/postcode.h"

namespace retrieval {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// `shape` uses 'A' for a letter and '9' for a digit.
bool HasShape(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (shape[i] == 'A' ? !IsUpper(text[i]) : !IsDigit(text[i])) return false;
  }
  return true;
}

bool IsOutward(std::string_view text) {
  for (std::string_view shape : {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"}) {
    if (HasShape(text, shape)) return true;
  }
  return false;
}

std::optional<Postcode> ParseUk(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (IsSpace(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!IsUpper(c) && !IsDigit(c)) return std::nullopt;
    compact += c;
  }
  if (compact.size() >= 5 && compact.size() <= 7) {
    std::string_view all = compact;
    std::string_view outward = all.substr(0, all.size() - 3);
    std::string_view inward = all.substr(all.size() - 3);
    if (IsOutward(outward) && HasShape(inward, "9AA")) {
      return Postcode{std::string(outward) + " " + std::string(inward), std::string(outward), true};
    }
  }
  if (IsOutward(compact)) return Postcode{compact, compact, false};
  return std::nullopt;
}

// "97214", "97214-1234", "97214 1234" (spaces allowed around the dash).
std::optional<Postcode> ParseZip(std::string_view text) {
  if (text.size() < 5 || !HasShape(text.substr(0, 5), "99999")) return std::nullopt;
  std::string zip(text.substr(0, 5));
  std::string_view rest = text.substr(5);
  if (rest.empty()) return Postcode{zip, zip, true};
  size_t i = 0;
  while (i < rest.size() && IsSpace(rest[i])) ++i;
  bool separated = i > 0;
  if (i < rest.size() && rest[i] == '-') {
    separated = true;
    ++i;
    while (i < rest.size() && IsSpace(rest[i])) ++i;
  }
  if (!separated || !HasShape(rest.substr(i), "9999")) return std::nullopt;
  return Postcode{zip, zip, true};
}

}  // namespace

std::optional<Postcode> ParsePostcode(std::string_view text, PostcodeSystem system) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  return system == PostcodeSystem::kUk ? ParseUk(text) : ParseZip(text);
}

}  // namespace retrieval
