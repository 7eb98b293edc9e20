// Rejected records: what the write queue (record_queue.h) set aside because
// the store refused the data, kept in `journal_dir/rejected-YYYYMMDD.jsonl`
// (one JSON line per record: "error", "seq" and the "batch", or "raw" bytes
// of a damaged journal line). Once the cause is fixed (a schema migration, a
// bug fix), ReplayRejectedRecords writes them to the store.
//
// Exactly once: each file has its own checkpoint in the store (stream
// "<stream>/<file name>", the number of lines written), committed in the
// same transaction as the line's records, so a replay interrupted at any
// point and run again never writes a line twice. A line the store still
// refuses stops that file there (it is reported; the lines after it wait
// for the next run, keeping their order). A file written out completely is
// renamed replayed-YYYYMMDD.jsonl. Damaged lines hold no batch: they are
// counted and skipped.
//
// The queue appends to these files only under RejectedFilesLock, which a
// replay holds throughout, so a line set aside during a replay is never
// missed. Safe to run while the server is serving.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "db/record_batch_store.h"

namespace db {

// An exclusive lock on `journal_dir/REJECTED.LOCK` (flock), held for the
// object's lifetime. Blocks until it is free.
class RejectedFilesLock {
 public:
  explicit RejectedFilesLock(const std::filesystem::path& journal_dir);
  ~RejectedFilesLock();
  RejectedFilesLock(const RejectedFilesLock&) = delete;
  RejectedFilesLock& operator=(const RejectedFilesLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

struct RejectedReplayReport {
  int64_t replayed = 0;                     // records written to the store by this run
  int64_t damaged = 0;                      // lines without a batch, skipped
  std::vector<std::string> finished_files;  // renamed to replayed-*.jsonl
  std::vector<std::string> still_refused;   // "<file> line N: <error>", one per file that stopped
};

// Writes the set-aside records of the journal in `journal_dir` (stream
// `stream`, as the queue names it) to `store`. kUnavailable when the store
// fails (nothing after the last committed line is lost; run again); a
// record the store refuses is reported, not an error.
core::Result<RejectedReplayReport> ReplayRejectedRecords(RecordBatchStore& store,
                                                         const std::filesystem::path& journal_dir,
                                                         std::string_view stream);

}  // namespace db
