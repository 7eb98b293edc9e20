// RecordQueue: the write path of what chat turns leave behind (events,
// transcript messages, lead updates, orders). A turn never waits for the
// database, and nothing accepted is lost.
//
// Enqueue appends the batch as one line of compact JSON with the next
// sequence number ({"seq":N,"batch":{...}}) to an append-only journal
// segment under `journal_dir` (one write(2) on an O_APPEND descriptor) and
// pushes it onto an in-memory queue; it does no database work. One writer
// thread takes up to `max_batch` queued batches (lingering `flush_interval`
// for more after the first arrives) and commits them to the store in ONE
// transaction together with the journal checkpoint, the highest sequence
// number committed (RecordBatchStore::WriteBatch). Segments rotate at
// `segment_bytes`; a segment whose records are all committed is deleted.
//
// Guarantees:
// - Ok from Enqueue means the batch is in the journal (the page cache). It
//   survives a crash of the process (kill -9, abort): Open reads every
//   record above the store's checkpoint back into the queue, ahead of new
//   ones, and because data and checkpoint commit together each record
//   reaches the store exactly once. Open does not wait for that replay: the
//   writer commits the backlog in groups of `max_batch` (progress in the
//   log) while new turns are accepted. An OS crash or power loss may lose
//   the journal tail not yet written back, unless `fsync_journal` is set
//   (fdatasync before Enqueue returns, one sync shared by the callers that
//   arrived together).
// - A failure of the environment (store down, disk full, I/O error, any
//   error that is not the store refusing the data) is retried with capped
//   exponential backoff for as long as it lasts; nothing is dropped or set
//   aside for it.
// - A group the store refuses as invalid (kInvalidArgument, kConflict,
//   kNotFound, kInvalidJson) while it works is split in halves until the
//   one journal record at fault is found; that record is set aside, with
//   the error, in `journal_dir/rejected-YYYYMMDD.jsonl` and logged, and the
//   rest is committed. Nothing is silently lost, and ReplayRejectedRecords
//   (rejected_records.h, `aiv7 records replay-rejected`) writes them once
//   the cause is fixed. (A crash between setting aside and the checkpoint
//   may write the line twice.)
// - Stop drains: everything accepted is committed before it returns, unless
//   the store stays down for `drain_timeout`; then the journal keeps the
//   rest for the next Open.
//
// One queue per journal directory: Open takes an exclusive lock on
// `journal_dir/LOCK` (kUnavailable when another process holds it).
//
// Thread-safety: Enqueue, Flush, stats and Health may be called from any
// thread, concurrently. Start and Stop are for the owner (once each).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "db/record_batch_store.h"
#include "db/record_sink.h"

