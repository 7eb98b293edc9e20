#include "services/secrets/secret_box.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace services {

using core::ErrorCode;
using core::MakeError;

namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(bytes), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(text), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  if (Base64Encode(out) != text) return std::nullopt;  // non-canonical or stray characters
  return out;
}

core::Result<SecretKey> ParseSecretKey(std::string_view text) {
  SecretKey key;
  if (text.size() == 64) {
    bool hex = true;
    for (size_t i = 0; i < 32 && hex; ++i) {
      int hi = HexValue(text[2 * i]), lo = HexValue(text[2 * i + 1]);
      hex = hi >= 0 && lo >= 0;
      key.bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    if (hex) return key;
  }
  if (auto raw = Base64Decode(text); raw && raw->size() == key.bytes.size()) {
    std::copy(raw->begin(), raw->end(), key.bytes.begin());
    return key;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "SECRETS_KEY must be 32 bytes written as 64 hex characters or as base64 (openssl rand -hex 32)");
}

core::Result<std::string> SealSecret(const SecretKey& key, std::string_view plaintext, std::string_view context) {
  std::string raw(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (RAND_bytes(out, kNonceBytes) != 1) return MakeError(ErrorCode::kInternal, "no random nonce for a secret");
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.bytes.data(), out) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(context), static_cast<int>(context.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), out + kNonceBytes, &len, Bytes(plaintext),
                              static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), out + kNonceBytes + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, out + kNonceBytes + plaintext.size()) == 1;
  if (!ok) return MakeError(ErrorCode::kInternal, "AES-256-GCM encryption failed");
  return std::string(kPrefix) + Base64Encode(raw);
}

core::Result<std::string> OpenSecret(const SecretKey& key, std::string_view sealed, std::string_view context) {
  auto refuse = [] {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a stored secret does not open with SECRETS_KEY (another key, or the file was altered)");
  };
  if (!sealed.starts_with(kPrefix)) return refuse();
  auto raw = Base64Decode(sealed.substr(kPrefix.size()));
  if (!raw || raw->size() < static_cast<size_t>(kNonceBytes + kTagBytes)) return refuse();
  const size_t text_size = raw->size() - kNonceBytes - kTagBytes;
  auto* in = reinterpret_cast<unsigned char*>(raw->data());
  std::string plain(text_size, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.bytes.data(), in) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(context), static_cast<int>(context.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len, in + kNonceBytes,
                              static_cast<int>(text_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, in + kNonceBytes + text_size) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &len) == 1;
  if (!ok) return refuse();
  return plain;
}

}  // namespace services
