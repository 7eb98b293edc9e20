#include "db/journal/record_queue.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "db/journal/record_json.h"
#include "db/journal/rejected_records.h"

namespace db {

using core::ErrorCode;
using core::MakeError;

namespace {

constexpr std::string_view kSegmentPrefix = "segment-";
constexpr std::string_view kSegmentSuffix = ".jsonl";

core::Error Unavailable(std::string message) {
  return MakeError(ErrorCode::kUnavailable, std::move(message), "The service is busy; please try again.");
}

std::string Errno(std::string_view what, const std::filesystem::path& path) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(errno);
}

std::filesystem::path SegmentPath(const std::filesystem::path& dir, int64_t first_seq) {
  char name[64];
  std::snprintf(name, sizeof name, "segment-%020lld.jsonl", static_cast<long long>(first_seq));
  return dir / name;
}

bool IsSegment(const std::filesystem::path& p) {
  std::string name = p.filename().string();
  return name.starts_with(kSegmentPrefix) && name.ends_with(kSegmentSuffix);
}

void SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// True when the store refused the data itself (a constraint, a value it
// cannot take), as opposed to failing to write anything (down, disk full,
// I/O): only such a record may be set aside.
bool IsRejection(const core::Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kConflict:
    case ErrorCode::kNotFound:
    case ErrorCode::kInvalidJson: return true;
    default: return false;
  }
}

template <class T>
void Append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

// The journal file being appended to. Shared with callers syncing it, so a
// rotation never closes a descriptor someone is about to fdatasync.
struct RecordQueue::Segment {
  std::filesystem::path path;
  int fd = -1;
  uint64_t size = 0;
  std::atomic<int64_t> last_seq{0};
  ~Segment() {
    if (fd >= 0) ::close(fd);
  }
};

RecordQueue::RecordQueue(db::RecordBatchStore& store, RecordQueueOptions options)
    : store_(store), options_(std::move(options)) {}

core::Result<std::unique_ptr<RecordQueue>> RecordQueue::Open(db::RecordBatchStore& store, RecordQueueOptions options) {
  if (options.journal_dir.empty() || options.max_batch == 0 || options.capacity == 0 || options.stream.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "record queue: journal_dir, stream, capacity and max_batch are required");
  }
  std::unique_ptr<RecordQueue> q(new RecordQueue(store, std::move(options)));
  std::error_code ec;
  std::filesystem::create_directories(q->options_.journal_dir, ec);
  if (ec) return Unavailable("record journal " + q->options_.journal_dir.string() + ": " + ec.message());
  if (auto st = q->LockDirectory(); !st.ok()) return st.error();
  if (auto st = q->LoadJournal(); !st.ok()) return st.error();
  std::lock_guard lock(q->mu_);
  if (auto st = q->OpenSegmentLocked(q->next_seq_); !st.ok()) return st.error();
  return q;
}

core::Result<std::string> RecordQueue::StreamNameFor(const std::filesystem::path& journal_dir, std::string_view base) {
  std::error_code ec;
  std::filesystem::create_directories(journal_dir, ec);
  if (ec) return Unavailable("record journal " + journal_dir.string() + ": " + ec.message());
  const std::filesystem::path file = journal_dir / "STREAM";
  {
    std::ifstream in(file);
    std::string name;
    if (in && std::getline(in, name) && !name.empty()) return name;
  }
  std::string name(base);
  bool legacy = false;
  for (std::filesystem::directory_iterator it(journal_dir, ec), end; !ec && it != end; it.increment(ec)) {
    legacy = legacy || IsSegment(it->path());
  }
  if (!legacy) {
    std::random_device random;
    char id[24];
    std::snprintf(id, sizeof id, "-%08x%08x", random(), random());
    name += id;
  }
  const std::filesystem::path tmp = journal_dir / "STREAM.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << name << "\n";
    out.flush();
    if (!out) return Unavailable(Errno("cannot write", tmp));
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) return Unavailable("record journal " + file.string() + ": " + ec.message());
  return name;
}

RecordQueue::~RecordQueue() {
  Stop();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

core::Status RecordQueue::LockDirectory() {
  std::filesystem::path path = options_.journal_dir / "LOCK";
  lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) return Unavailable(Errno("cannot open", path));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return Unavailable("record journal " + options_.journal_dir.string() + " is in use by another process");
  }
  return core::Status::Ok();
}