namespace db {

struct RecordQueueOptions {
  // Required. Created when missing.
  std::filesystem::path journal_dir;
  // The checkpoint's name in the store (record_streams.stream).
  std::string stream = "records";
  // Batches accepted and not yet committed; beyond it Enqueue is kUnavailable.
  size_t capacity = 100'000;
  // Journal records per store transaction.
  size_t max_batch = 256;
  // How long the writer waits for more after the first record of a group
  // (0: commit whatever is there at once).
  std::chrono::milliseconds flush_interval{20};
  // fdatasync the journal before Enqueue returns (survives an OS crash too;
  // costs a disk flush per group of concurrent callers).
  bool fsync_journal = false;
  // A segment is closed and a new one started past this size.
  uint64_t segment_bytes = 16u << 20;
  // Backoff between retries while the store is down: doubles from min to max.
  std::chrono::milliseconds retry_min{10};
  std::chrono::milliseconds retry_max{5'000};
  // Stop gives up draining (journal kept) after the store failed this long.
  std::chrono::milliseconds drain_timeout{30'000};
  // Health reports the writer down after failing for longer than this with
  // records waiting.
  std::chrono::milliseconds unhealthy_after{10'000};
  // Dates rejected-*.jsonl and failure times; its monotonic time sets the
  // retry and give-up deadlines. nullptr: the system clock.
  const core::Clock* clock = nullptr;
  // Warnings and errors for operators (store failures and recovery,
  // rejected records, replay). May be empty.
  std::function<void(const std::string&)> warn;
};

struct RecordQueueStats {
  int64_t queued = 0;        // accepted, not yet committed or set aside
  int64_t committed = 0;     // journal records committed since Open (replay included)
  int64_t transactions = 0;  // store transactions that committed records
  int64_t retries = 0;       // failed store writes retried
  int64_t rejected = 0;      // journal records set aside
  int64_t checkpoint = 0;    // highest sequence number committed or set aside
  int64_t replaying = 0;     // records read back from the journal at Open, not yet committed
  bool failing = false;      // the last store write failed
};

class RecordQueue final : public RecordSink {
 public:
  // Locks the journal and queues every record above the store's checkpoint
  // for the writer (see the file comment); old segments are deleted once
  // their records are committed. `store` must outlive the queue.
  // kUnavailable when the directory cannot be used or locked, or the
  // store's checkpoint cannot be read; kInvalidArgument for bad options.
  static core::Result<std::unique_ptr<RecordQueue>> Open(db::RecordBatchStore& store, RecordQueueOptions options);

  // The stream name for the journal in `journal_dir`: `base` plus an id made
  // once and kept in <journal_dir>/STREAM, so several servers (each with its
  // own DATA_DIR) sharing one database never share a checkpoint. A journal
  // written before STREAM existed keeps the bare `base`, so its checkpoint
  // still applies. kUnavailable when the file cannot be read or written.
  static core::Result<std::string> StreamNameFor(const std::filesystem::path& journal_dir, std::string_view base);

  // Stop().
  ~RecordQueue() override;

  RecordQueue(const RecordQueue&) = delete;
  RecordQueue& operator=(const RecordQueue&) = delete;

  // Starts the writer thread. Batches enqueued before wait for it.
  // REQUIRES: called at most once, before Stop.
  void Start();

  // Journals and queues `batch` (see the file comment). Ok: accepted.
  // kUnavailable, nothing accepted: the queue is at capacity, stopped, or
  // the journal cannot be written. An empty batch is Ok and writes nothing.
  core::Status Enqueue(db::RecordBatch batch) override;

  // Blocks until everything accepted before the call is committed or set
  // aside; false when `timeout` passes first. Needs a started writer.
  bool Flush(std::chrono::milliseconds timeout);

  // Refuses new batches, commits everything queued (on this thread when
  // Start was never called), closes the journal and deletes its segment
  // when all is committed. Idempotent.
  void Stop();

  RecordQueueStats stats() const;

  // kUnavailable while the writer has records waiting and has been failing
  // for `unhealthy_after`. Checked afresh on every call: once the store
  // works again (or nothing is waiting) it is Ok.
  core::Status Health() const;

  // Simulates a crash: the writer stops without draining (a commit in
  // flight finishes, atomically), the journal and its lock are released
  // as a dead process would leave them. Later calls behave as after Stop.
  void AbandonForTest();

 private:
  struct Entry {
    int64_t seq = 0;
    db::RecordBatch batch;
  };
  struct Segment;

  RecordQueue(db::RecordBatchStore& store, RecordQueueOptions options);

  core::Status LockDirectory();
  // Reads the journal back into pending_ (see Open).
  core::Status LoadJournal();
  void NoteReplayed(int64_t records);
  core::Status OpenSegmentLocked(int64_t first_seq);
  core::Status SyncJournal(int64_t seq, const std::shared_ptr<Segment>& segment);
  void WriterLoop();
  // Commits `entries` (ascending seq) or sets aside the ones at fault.
  // False when the writer must give up (abandoned, or past give_up_at_).
  bool CommitRange(std::span<Entry> entries);
  // `raw`: bytes of a damaged journal line, kept in the rejected file only
  // (never logged: they may hold a shopper's contact details).
  bool SetAside(const Entry& entry, const core::Error& error, std::string_view raw = {});
  bool StoreWorks();
  bool GivingUp() const;
  // Waits `delay` unless abandoned; false when giving up.
  bool Backoff(std::chrono::milliseconds& delay);
  void NoteFailure(const core::Error& error);
  void NoteSuccess();
  void Committed(int64_t last_seq, int64_t records, bool set_aside);
  void DeleteCommittedSegments();
  void CloseJournal(bool delete_if_committed);
  void Warn(const std::string& message) const;
  std::chrono::system_clock::time_point Now() const;
  std::chrono::steady_clock::time_point Monotonic() const;

  db::RecordBatchStore& store_;
  const RecordQueueOptions options_;
  core::SystemClock system_clock_;
  int lock_fd_ = -1;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;       // writer: new work, stop, abandon
  std::condition_variable committed_cv_;  // Flush: the checkpoint moved
  std::deque<Entry> pending_;             // journalled, not yet taken by the writer
  int64_t queued_ = 0;                    // pending_ plus the group being written
  int64_t next_seq_ = 1;
  int64_t checkpoint_ = 0;
  std::shared_ptr<Segment> segment_;                               // the one being appended to
  std::vector<std::pair<std::filesystem::path, int64_t>> closed_;  // closed segments and their last seq
  bool accepting_ = true;
  bool stop_ = false;
  bool abandon_ = false;
  bool stopped_ = false;
  std::chrono::steady_clock::time_point give_up_at_ = std::chrono::steady_clock::time_point::max();
  RecordQueueStats stats_;
  std::chrono::system_clock::time_point failing_since_{};       // for messages
  std::chrono::steady_clock::time_point failing_since_mono_{};  // for durations
  int64_t replay_total_ = 0;
  std::chrono::steady_clock::time_point replay_started_{}, replay_logged_{};
  std::string last_error_;

  std::mutex sync_mu_;  // fsync_journal: one fdatasync at a time
  int64_t synced_seq_ = 0;

  std::thread writer_;
};

}  // namespace db
