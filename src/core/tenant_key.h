// TenantKey: the validated name of a tenant. Keys double as folder names under
// BUSINESS_DIR and DATA_DIR, so only [A-Za-z0-9_-]{1,64} is accepted, and the
// first character must be a letter or digit: no dots, slashes or empty names
// can reach the file system.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/result.h"

namespace core {

class TenantKey {
 public:
  static constexpr size_t kMaxLength = 64;

  // Returns kInvalidTenantKey for anything outside the allowed alphabet.
  static Result<TenantKey> Parse(std::string_view text);
  static bool IsValid(std::string_view text);

  const std::string& str() const { return key_; }
  auto operator<=>(const TenantKey&) const = default;

 private:
  explicit TenantKey(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace core
