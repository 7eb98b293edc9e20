// SecretStore: a tenant's channel credentials, write-only from the
// outside. Owners set them (`aiv7 secret set`, the owner API); only the
// server reads the values, to check webhook signatures and call the
// providers. No API returns a value, and nothing logs one: listings carry
// names and when each was set.
//
// Names (kSecretNames): whatsapp.app_secret, whatsapp.access_token,
// whatsapp.verify_token, twilio.auth_token.
//
// FileSecretStore keeps one file per tenant, DATA_DIR/secrets/<TENANT>.json
// (mode 0600, in a 0700 folder), replaced atomically (temporary file,
// fsync, rename) under an flock on secrets/.lock, so the CLI and a running
// server can both write. With a key (SECRETS_KEY) each value is sealed with
// AES-256-GCM bound to its tenant and name (secret_box.h); without one the
// values are stored in base64 only, protected by the file mode alone, and
// the server warns at start. A plain value still reads once a key is set
// and is sealed the next time it is set. Reads re-read a file only when it
// changed (size, mtime, inode), so a value set with the CLI is used by the
// running server at once.
//
// Errors: kInvalidArgument (unknown name, empty or oversized value),
// kUnavailable (the file cannot be read or written; a sealed value with no
// key or the wrong key, retryable = false). Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "services/secrets/secret_box.h"

namespace services {

inline constexpr std::array<std::string_view, 4> kSecretNames = {"whatsapp.app_secret", "whatsapp.access_token",
                                                                 "whatsapp.verify_token", "twilio.auth_token"};
inline constexpr size_t kMaxSecretBytes = 4096;

bool IsSecretName(std::string_view name);

struct SecretInfo {
  std::string name;
  std::chrono::system_clock::time_point set_at;
  bool encrypted = false;  // sealed under SECRETS_KEY
};

class SecretStore {
 public:
  virtual ~SecretStore() = default;
  // Sets (or replaces) one secret.
  virtual core::Status SetSecret(const core::TenantKey& tenant, std::string_view name, std::string_view value) = 0;
  // Removes one; removing one that is not set is fine.
  virtual core::Status DeleteSecret(const core::TenantKey& tenant, std::string_view name) = 0;
  // The value, for the server's own use only; nullopt when not set.
  virtual core::Result<std::optional<std::string>> GetSecret(const core::TenantKey& tenant, std::string_view name) = 0;
  // The secrets set, by name; never their values.
  virtual core::Result<std::vector<SecretInfo>> ListSecrets(const core::TenantKey& tenant) = 0;
};

struct FileSecretStoreOptions {
  std::filesystem::path dir;           // DATA_DIR/secrets
  std::optional<SecretKey> key;        // SECRETS_KEY
  const core::Clock* clock = nullptr;  // set_at times; not owned
};

class FileSecretStore final : public SecretStore {
 public:
  explicit FileSecretStore(FileSecretStoreOptions options);

  core::Status SetSecret(const core::TenantKey& tenant, std::string_view name, std::string_view value) override;
  core::Status DeleteSecret(const core::TenantKey& tenant, std::string_view name) override;
  core::Result<std::optional<std::string>> GetSecret(const core::TenantKey& tenant, std::string_view name) override;
  core::Result<std::vector<SecretInfo>> ListSecrets(const core::TenantKey& tenant) override;

 private:
  struct Entry {
    std::string stored;  // "aes-256-gcm:v1:..." or "plain:<base64>"
    std::chrono::system_clock::time_point set_at;
  };
  using Entries = std::map<std::string, Entry, std::less<>>;
  struct CachedFile {
    std::string stamp;  // size, mtime and inode when read
    Entries entries;
  };

  std::filesystem::path FileOf(const core::TenantKey& tenant) const;
  // The tenant's entries, from the cache when the file did not change.
  core::Result<Entries> Read(const core::TenantKey& tenant);
  // Read-modify-write under the folder's flock.
  core::Status Update(const core::TenantKey& tenant, const std::function<void(Entries&)>& change);
  std::string Context(const core::TenantKey& tenant, std::string_view name) const;

  FileSecretStoreOptions options_;
  std::mutex mu_;
  std::map<std::string, CachedFile, std::less<>> cache_;
};

}  // namespace services
