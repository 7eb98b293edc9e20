// FileSystem: the few file operations versioned storage needs, behind an
// interface so tests can inject faults (including dying mid-write).
// All methods are thread-safe and return errors as values.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace retrieval {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual core::Result<std::string> ReadFile(const std::filesystem::path& path) = 0;
  // Creates or truncates `path`, writes `data` and fsyncs the file.
  virtual core::Status WriteFileSynced(const std::filesystem::path& path, std::string_view data) = 0;
  // rename(2): atomic replacement of `to` on POSIX file systems.
  virtual core::Status Rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  // fsync of a directory, making renames and creations inside it durable.
  virtual core::Status SyncDir(const std::filesystem::path& dir) = 0;
  virtual core::Status CreateDirs(const std::filesystem::path& dir) = 0;
  virtual core::Status RemoveAll(const std::filesystem::path& path) = 0;
  // Names (not paths) of the entries of `dir`; empty when it does not exist.
  virtual std::vector<std::string> List(const std::filesystem::path& dir) = 0;
  virtual bool Exists(const std::filesystem::path& path) = 0;
  // Cheap change detector: size and modification time, "" when missing.
  virtual std::string StatFingerprint(const std::filesystem::path& path) = 0;

  // An exclusive advisory lock (flock) held until the returned object dies.
  // Blocks while another thread or process holds it.
  class Lock {
   public:
    virtual ~Lock() = default;
  };
  virtual core::Result<std::unique_ptr<Lock>> LockExclusive(const std::filesystem::path& lock_file) = 0;
};

// The real POSIX file system.
class PosixFileSystem final : public FileSystem {
 public:
  core::Result<std::string> ReadFile(const std::filesystem::path& path) override;
  core::Status WriteFileSynced(const std::filesystem::path& path, std::string_view data) override;
  core::Status Rename(const std::filesystem::path& from, const std::filesystem::path& to) override;
  core::Status SyncDir(const std::filesystem::path& dir) override;
  core::Status CreateDirs(const std::filesystem::path& dir) override;
  core::Status RemoveAll(const std::filesystem::path& path) override;
  std::vector<std::string> List(const std::filesystem::path& dir) override;
  bool Exists(const std::filesystem::path& path) override;
  std::string StatFingerprint(const std::filesystem::path& path) override;
  core::Result<std::unique_ptr<Lock>> LockExclusive(const std::filesystem::path& lock_file) override;
};

}  // namespace retrieval
