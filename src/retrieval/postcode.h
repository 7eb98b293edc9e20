// Postcode and ZIP parsing, shared by the entity extractor and the stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace retrieval {

enum class PostcodeSystem { kUk, kUsZip };

struct Postcode {
  std::string normalized;  // "LS6 1AB", "LS6" (outward only), "97214"
  std::string outward;     // "LS6"; for ZIP codes the ZIP itself
  bool full = false;       // a complete UK postcode (outward + inward), or any ZIP
};

// Parses one postcode in any case and spacing:
//   UK full "ls61ab" / "LS6 1AB" / "sw1a 1aa" -> "LS6 1AB" (outward "LS6", full)
//   UK outward "ls6" / "SW1A" -> "LS6" (not full)
//   US "97214", "97214-1234", "97214 1234" -> "97214" (full)
// The whole of `text` (trimmed) must be the code; nullopt otherwise.
// UK shapes: outward = A9, A99, AA9, AA99, A9A, AA9A; inward = 9AA.
std::optional<Postcode> ParsePostcode(std::string_view text, PostcodeSystem system);

}  // namespace retrieval
