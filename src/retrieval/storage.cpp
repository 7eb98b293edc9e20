#include "retrieval/storage.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "retrieval/tenant_validation.h"

namespace retrieval {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::MakeError;
using nlohmann::json;

namespace {

constexpr std::string_view kManifest = "manifest.json";

std::string VersionName(int version) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "v%06d", version);
  return buf;
}

int ParseVersionName(std::string_view name) {
  if (name.size() != 7 || name[0] != 'v') return 0;
  int v = 0;
  auto [ptr, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), v);
  return ec == std::errc() && ptr == name.data() + name.size() ? v : 0;
}

// FNV-1a: a stable content digest for change detection (not security).
std::string Digest(const FileTexts& texts) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (const auto& [name, text] : texts) {
    mix(name);
    mix(text);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

TenantRepository::TenantRepository(StorageOptions options) : options_(std::move(options)) {}

void TenantRepository::Warn(const std::string& message) const {
  if (options_.warn) options_.warn(message);
}

fs::path TenantRepository::TenantDir(const core::TenantKey& key) const {
  return options_.data_dir / "tenants" / key.str();
}

fs::path TenantRepository::VersionDir(const core::TenantKey& key, int version) const {
  return TenantDir(key) / "versions" / VersionName(version);
}

bool TenantRepository::Exists(const core::TenantKey& key) {
  return options_.fs->Exists(options_.business_dir / key.str()) || options_.fs->Exists(TenantDir(key) / "CURRENT");
}

std::vector<core::TenantKey> TenantRepository::ListTenants() {
  std::set<std::string> names;
  for (const std::string& name : options_.fs->List(options_.business_dir)) names.insert(name);
  for (const std::string& name : options_.fs->List(options_.data_dir / "tenants")) names.insert(name);
  std::vector<core::TenantKey> keys;
  for (const std::string& name : names) {
    if (!core::TenantKey::IsValid(name)) continue;
    auto key = core::TenantKey::Parse(name);
    if (key.ok() && Exists(*key)) keys.push_back(std::move(key).value());
  }
  return keys;
}

std::string TenantRepository::SeedFingerprint(const core::TenantKey& key) {
  fs::path dir = options_.business_dir / key.str();
  std::string fp;
  for (const std::string& name : options_.fs->List(dir)) {
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) continue;
    fp += name;
    fp += '=';
    fp += options_.fs->StatFingerprint(dir / name);
    fp += ';';
  }
  return fp;
}

std::string TenantRepository::ChangeToken(const core::TenantKey& key) {
  auto current = options_.fs->ReadFile(TenantDir(key) / "CURRENT");
  return (current.ok() ? *current : std::string("-")) + "|" + SeedFingerprint(key);
}

core::Result<int> TenantRepository::CurrentVersion(const core::TenantKey& key) {
  auto text = options_.fs->ReadFile(TenantDir(key) / "CURRENT");
  if (!text.ok()) return text.error();
  int v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || v <= 0) {
    return MakeError(ErrorCode::kIo, "damaged CURRENT file for tenant " + key.str());
  }
  return v;
}

