// TempDir: a fresh directory under $TMPDIR removed (recursively) on scope exit.
#pragma once

#include <filesystem>
#include <string>

namespace testing_support {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string ReadText(const std::filesystem::path& path);
void WriteText(const std::filesystem::path& path, const std::string& text);
// Copies a folder recursively (used to get a writable copy of a demo tenant).
void CopyTree(const std::filesystem::path& from, const std::filesystem::path& to);

// Paths baked in at build time.
std::filesystem::path SourceDir();
std::filesystem::path BinaryPath();

}  // namespace testing_support