core::Status RecordQueue::LoadJournal() {
  auto checkpoint = store_.ReadCheckpoint(options_.stream);
  if (!checkpoint.ok()) {
    return Unavailable("record journal: cannot read the checkpoint of " + options_.stream + ": " +
                       checkpoint.error().message);
  }
  checkpoint_ = *checkpoint;
  stats_.checkpoint = checkpoint_;

  std::vector<std::filesystem::path> segments;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(options_.journal_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && IsSegment(it->path())) segments.push_back(it->path());
  }
  if (ec) return Unavailable("record journal " + options_.journal_dir.string() + ": " + ec.message());
  std::sort(segments.begin(), segments.end());  // zero-padded first seq: name order is seq order

  std::vector<Entry> todo;
  int64_t max_seq = checkpoint_;
  for (const auto& path : segments) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return Unavailable(Errno("cannot read", path));
    int64_t last_in_segment = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      bool torn = end == std::string::npos;
      std::string_view line(text.data() + pos, (torn ? text.size() : end) - pos);
      pos = torn ? text.size() : end + 1;
      if (line.empty()) continue;
      auto record = ParseJournalLine(line);
      if (!record.ok()) {
        // Only an OS crash tears a line (kill -9 cannot split one write).
        // Keep the bytes anyway: someone may want to look at them.
        Entry raw{0, {}};
        SetAside(raw,
                 MakeError(ErrorCode::kInvalidJson, path.filename().string() + " at byte " +
                                                        std::to_string(line.data() - text.data()) + ": " +
                                                        record.error().message.substr(0, 200)),
                 line.substr(0, 64 * 1024));
        continue;
      }
      max_seq = std::max(max_seq, record->seq);
      last_in_segment = std::max(last_in_segment, record->seq);
      if (record->seq > checkpoint_) todo.push_back(Entry{record->seq, std::move(record->batch)});
    }
    // Deleted by DeleteCommittedSegments once everything in it is committed.
    closed_.emplace_back(path, last_in_segment);
  }
  std::sort(todo.begin(), todo.end(), [](const Entry& a, const Entry& b) { return a.seq < b.seq; });
  next_seq_ = max_seq + 1;
  queued_ = static_cast<int64_t>(todo.size());
  replay_total_ = queued_;
  stats_.replaying = queued_;
  pending_.assign(std::make_move_iterator(todo.begin()), std::make_move_iterator(todo.end()));
  DeleteCommittedSegments();
  if (replay_total_ > 0) {
    replay_started_ = replay_logged_ = Monotonic();
    Warn("record journal: replaying " + std::to_string(replay_total_) + " records after checkpoint " +
         std::to_string(checkpoint_) + " while serving");
  }
  return core::Status::Ok();
}

// REQUIRES: mu_ held. Progress of the replay in the log, at most every 5 s.
void RecordQueue::NoteReplayed(int64_t records) {
  if (stats_.replaying == 0) return;
  stats_.replaying = std::max<int64_t>(0, stats_.replaying - records);
  auto now = Monotonic();
  double seconds = std::chrono::duration<double>(now - replay_started_).count();
  if (stats_.replaying == 0) {
    Warn("record journal: replay finished, " + std::to_string(replay_total_) + " records in " +
         std::to_string(static_cast<int64_t>(seconds)) + " s");
  } else if (now - replay_logged_ >= std::chrono::seconds(5)) {
    replay_logged_ = now;
    Warn("record journal: replayed " + std::to_string(replay_total_ - stats_.replaying) + " of " +
         std::to_string(replay_total_) + " records (" + std::to_string(static_cast<int64_t>(seconds)) + " s)");
  }
}