std::vector<int> TenantRepository::VersionNumbers(const core::TenantKey& key) {
  std::vector<int> out;
  for (const auto& name : options_.fs->List(TenantDir(key) / "versions")) {
    if (int v = ParseVersionName(name); v > 0) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

core::Status TenantRepository::SyncSeed(const core::TenantKey& key) {
  fs::path seed_dir = options_.business_dir / key.str();
  if (!options_.fs->Exists(seed_dir)) return core::Status::Ok();
  fs::path state_path = TenantDir(key) / "seed.json";
  auto read_state = [&]() {
    auto text = options_.fs->ReadFile(state_path);
    json state = text.ok() ? json::parse(*text, nullptr, false) : json::object();
    return state.is_object() ? state : json::object();
  };
  std::string fingerprint = SeedFingerprint(key);
  bool has_current = CurrentVersion(key).ok();
  if (has_current && read_state().value("fingerprint", "") == fingerprint) return core::Status::Ok();

  if (auto st = options_.fs->CreateDirs(TenantDir(key)); !st.ok()) return st;
  auto lock = options_.fs->LockExclusive(TenantDir(key) / ".lock");
  if (!lock.ok()) return lock.error();
  json state = read_state();
  has_current = CurrentVersion(key).ok();
  if (has_current && state.value("fingerprint", "") == fingerprint) return core::Status::Ok();

  auto record = [&](const std::string& digest) {
    json next = {{"fingerprint", fingerprint}, {"digest", digest}};
    auto st = options_.fs->WriteFileSynced(state_path.string() + ".tmp", next.dump());
    if (st.ok()) st = options_.fs->Rename(state_path.string() + ".tmp", state_path);
    return st;
  };

  auto texts = ReadTenantDir(*options_.fs, seed_dir);
  core::Result<FileDocs> docs = texts.ok() ? ValidateTenantFiles(*options_.schemas, *texts) : texts.error();
  std::string digest = texts.ok() ? Digest(*texts) : std::string();
  if (has_current && texts.ok()) {
    // Same content as last imported, or as the version already current (an
    // edit that was undone): nothing new to publish.
    if (digest == state.value("digest", "")) return record(digest);
    auto current = CurrentVersion(key);
    auto manifest = options_.fs->ReadFile(VersionDir(key, *current) / std::string(kManifest));
    json m = manifest.ok() ? json::parse(*manifest, nullptr, false) : json();
    if (m.is_object() && m.value("digest", "") == digest) return record(digest);
  }
  if (!docs.ok()) {
    if (!has_current) return docs.error();
    Warn("business/" + key.str() + " was changed but is invalid; keeping the current version:\n" +
         FormatDetails(docs.error().details) + (docs.error().details.empty() ? docs.error().message : ""));
    return record(digest);
  }
  PublishRequest meta{"business_dir", "seed", "imported from " + seed_dir.string()};
  auto written = WriteVersionLocked(key, *texts, meta);
  if (!written.ok()) return written.error();
  return record(digest);
}

core::Result<FileTexts> TenantRepository::ReadVersion(const core::TenantKey& key, int version) {
  fs::path dir = VersionDir(key, version);
  if (!options_.fs->Exists(dir)) {
    return MakeError(ErrorCode::kNotFound, "tenant " + key.str() + " has no version " + std::to_string(version),
                     "No such version.");
  }
  FileTexts texts;
  for (const std::string& name : options_.fs->List(dir)) {
    if (!FindTenantFile(name)) continue;
    auto text = options_.fs->ReadFile(dir / name);
    if (!text.ok()) return text.error();
    texts.emplace(name, std::move(text).value());
  }
  return texts;
}

core::Result<VersionInfo> TenantRepository::ReadManifest(const core::TenantKey& key, int version) {
  auto text = options_.fs->ReadFile(VersionDir(key, version) / std::string(kManifest));
  if (!text.ok()) return text.error();
  json m = json::parse(*text, nullptr, false);
  if (!m.is_object()) return MakeError(ErrorCode::kIo, "damaged manifest of " + VersionDir(key, version).string());
  VersionInfo info;
  info.version = version;
  info.created_at = m.value("created_at", "");
  info.author = m.value("author", "");
  info.source = m.value("source", "");
  info.note = m.value("note", "");
  return info;
}

core::Result<std::shared_ptr<const TenantData>> TenantRepository::Load(const core::TenantKey& key) {
  if (!Exists(key)) return MakeError(ErrorCode::kUnknownTenant, "unknown tenant " + key.str(), "Unknown business.");
  if (auto st = SyncSeed(key); !st.ok()) return st.error();
  auto version = CurrentVersion(key);
  if (!version.ok()) return version.error();
  auto texts = ReadVersion(key, *version);
  if (!texts.ok()) return texts.error();
  auto docs = ValidateTenantFiles(*options_.schemas, *texts);
  if (!docs.ok()) {
    core::Error e = docs.error();
    e.message = "stored version " + std::to_string(*version) + " of " + key.str() + " is damaged: " + e.message;
    return e;
  }
  auto manifest = ReadManifest(key, *version);
  auto data = std::make_shared<TenantData>(TenantData{key, *version, manifest.ok() ? manifest->created_at : "",
                                                      std::move(docs).value()});
  return std::shared_ptr<const TenantData>(std::move(data));
}

core::Result<VersionInfo> TenantRepository::WriteVersionLocked(const core::TenantKey& key, const FileTexts& texts,
                                                               const PublishRequest& meta) {
  FileSystem& fs = *options_.fs;
  fs::path versions = TenantDir(key) / "versions";
  if (auto st = fs.CreateDirs(versions); !st.ok()) return st.error();
  for (const auto& name : fs.List(versions)) {
    if (name.rfind(".tmp-", 0) == 0) (void)fs.RemoveAll(versions / name);  // debris of a crashed write
  }
  auto numbers = VersionNumbers(key);
  int version = numbers.empty() ? 1 : numbers.back() + 1;

  VersionInfo info{version, core::FormatIsoUtc(options_.clock->Now()), meta.author, meta.source, meta.note, true};
  json manifest = {{"version", version},         {"created_at", info.created_at}, {"author", info.author},
                   {"source", info.source},      {"note", info.note},             {"digest", Digest(texts)},
                   {"files", json::array()}};
  for (const auto& [name, text] : texts) manifest["files"].push_back(name);

  fs::path tmp = versions / (".tmp-" + VersionName(version));
  (void)fs.RemoveAll(tmp);
  if (auto st = fs.CreateDirs(tmp); !st.ok()) return st.error();
  for (const auto& [name, text] : texts) {
    if (auto st = fs.WriteFileSynced(tmp / name, text); !st.ok()) return st.error();
  }
  if (auto st = fs.WriteFileSynced(tmp / std::string(kManifest), manifest.dump(2)); !st.ok()) return st.error();
  if (auto st = fs.SyncDir(tmp); !st.ok()) return st.error();
  if (auto st = fs.Rename(tmp, versions / VersionName(version)); !st.ok()) return st.error();
  if (auto st = fs.SyncDir(versions); !st.ok()) return st.error();

  fs::path current_tmp = TenantDir(key) / "CURRENT.tmp";
  if (auto st = fs.WriteFileSynced(current_tmp, std::to_string(version) + "\n"); !st.ok()) return st.error();
  if (auto st = fs.Rename(current_tmp, TenantDir(key) / "CURRENT"); !st.ok()) return st.error();
  if (auto st = fs.SyncDir(TenantDir(key)); !st.ok()) return st.error();
  return info;
}

core::Result<VersionInfo> TenantRepository::Publish(const core::TenantKey& key, const FileTexts& texts,
                                                    const PublishRequest& meta) {
  auto docs = ValidateTenantFiles(*options_.schemas, texts);
  if (!docs.ok()) return docs.error();
  if (auto st = options_.fs->CreateDirs(TenantDir(key)); !st.ok()) return st.error();
  auto lock = options_.fs->LockExclusive(TenantDir(key) / ".lock");
  if (!lock.ok()) return lock.error();
  return WriteVersionLocked(key, texts, meta);
}

core::Result<VersionInfo> TenantRepository::ReplaceFile(const core::TenantKey& key, std::string_view file_name,
                                                        std::string text, const PublishRequest& meta,
                                                        std::optional<int> expected_version) {
  return UpdateFile(
      key, file_name, [&text](const std::string&) -> core::Result<std::string> { return std::move(text); }, meta,
      expected_version);
}

core::Result<VersionInfo> TenantRepository::UpdateFile(const core::TenantKey& key, std::string_view file_name,
                                                       const FileChangeFn& change, const PublishRequest& meta,
                                                       std::optional<int> expected_version) {
  if (!FindTenantFile(file_name)) {
    return MakeError(ErrorCode::kNotFound, "not a tenant file: " + std::string(file_name),
                     "Unknown data file '" + std::string(file_name) + "'.");
  }
  if (!Exists(key)) return MakeError(ErrorCode::kUnknownTenant, "unknown tenant " + key.str(), "Unknown business.");
  if (auto st = SyncSeed(key); !st.ok()) return st.error();
  auto lock = options_.fs->LockExclusive(TenantDir(key) / ".lock");
  if (!lock.ok()) return lock.error();
  auto version = CurrentVersionExpecting(key, expected_version);
  if (!version.ok()) return version.error();
  auto texts = ReadVersion(key, *version);
  if (!texts.ok()) return texts.error();
  std::string& file = (*texts)[std::string(file_name)];
  auto changed = change(file);
  if (!changed.ok()) return changed.error();
  file = std::move(changed).value();
  auto docs = ValidateTenantFiles(*options_.schemas, *texts);
  if (!docs.ok()) return docs.error();
  return WriteVersionLocked(key, *texts, meta);
}

core::Result<int> TenantRepository::CurrentVersionExpecting(const core::TenantKey& key, std::optional<int> expected) {
  auto version = CurrentVersion(key);
  if (!version.ok() || !expected || *expected == *version) return version;
  return MakeError(ErrorCode::kPreconditionFailed,
                   "expected version " + std::to_string(*expected) + ", current is " + std::to_string(*version),
                   "The data changed since version " + std::to_string(*expected) + " (now version " +
                       std::to_string(*version) + "). Reload it, make your change again and resend.");
}

core::Result<std::string> TenantRepository::ReadCurrentFile(const core::TenantKey& key, std::string_view file_name,
                                                           int* version) {
  if (!FindTenantFile(file_name)) {
    return MakeError(ErrorCode::kNotFound, "not a tenant file: " + std::string(file_name), "Unknown data file.");
  }
  auto data = Load(key);  // also imports a changed authoring folder
  if (!data.ok()) return data.error();
  if (version) *version = (*data)->version;
  auto text = options_.fs->ReadFile(VersionDir(key, (*data)->version) / std::string(file_name));
  if (!text.ok() && text.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound, "tenant has no " + std::string(file_name),
                     "This business has no " + std::string(file_name) + " yet.");
  }
  return text;
}

core::Result<std::vector<VersionInfo>> TenantRepository::ListVersions(const core::TenantKey& key) {
  auto data = Load(key);
  if (!data.ok()) return data.error();
  std::vector<VersionInfo> out;
  auto numbers = VersionNumbers(key);
  for (auto it = numbers.rbegin(); it != numbers.rend(); ++it) {
    auto info = ReadManifest(key, *it);
    VersionInfo v = info.ok() ? *info : VersionInfo{*it, "", "", "", "manifest unreadable", false};
    v.current = *it == (*data)->version;
    out.push_back(std::move(v));
  }
  return out;
}

core::Result<VersionDiff> TenantRepository::Diff(const core::TenantKey& key, int from, int to) {
  if (!Exists(key)) return MakeError(ErrorCode::kUnknownTenant, "unknown tenant " + key.str(), "Unknown business.");
  auto a = ReadVersion(key, from);
  if (!a.ok()) return a.error();
  auto b = ReadVersion(key, to);
  if (!b.ok()) return b.error();
  VersionDiff diff{from, to, {}};
  for (const auto& spec : kTenantFiles) {
    auto ia = a->find(spec.name);
    auto ib = b->find(spec.name);
    bool in_a = ia != a->end(), in_b = ib != b->end();
    if (!in_a && !in_b) continue;
    FileChange change{std::string(spec.name), in_a && in_b ? "changed" : (in_b ? "added" : "removed"), 0, {}};
    json ja = in_a ? json::parse(ia->second, nullptr, false) : json();
    json jb = in_b ? json::parse(ib->second, nullptr, false) : json();
    json patch = json::diff(ja, jb);
    if (patch.empty()) continue;
    change.operations = patch.size();
    for (const auto& op : patch) {
      if (change.paths.size() >= 10) break;
      change.paths.push_back(op["op"].get<std::string>() + " " + op["path"].get<std::string>());
    }
    diff.files.push_back(std::move(change));
  }
  return diff;
}

core::Result<VersionInfo> TenantRepository::Rollback(const core::TenantKey& key, int version,
                                                     const PublishRequest& meta, std::optional<int> expected_version) {
  if (!Exists(key)) return MakeError(ErrorCode::kUnknownTenant, "unknown tenant " + key.str(), "Unknown business.");
  auto lock = options_.fs->LockExclusive(TenantDir(key) / ".lock");
  if (!lock.ok()) return lock.error();
  if (auto current = CurrentVersionExpecting(key, expected_version); !current.ok()) return current.error();
  auto texts = ReadVersion(key, version);
  if (!texts.ok()) return texts.error();
  auto docs = ValidateTenantFiles(*options_.schemas, *texts);
  if (!docs.ok()) return docs.error();
  PublishRequest rollback = meta;
  rollback.source = "rollback";
  rollback.note = "rollback to version " + std::to_string(version) + (meta.note.empty() ? "" : ": " + meta.note);
  return WriteVersionLocked(key, *texts, rollback);
}

}  // namespace retrieval
