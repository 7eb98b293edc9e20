// PasswordHasher: Argon2id password hashes in the standard encoded form
// ($argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>), with a fresh
// random 16-byte salt per hash. Verification reads the parameters from the
// encoded string, so hashes made with older parameters keep working;
// NeedsRehash tells when one should be replaced.
//
// Password policy: at least kMinPasswordChars characters (UTF-8 code points)
// and at most kMaxPasswordBytes bytes. Longer input is refused before any
// hashing, so a huge "password" cannot make the server burn CPU and memory.
//
// Thread-safe (const methods only; the random source must be thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace services {

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 256;

// Fills `size` bytes at `out` with unpredictable bytes. Thread-safe.
using RandomBytes = std::function<void(unsigned char* out, size_t size)>;

// The operating system's CSPRNG (OpenSSL RAND_bytes).
RandomBytes SystemRandomBytes();

struct PasswordHasherOptions {
  // OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
  // Tests use a tiny cost (e.g. 64 KiB, 1 pass).
  uint32_t memory_kib = 19456;
  uint32_t iterations = 2;
  uint32_t parallelism = 1;
  RandomBytes random;  // empty: SystemRandomBytes()
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHasherOptions options = {});

  // Ok when `password` satisfies the length policy; kInvalidArgument with a
  // user-facing explanation otherwise. Never echoes the password.
  static core::Status CheckPolicy(std::string_view password);

  // The encoded Argon2id hash. kInvalidArgument when the policy fails;
  // kInternal when libargon2 refuses the parameters.
  core::Result<std::string> Hash(std::string_view password) const;

  // True when `password` matches `encoded` (constant-time comparison inside
  // libargon2). False for a malformed or non-Argon2id hash and for a
  // password longer than kMaxPasswordBytes (not hashed at all).
  bool Verify(std::string_view password, const std::string& encoded) const;

  // True when `encoded` is not an Argon2id v19 hash with exactly this
  // hasher's memory, iterations and parallelism.
  bool NeedsRehash(std::string_view encoded) const;

  const PasswordHasherOptions& options() const { return options_; }

 private:
  PasswordHasherOptions options_;
};

}  // namespace services