core::Status RecordQueue::OpenSegmentLocked(int64_t first_seq) {
  auto segment = std::make_shared<Segment>();
  segment->path = SegmentPath(options_.journal_dir, first_seq);
  segment->fd = ::open(segment->path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (segment->fd < 0) return Unavailable(Errno("cannot open record journal", segment->path));
  struct stat st {};
  if (::fstat(segment->fd, &st) == 0) segment->size = static_cast<uint64_t>(st.st_size);
  if (options_.fsync_journal) SyncDirectory(options_.journal_dir);
  if (segment_) {
    if (options_.fsync_journal) ::fdatasync(segment_->fd);
    closed_.emplace_back(segment_->path, segment_->last_seq.load());
  }
  segment_ = std::move(segment);
  return core::Status::Ok();
}

void RecordQueue::Start() {
  std::lock_guard lock(mu_);
  if (stopped_ || stop_ || writer_.joinable()) return;
  writer_ = std::thread([this] { WriterLoop(); });
}

core::Status RecordQueue::Enqueue(db::RecordBatch batch) {
  if (batch.empty()) return core::Status::Ok();
  // Serialising is the costly part; it needs no lock.
  std::string json = RecordBatchToJson(batch);
  std::shared_ptr<Segment> segment;
  int64_t seq = 0;
  {
    std::lock_guard lock(mu_);
    if (!accepting_) return Unavailable("record queue is stopped");
    if (queued_ >= static_cast<int64_t>(options_.capacity)) {
      return Unavailable("record queue is full (" + std::to_string(queued_) + " batches waiting for the store)");
    }
    seq = next_seq_;
    std::string line = JournalLine(seq, json);
    if (segment_->size > 0 && segment_->size + line.size() > options_.segment_bytes) {
      if (auto st = OpenSegmentLocked(seq); !st.ok()) return st;
    }
    if (!WriteAll(segment_->fd, line)) {
      std::string why = Errno("cannot write record journal", segment_->path);
      // Cut a partial line off, or the next one would be glued to it.
      // Failing that, the torn line keeps its seq (replay sets it aside), an
      // empty entry moves the checkpoint past it, and appending continues
      // in a fresh segment.
      if (::ftruncate(segment_->fd, static_cast<off_t>(segment_->size)) != 0) {
        segment_->size += line.size();
        segment_->last_seq.store(seq);
        ++next_seq_;
        pending_.push_back(Entry{seq, {}});
        ++queued_;
        if (pending_.size() == 1) work_cv_.notify_one();
        (void)OpenSegmentLocked(next_seq_);
      }
      Warn(why);
      return Unavailable(why);
    }
    segment_->size += line.size();
    segment_->last_seq.store(seq);
    ++next_seq_;
    pending_.push_back(Entry{seq, std::move(batch)});
    ++queued_;
    // Wake the writer only when it waits for this: the first record, or a
    // full group while it lingers.
    if (pending_.size() == 1 || pending_.size() == options_.max_batch) work_cv_.notify_one();
    segment = segment_;
  }
  if (options_.fsync_journal) return SyncJournal(seq, segment);
  return core::Status::Ok();
}

// Followers find their record already synced by the leader's fdatasync.
core::Status RecordQueue::SyncJournal(int64_t seq, const std::shared_ptr<Segment>& segment) {
  std::lock_guard lock(sync_mu_);
  if (synced_seq_ >= seq) return core::Status::Ok();
  int64_t covered = segment->last_seq.load();
  if (::fdatasync(segment->fd) != 0) {
    // The record is queued and will most likely be committed; the caller
    // cannot be promised that, so it hears an error.
    std::string why = Errno("cannot sync record journal", segment->path);
    Warn(why);
    return Unavailable(why);
  }
  synced_seq_ = std::max(synced_seq_, covered);
  return core::Status::Ok();
}

void RecordQueue::WriterLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    work_cv_.wait(lock, [this] { return !pending_.empty() || stop_ || abandon_; });
    if (abandon_ || (pending_.empty() && stop_)) return;
    if (!stop_ && options_.flush_interval.count() > 0 && pending_.size() < options_.max_batch) {
      work_cv_.wait_for(lock, options_.flush_interval,
                        [this] { return pending_.size() >= options_.max_batch || stop_ || abandon_; });
      if (abandon_) return;
    }
    size_t n = std::min(options_.max_batch, pending_.size());
    std::vector<Entry> group(std::make_move_iterator(pending_.begin()),
                             std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(n)));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    bool done = CommitRange(group);
    lock.lock();
    if (!done) {
      // Given up (abandoned, or the drain timed out): the journal keeps it.
      for (auto it = group.rbegin(); it != group.rend(); ++it) pending_.push_front(std::move(*it));
      return;
    }
  }
}

