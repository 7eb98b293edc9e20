#include "services/auth/password_hasher.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace services {

namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string ExpectedPrefix(const PasswordHasherOptions& o) {
  return "$argon2id$v=19$m=" + std::to_string(o.memory_kib) + ",t=" + std::to_string(o.iterations) +
         ",p=" + std::to_string(o.parallelism) + "$";
}

}  // namespace

RandomBytes SystemRandomBytes() {
  return [](unsigned char* out, size_t size) {
    // RAND_bytes fails only when the OS entropy source is broken; a
    // predictable salt or token would be worse than stopping.
    if (RAND_bytes(out, static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
  };
}

PasswordHasher::PasswordHasher(PasswordHasherOptions options) : options_(std::move(options)) {
  if (!options_.random) options_.random = SystemRandomBytes();
}

core::Status PasswordHasher::CheckPolicy(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "password longer than the limit",
                           "A password may be at most " + std::to_string(kMaxPasswordBytes) + " bytes long.");
  }
  if (CodePoints(password) < kMinPasswordChars) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "password shorter than the minimum",
                           "A password needs at least " + std::to_string(kMinPasswordChars) + " characters.");
  }
  return core::Status::Ok();
}

core::Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  if (auto policy = CheckPolicy(password); !policy.ok()) return policy.error();
  std::array<unsigned char, kSaltBytes> salt{};
  options_.random(salt.data(), salt.size());
  size_t length = argon2_encodedlen(options_.iterations, options_.memory_kib, options_.parallelism, kSaltBytes,
                                    kHashBytes, Argon2_id);
  std::vector<char> encoded(length + 1, '\0');
  int rc = argon2id_hash_encoded(options_.iterations, options_.memory_kib, options_.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return core::MakeError(core::ErrorCode::kInternal, std::string("argon2id: ") + argon2_error_message(rc),
                           "The password could not be processed.");
  }
  return std::string(encoded.data());
}

bool PasswordHasher::Verify(std::string_view password, const std::string& encoded) const {
  if (password.size() > kMaxPasswordBytes) return false;
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
  return encoded.rfind(ExpectedPrefix(options_), 0) != 0;
}

}  // namespace services
