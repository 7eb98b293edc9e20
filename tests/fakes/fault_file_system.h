// FaultFileSystem: the real POSIX file system, with a countdown of mutating
// operations after which it fails (returns an I/O error) or kills the whole
// process with SIGKILL, to prove that versioned writes survive both.
#pragma once

#include <atomic>

#include "retrieval/file_system.h"

namespace fakes {

class FaultFileSystem final : public retrieval::FileSystem {
 public:
  enum class Fault { kNone, kError, kSigkill };

  // The fault hits the `after`-th mutating call (0-based) and every later one
  // (for kError).
  void Arm(Fault fault, int after) {
    fault_ = fault;
    countdown_ = after;
  }
  int mutations() const { return mutations_; }

  core::Result<std::string> ReadFile(const std::filesystem::path& path) override { return real_.ReadFile(path); }
  core::Status WriteFileSynced(const std::filesystem::path& path, std::string_view data) override;
  core::Status Rename(const std::filesystem::path& from, const std::filesystem::path& to) override;
  core::Status SyncDir(const std::filesystem::path& dir) override;
  core::Status CreateDirs(const std::filesystem::path& dir) override;
  core::Status RemoveAll(const std::filesystem::path& path) override;
  std::vector<std::string> List(const std::filesystem::path& dir) override { return real_.List(dir); }
  bool Exists(const std::filesystem::path& path) override { return real_.Exists(path); }
  std::string StatFingerprint(const std::filesystem::path& path) override { return real_.StatFingerprint(path); }
  core::Result<std::unique_ptr<Lock>> LockExclusive(const std::filesystem::path& f) override {
    return real_.LockExclusive(f);
  }

 private:
  // Returns an error if the fault fires now; may not return at all.
  core::Status Step(const std::filesystem::path& path, std::string_view partial_write = {});

  retrieval::PosixFileSystem real_;
  Fault fault_ = Fault::kNone;
  std::atomic<int> countdown_{0};
  std::atomic<int> mutations_{0};
};

}  // namespace fakes
