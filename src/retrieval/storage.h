// TenantRepository: versioned, validated storage of tenant data.
//
// Layout (all under DATA_DIR/tenants/<KEY>/):
//   versions/v000001/  one immutable folder per version: the tenant files as
//                      published plus manifest.json (who, when, why, digests)
//   CURRENT            the active version number
//   seed.json          what was last imported from BUSINESS_DIR/<KEY>/
//   .lock              serialises writers across threads and processes
//
// BUSINESS_DIR/<KEY>/ is the authoring copy (the demo tenants live in git).
// When it is new or its files change, Load() validates it and, if valid,
// publishes it as a new version; if invalid, the error is reported through
// `warn` and the current version keeps serving.
//
// A version is written to a temporary folder, every file fsynced, renamed
// into place, the folder fsynced, and only then CURRENT is replaced the same
// way; a crash at any point leaves the previous version current and intact.
// Rollback publishes a copy of an old version as a new one, so history only
// grows.
//
// Thread-safe. Writers serialise on the tenant's lock file, so the CLI and a
// running server can publish at the same time. Every change of an existing
// tenant reads the current version and writes the next under that lock (a
// compare-and-swap on the version): two concurrent changes never lose one
// another. A caller that read version N and wants its change only on top of
// N passes `expected_version` = N and gets kPreconditionFailed otherwise.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/tenant_files.h"

namespace retrieval {

struct StorageOptions {
  std::filesystem::path business_dir;
  std::filesystem::path data_dir;
  std::shared_ptr<const SchemaValidator> schemas;
  FileSystem* fs = nullptr;             // not owned; must outlive the repository
  const core::Clock* clock = nullptr;   // not owned
  std::function<void(const std::string&)> warn;  // problems that do not fail the call
};

struct VersionInfo {
  int version = 0;
  std::string created_at;
  std::string author;
  std::string source;  // "seed", "api", "cli", "rollback"
  std::string note;
  bool current = false;
};

struct PublishRequest {
  std::string author;
  std::string source;
  std::string note;
};

struct FileChange {
  std::string file;
  std::string change;           // "added", "removed" or "changed"
  size_t operations = 0;        // size of the RFC 6902 patch between versions
  std::vector<std::string> paths;  // first few changed JSON pointers
};

struct VersionDiff {
  int from = 0;
  int to = 0;
  std::vector<FileChange> files;  // unchanged files are omitted
};

class TenantRepository {
 public:
  explicit TenantRepository(StorageOptions options);

  // True when the tenant has an authoring folder or published versions.
  bool Exists(const core::TenantKey& key);

  // Every tenant: the keys of the authoring folders and of the published
  // tenants, sorted, each once. Folders whose names are not tenant keys are
  // left out.
  std::vector<core::TenantKey> ListTenants();

  // The current version, importing the authoring folder first if it is new
  // or changed. Errors: kUnknownTenant; kSchemaInvalid/kInvalidJson when a
  // brand-new tenant's folder is invalid or a stored version is damaged; kIo.
  core::Result<std::shared_ptr<const TenantData>> Load(const core::TenantKey& key);

  // Changes whenever Load() might return different data. Cheap: one small
  // read and a stat per authoring file.
  std::string ChangeToken(const core::TenantKey& key);

  // Validates `texts` as a complete tenant and publishes it as a new current
  // version. Nothing is written when validation fails.
  core::Result<VersionInfo> Publish(const core::TenantKey& key, const FileTexts& texts, const PublishRequest& meta);

  // Publishes the current version with one file replaced (or added).
  // kNotFound when `file_name` is not a tenant file; kPreconditionFailed
  // when `expected_version` is given and is not the current version.
  core::Result<VersionInfo> ReplaceFile(const core::TenantKey& key, std::string_view file_name, std::string text,
                                        const PublishRequest& meta,
                                        std::optional<int> expected_version = std::nullopt);

  // A change to one file computed from its current text ("" when the
  // tenant has no such file yet): the new text, or an error that is
  // returned as it is (nothing written).
  using FileChangeFn = std::function<core::Result<std::string>(const std::string& current)>;
  // Publishes the current version with `file_name` changed by `change`,
  // read and written under the tenant's lock. Errors as ReplaceFile, and
  // whatever `change` returns.
  core::Result<VersionInfo> UpdateFile(const core::TenantKey& key, std::string_view file_name,
                                       const FileChangeFn& change, const PublishRequest& meta,
                                       std::optional<int> expected_version = std::nullopt);

  // The raw text of one file of the current version (kNotFound if absent);
  // that version's number in `*version` when given.
  core::Result<std::string> ReadCurrentFile(const core::TenantKey& key, std::string_view file_name,
                                            int* version = nullptr);

  // Newest first.
  core::Result<std::vector<VersionInfo>> ListVersions(const core::TenantKey& key);
  core::Result<VersionDiff> Diff(const core::TenantKey& key, int from, int to);
  // Publishes a copy of `version` as the new current version.
  // kPreconditionFailed as for ReplaceFile.
  core::Result<VersionInfo> Rollback(const core::TenantKey& key, int version, const PublishRequest& meta,
                                     std::optional<int> expected_version = std::nullopt);

 private:
  std::filesystem::path TenantDir(const core::TenantKey& key) const;
  std::filesystem::path VersionDir(const core::TenantKey& key, int version) const;
  std::string SeedFingerprint(const core::TenantKey& key);
  core::Result<int> CurrentVersion(const core::TenantKey& key);
  // REQUIRES: the tenant's lock is held. The current version, or
  // kPreconditionFailed when `expected` names another.
  core::Result<int> CurrentVersionExpecting(const core::TenantKey& key, std::optional<int> expected);
  core::Status SyncSeed(const core::TenantKey& key);
  core::Result<FileTexts> ReadVersion(const core::TenantKey& key, int version);
  core::Result<VersionInfo> ReadManifest(const core::TenantKey& key, int version);
  // REQUIRES: the tenant's lock is held and `texts` is valid.
  core::Result<VersionInfo> WriteVersionLocked(const core::TenantKey& key, const FileTexts& texts,
                                               const PublishRequest& meta);
  std::vector<int> VersionNumbers(const core::TenantKey& key);
  void Warn(const std::string& message) const;

  StorageOptions options_;
};

}  // namespace retrieval
