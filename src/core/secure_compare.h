#pragma once

#include <string_view>

namespace core {

// Compares secrets without leaking, through timing, how long a common prefix
// is. The length itself is not secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace core
