#include "core/tenant_key.h"

namespace core {

namespace {
bool IsKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}
}  // namespace

bool TenantKey::IsValid(std::string_view text) {
  if (text.empty() || text.size() > kMaxLength) return false;
  if (text.front() == '-' || text.front() == '_') return false;
  for (char c : text) {
    if (!IsKeyChar(c)) return false;
  }
  return true;
}

Result<TenantKey> TenantKey::Parse(std::string_view text) {
  if (!IsValid(text)) {
    return MakeError(ErrorCode::kInvalidTenantKey, "invalid tenant key",
                     "Tenant keys use only letters, digits, '_' and '-' (at most 64 characters).");
  }
  return TenantKey(std::string(text));
}

}  // namespace core
