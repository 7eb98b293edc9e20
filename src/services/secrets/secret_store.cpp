#include "services/secrets/secret_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>

#include <nlohmann/json.hpp>

namespace services {

using core::ErrorCode;
using core::MakeError;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSealedPrefix = "aes-256-gcm:";
constexpr std::string_view kPlainPrefix = "plain:";

core::Error Unavailable(const std::string& what) {
  return MakeError(ErrorCode::kUnavailable, what, "The stored credentials cannot be read or written.");
}

std::string Errno(const std::string& what, const fs::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

// Closes the descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int64_t ToMs(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

bool IsSecretName(std::string_view name) {
  return std::find(kSecretNames.begin(), kSecretNames.end(), name) != kSecretNames.end();
}

FileSecretStore::FileSecretStore(FileSecretStoreOptions options) : options_(std::move(options)) {}

fs::path FileSecretStore::FileOf(const core::TenantKey& tenant) const {
  return options_.dir / (tenant.str() + ".json");
}

std::string FileSecretStore::Context(const core::TenantKey& tenant, std::string_view name) const {
  return "aiv7-secret\n" + tenant.str() + "\n" + std::string(name);
}

core::Result<FileSecretStore::Entries> FileSecretStore::Read(const core::TenantKey& tenant) {
  const fs::path file = FileOf(tenant);
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return Entries{};
    return Unavailable(Errno("cannot stat", file));
  }
  std::string stamp = std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                      std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_ino);
  if (auto it = cache_.find(tenant.str()); it != cache_.end() && it->second.stamp == stamp) return it->second.entries;
  Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) return Unavailable(Errno("cannot open", file));
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(in.fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Unavailable(Errno("cannot read", file));
    text.append(buffer, static_cast<size_t>(n));
  }
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("secrets") || !doc["secrets"].is_object()) {
    return Unavailable("secrets file " + file.string() + " is damaged");
  }
  Entries entries;
  for (const auto& [name, entry] : doc["secrets"].items()) {
    if (!entry.is_object() || !entry.contains("value") || !entry["value"].is_string() || !entry.contains("set_at_ms") ||
        !entry["set_at_ms"].is_number_integer()) {
      return Unavailable("secrets file " + file.string() + " is damaged at " + name);
    }
    entries[name] = {
        entry["value"].get<std::string>(),
        std::chrono::system_clock::time_point(std::chrono::milliseconds(entry["set_at_ms"].get<int64_t>()))};
  }
  cache_[tenant.str()] = {stamp, entries};
  return entries;
}

core::Status FileSecretStore::Update(const core::TenantKey& tenant, const std::function<void(Entries&)>& change) {
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec) return Unavailable("cannot create " + options_.dir.string() + ": " + ec.message());
  fs::permissions(options_.dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  const fs::path lock_path = options_.dir / ".lock";
  Fd lock{::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
  if (lock.fd < 0 || ::flock(lock.fd, LOCK_EX) != 0) return Unavailable(Errno("cannot lock", lock_path));
  auto entries = Read(tenant);
  if (!entries.ok()) return entries.error();
  change(*entries);
  nlohmann::json secrets = nlohmann::json::object();
  for (const auto& [name, entry] : *entries) {
    secrets[name] = {{"value", entry.stored}, {"set_at_ms", ToMs(entry.set_at)}};
  }
  const std::string text = nlohmann::json({{"format", 1}, {"secrets", secrets}}).dump(2) + "\n";
  const fs::path file = FileOf(tenant);
  const fs::path tmp = options_.dir / (tenant.str() + ".json.tmp");
  {
    Fd out{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
    if (out.fd < 0 || ::fchmod(out.fd, 0600) != 0 || !WriteAll(out.fd, text) || ::fsync(out.fd) != 0) {
      return Unavailable(Errno("cannot write", tmp));
    }
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) return Unavailable(Errno("cannot replace", file));
  Fd folder{::open(options_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (folder.fd >= 0) ::fsync(folder.fd);
  return core::Status::Ok();
}

core::Status FileSecretStore::SetSecret(const core::TenantKey& tenant, std::string_view name, std::string_view value) {
  if (!IsSecretName(name)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown secret name",
                     "Secret names are whatsapp.app_secret, whatsapp.access_token, whatsapp.verify_token and "
                     "twilio.auth_token.");
  }
  if (value.empty() || value.size() > kMaxSecretBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "bad secret size",
                     "A secret must be 1 to " + std::to_string(kMaxSecretBytes) + " bytes long.");
  }
  std::string stored;
  if (options_.key) {
    auto sealed = SealSecret(*options_.key, value, Context(tenant, name));
    if (!sealed.ok()) return sealed.error();
    stored = std::string(kSealedPrefix) + *sealed;
  } else {
    stored = std::string(kPlainPrefix) + Base64Encode(value);
  }
  auto now = options_.clock ? options_.clock->Now() : std::chrono::system_clock::now();
  std::lock_guard lock(mu_);
  return Update(tenant, [&](Entries& entries) { entries[std::string(name)] = {stored, now}; });
}

core::Status FileSecretStore::DeleteSecret(const core::TenantKey& tenant, std::string_view name) {
  if (!IsSecretName(name)) return MakeError(ErrorCode::kInvalidArgument, "unknown secret name", "No such secret.");
  std::lock_guard lock(mu_);
  return Update(tenant, [&](Entries& entries) {
    if (auto it = entries.find(name); it != entries.end()) entries.erase(it);
  });
}

core::Result<std::optional<std::string>> FileSecretStore::GetSecret(const core::TenantKey& tenant,
                                                                    std::string_view name) {
  std::lock_guard lock(mu_);
  auto entries = Read(tenant);
  if (!entries.ok()) return entries.error();
  auto it = entries->find(name);
  if (it == entries->end()) return std::optional<std::string>();
  std::string_view stored = it->second.stored;
  if (stored.starts_with(kPlainPrefix)) {
    auto plain = Base64Decode(stored.substr(kPlainPrefix.size()));
    if (!plain) return Unavailable("secret " + std::string(name) + " of " + tenant.str() + " is damaged");
    return std::optional<std::string>(std::move(*plain));
  }
  if (!stored.starts_with(kSealedPrefix)) {
    return Unavailable("secret " + std::string(name) + " of " + tenant.str() + " is damaged");
  }
  if (!options_.key) {
    return Unavailable("secret " + std::string(name) + " of " + tenant.str() +
                       " is encrypted and SECRETS_KEY is not set");
  }
  auto opened = OpenSecret(*options_.key, stored.substr(kSealedPrefix.size()), Context(tenant, name));
  if (!opened.ok()) return Unavailable(opened.error().message + " (" + tenant.str() + " " + std::string(name) + ")");
  return std::optional<std::string>(std::move(*opened));
}

core::Result<std::vector<SecretInfo>> FileSecretStore::ListSecrets(const core::TenantKey& tenant) {
  std::lock_guard lock(mu_);
  auto entries = Read(tenant);
  if (!entries.ok()) return entries.error();
  std::vector<SecretInfo> out;
  for (const auto& [name, entry] : *entries) {
    out.push_back({name, entry.set_at, std::string_view(entry.stored).starts_with(kSealedPrefix)});
  }
  return out;
}

}  // namespace services