bool RecordQueue::CommitRange(std::span<Entry> entries) {
  db::RecordBatch merged;
  const db::RecordBatch* batch = &entries.front().batch;
  if (entries.size() > 1) {
    for (const Entry& e : entries) {
      Append(merged.events, e.batch.events);
      Append(merged.messages, e.batch.messages);
      Append(merged.leads, e.batch.leads);
      Append(merged.orders, e.batch.orders);
    }
    batch = &merged;
  }
  int64_t last = entries.back().seq;
  std::chrono::milliseconds delay = options_.retry_min;
  // A lone record is set aside only after failing this often while the
  // store works, so one flaky driver error never rejects good data.
  constexpr int kAttemptsBeforeSetAside = 3;
  int failed_while_store_works = 0;
  while (true) {
    if (GivingUp()) return false;
    core::Status st = store_.WriteBatch(*batch, options_.stream, last);
    if (st.ok()) {
      NoteSuccess();
      Committed(last, static_cast<int64_t>(entries.size()), false);
      return true;
    }
    NoteFailure(st.error());
    if (IsRejection(st.error()) && StoreWorks()) {
      // The store works, so the data may be at fault: find the record.
      if (entries.size() > 1) {
        size_t half = entries.size() / 2;
        return CommitRange(entries.first(half)) && CommitRange(entries.subspan(half));
      }
      if (++failed_while_store_works >= kAttemptsBeforeSetAside) return SetAside(entries.front(), st.error());
      continue;
    }
    if (!Backoff(delay)) return false;
  }
}

// An empty batch only rewrites the current checkpoint: a real write that
// tells "the store is down" from "this data cannot be written".
bool RecordQueue::StoreWorks() {
  int64_t checkpoint = 0;
  {
    std::lock_guard lock(mu_);
    checkpoint = checkpoint_;
  }
  return store_.WriteBatch(db::RecordBatch{}, options_.stream, checkpoint).ok();
}

bool RecordQueue::SetAside(const Entry& entry, const core::Error& error, std::string_view raw) {
  std::chrono::milliseconds delay = options_.retry_min;
  std::string day = core::FormatIsoUtc(Now()).substr(0, 10);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  std::filesystem::path path = options_.journal_dir / ("rejected-" + day + ".jsonl");
  nlohmann::json line = {{"error", error.message}};
  if (!raw.empty()) line["raw"] = std::string(raw);
  if (entry.seq > 0) {
    line["seq"] = entry.seq;
    std::string batch_text = RecordBatchToJson(entry.batch);
    auto batch = nlohmann::json::parse(batch_text, nullptr, /*allow_exceptions=*/false);
    if (batch.is_discarded()) {
      line["batch_text"] = std::move(batch_text);
    } else {
      line["batch"] = std::move(batch);
    }
  }
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  while (true) {
    RejectedFilesLock files(options_.journal_dir);  // never while a replay reads the files
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    bool written = files.held() && fd >= 0 && WriteAll(fd, text) && ::fdatasync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (written) break;
    // Setting aside is the only way to move past the record: never skip it.
    Warn(Errno("cannot write", path) + "; retrying");
    if (!Backoff(delay)) return false;
  }
  Warn("record journal: record " + std::to_string(entry.seq) + " set aside in " + path.string() + ": " + error.message);
  if (entry.seq == 0) return true;  // a damaged line found by replay: not queued
  while (true) {
    if (GivingUp()) return false;
    if (store_.WriteBatch(db::RecordBatch{}, options_.stream, entry.seq).ok()) break;
    if (!Backoff(delay)) return false;
  }
  NoteSuccess();  // the store works; the record was at fault
  Committed(entry.seq, 1, true);
  return true;
}

bool RecordQueue::GivingUp() const {
  std::lock_guard lock(mu_);
  return abandon_ || Monotonic() >= give_up_at_;
}

bool RecordQueue::Backoff(std::chrono::milliseconds& delay) {
  std::unique_lock lock(mu_);
  ++stats_.retries;
  // The deadline is on the injected clock; the wait itself is real time.
  auto wait = std::min<std::chrono::steady_clock::duration>(give_up_at_ - Monotonic(), delay);
  work_cv_.wait_for(lock, wait, [this] { return abandon_; });
  delay = std::min(delay * 2, options_.retry_max);
  return !abandon_ && Monotonic() < give_up_at_;
}

