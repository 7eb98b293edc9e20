#include "db/journal/rejected_records.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "db/journal/record_json.h"

namespace db {

namespace {

constexpr std::string_view kRejectedPrefix = "rejected-";

core::Error Unavailable(std::string message) {
  core::Error e = core::MakeError(core::ErrorCode::kUnavailable, std::move(message));
  e.retryable = true;
  return e;
}

std::vector<std::filesystem::path> RejectedFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(kRejectedPrefix) && name.ends_with(".jsonl")) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> Lines(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

// The batch a rejected line holds; nullopt for a damaged journal line.
std::optional<RecordBatch> BatchOf(const std::string& line) {
  auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  std::string text;
  if (auto it = j.find("batch"); it != j.end() && it->is_object()) {
    text = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else if (auto raw = j.find("batch_text"); raw != j.end() && raw->is_string()) {
    text = raw->get<std::string>();
  } else {
    return std::nullopt;
  }
  auto batch = RecordBatchFromJson(text);
  if (!batch.ok()) return std::nullopt;
  return std::move(batch).value();
}

}  // namespace

RejectedFilesLock::RejectedFilesLock(const std::filesystem::path& journal_dir) {
  fd_ = ::open((journal_dir / "REJECTED.LOCK").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RejectedFilesLock::~RejectedFilesLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

core::Result<RejectedReplayReport> ReplayRejectedRecords(RecordBatchStore& store,
                                                         const std::filesystem::path& journal_dir,
                                                         std::string_view stream) {
  RejectedReplayReport report;
  RejectedFilesLock lock(journal_dir);
  if (!lock.held()) return Unavailable("cannot lock " + (journal_dir / "REJECTED.LOCK").string());
  for (const auto& file : RejectedFiles(journal_dir)) {
    const std::string name = file.filename().string();
    const std::string file_stream = std::string(stream) + "/" + name;
    auto done = store.ReadCheckpoint(file_stream);
    if (!done.ok()) return done.error();
    std::vector<std::string> lines = Lines(file);
    bool finished = true;
    for (int64_t n = *done + 1; n <= static_cast<int64_t>(lines.size()); ++n) {
      std::optional<RecordBatch> batch = BatchOf(lines[static_cast<size_t>(n - 1)]);
      if (!batch) ++report.damaged;
      // A damaged line only moves the file's checkpoint past it.
      core::Status st = store.WriteBatch(batch ? *batch : RecordBatch{}, file_stream, n);
      if (st.ok()) {
        if (batch) ++report.replayed;
        continue;
      }
      if (st.error().code == core::ErrorCode::kUnavailable) {
        return Unavailable("replaying " + name + " line " + std::to_string(n) + ": " + st.error().message);
      }
      report.still_refused.push_back(name + " line " + std::to_string(n) + ": " + st.error().message);
      finished = false;
      break;
    }
    if (finished) {
      std::string replayed_name = "replayed-" + name.substr(kRejectedPrefix.size());
      std::error_code ec;
      std::filesystem::rename(file, journal_dir / replayed_name, ec);
      if (ec) return Unavailable("cannot rename " + file.string() + ": " + ec.message());
      report.finished_files.push_back(replayed_name);
    }
  }
  return report;
}

}  // namespace db
