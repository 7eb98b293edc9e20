#pragma once

#include <string_view>

namespace core {

// Deepest nesting of arrays and objects accepted in JSON from outside the
// process (request bodies, tenant files). Real documents stay under 10;
// the library's copy, compare and dump are recursive, so a document nested
// tens of thousands deep would overflow the stack.
inline constexpr int kMaxJsonDepth = 64;

// True when no array or object in `text` is nested deeper than `max_depth`.
// A plain scan (brackets inside strings do not count): it does not check
// that `text` is valid JSON, so run it before the parser, not instead of it.
// O(n), no allocation, no recursion.
bool JsonNestingWithin(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace core