void RecordQueue::NoteFailure(const core::Error& error) {
  bool first = false;
  {
    std::lock_guard lock(mu_);
    first = !stats_.failing;
    if (first) {
      failing_since_ = Now();
      failing_since_mono_ = Monotonic();
    }
    stats_.failing = true;
    last_error_ = error.message;
  }
  if (first) Warn("record writer: the store failed, retrying: " + error.message);
}

void RecordQueue::NoteSuccess() {
  bool recovered = false;
  {
    std::lock_guard lock(mu_);
    recovered = stats_.failing;
    stats_.failing = false;
  }
  if (recovered) Warn("record writer: the store works again");
}

void RecordQueue::Committed(int64_t last_seq, int64_t records, bool set_aside) {
  {
    std::lock_guard lock(mu_);
    checkpoint_ = std::max(checkpoint_, last_seq);
    queued_ -= records;
    NoteReplayed(records);
    if (set_aside) {
      stats_.rejected += records;
    } else {
      stats_.committed += records;
      ++stats_.transactions;
    }
  }
  // Before Flush sees the checkpoint, so a flushed queue has no committed
  // segment left.
  DeleteCommittedSegments();
  std::lock_guard lock(mu_);
  stats_.checkpoint = checkpoint_;
  committed_cv_.notify_all();
}

void RecordQueue::DeleteCommittedSegments() {
  std::vector<std::filesystem::path> doomed;
  {
    std::lock_guard lock(mu_);
    auto keep =
        std::partition(closed_.begin(), closed_.end(), [this](const auto& s) { return s.second > checkpoint_; });
    for (auto it = keep; it != closed_.end(); ++it) doomed.push_back(it->first);
    closed_.erase(keep, closed_.end());
  }
  std::error_code ec;
  for (const auto& p : doomed) std::filesystem::remove(p, ec);
}

bool RecordQueue::Flush(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  int64_t target = next_seq_ - 1;
  return committed_cv_.wait_for(lock, timeout, [&] { return stats_.checkpoint >= target; });
}

void RecordQueue::Stop() {
  bool run_here = false;
  {
    std::lock_guard lock(mu_);
    if (stopped_ || stop_) return;
    accepting_ = false;
    stop_ = true;
    give_up_at_ = Monotonic() + options_.drain_timeout;
    run_here = !writer_.joinable() && !abandon_;
    work_cv_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
  if (run_here) WriterLoop();
  CloseJournal(/*delete_if_committed=*/true);
}

void RecordQueue::AbandonForTest() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    accepting_ = false;
    abandon_ = true;
    stop_ = true;
    work_cv_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
  CloseJournal(/*delete_if_committed=*/false);
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

void RecordQueue::CloseJournal(bool delete_if_committed) {
  std::shared_ptr<Segment> segment;
  int64_t left = 0;
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
    segment = std::move(segment_);
    left = queued_;
  }
  if (!segment) return;
  if (left > 0 && delete_if_committed) {
    std::string why = last_error_.empty() ? "the store was still writing them" : "the store failed: " + last_error_;
    Warn("record queue stopped with " + std::to_string(left) + " records not committed (" + why +
         "); they stay in " + options_.journal_dir.string() + " for the next start");
  }
  if (delete_if_committed && left == 0) {
    std::error_code ec;
    std::filesystem::remove(segment->path, ec);
    DeleteCommittedSegments();
  }
}

RecordQueueStats RecordQueue::stats() const {
  std::lock_guard lock(mu_);
  RecordQueueStats s = stats_;
  s.queued = queued_;
  return s;
}

core::Status RecordQueue::Health() const {
  std::lock_guard lock(mu_);
  if (stats_.failing && queued_ > 0 && Monotonic() - failing_since_mono_ > options_.unhealthy_after) {
    return Unavailable("record writer failing since " + core::FormatIsoUtc(failing_since_) + ": " + last_error_ + " (" +
                       std::to_string(queued_) + " records waiting)");
  }
  return core::Status::Ok();
}

void RecordQueue::Warn(const std::string& message) const {
  if (options_.warn) options_.warn(message);
}

std::chrono::system_clock::time_point RecordQueue::Now() const {
  return options_.clock ? options_.clock->Now() : system_clock_.Now();
}

std::chrono::steady_clock::time_point RecordQueue::Monotonic() const {
  return options_.clock ? options_.clock->Monotonic() : system_clock_.Monotonic();
}

}  // namespace db
