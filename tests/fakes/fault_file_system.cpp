#include "fakes/fault_file_system.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace fakes {

core::Status FaultFileSystem::Step(const std::filesystem::path& path, std::string_view partial_write) {
  ++mutations_;
  if (fault_ == Fault::kNone || countdown_-- > 0) return core::Status::Ok();
  if (fault_ == Fault::kSigkill) {
    // Die half-way through a write, as a power cut or kill -9 would.
    if (!partial_write.empty()) {
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        (void)!::write(fd, partial_write.data(), partial_write.size() / 2);
        ::close(fd);
      }
    }
    ::kill(::getpid(), SIGKILL);
    ::pause();
  }
  return core::MakeError(core::ErrorCode::kIo, "injected fault at " + path.string());
}

core::Status FaultFileSystem::WriteFileSynced(const std::filesystem::path& path, std::string_view data) {
  if (auto st = Step(path, data); !st.ok()) return st;
  return real_.WriteFileSynced(path, data);
}

core::Status FaultFileSystem::Rename(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (auto st = Step(to); !st.ok()) return st;
  return real_.Rename(from, to);
}

core::Status FaultFileSystem::SyncDir(const std::filesystem::path& dir) {
  if (auto st = Step(dir); !st.ok()) return st;
  return real_.SyncDir(dir);
}

core::Status FaultFileSystem::CreateDirs(const std::filesystem::path& dir) {
  if (auto st = Step(dir); !st.ok()) return st;
  return real_.CreateDirs(dir);
}

core::Status FaultFileSystem::RemoveAll(const std::filesystem::path& path) {
  if (auto st = Step(path); !st.ok()) return st;
  return real_.RemoveAll(path);
}

}  // namespace fakes
