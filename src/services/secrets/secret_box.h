// SecretBox: authenticated encryption of stored secrets (AES-256-GCM,
// OpenSSL), and the base64 they are stored as.
//
// A sealed value is "v1:" + base64(12-byte random nonce | ciphertext |
// 16-byte tag). The caller's `context` (tenant and secret name) is
// authenticated with it, so a value copied into another tenant's or
// secret's slot does not open. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace services {

struct SecretKey {
  std::array<uint8_t, 32> bytes{};
};

// SECRETS_KEY as written in the configuration: 64 hexadecimal characters,
// or the standard base64 of 32 bytes. kInvalidArgument otherwise (the
// message never repeats the text).
core::Result<SecretKey> ParseSecretKey(std::string_view text);

// Encrypts `plaintext` under `key` with a fresh random nonce.
// kInternal only when OpenSSL fails.
core::Result<std::string> SealSecret(const SecretKey& key, std::string_view plaintext, std::string_view context);

// The plaintext of `sealed`. kInvalidArgument when it is not a sealed value,
// was sealed under another key or context, or was altered.
core::Result<std::string> OpenSecret(const SecretKey& key, std::string_view sealed, std::string_view context);

// Standard base64 with padding, and its inverse (nullopt for anything that
// is not canonical base64).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace services
