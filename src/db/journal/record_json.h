// db::RecordBatch <-> compact JSON, the line format of the record journal
// (db::RecordQueue).
//
// Times are whole milliseconds since the Unix epoch (what the store keeps).
// Text that is not valid UTF-8 is written with U+FFFD in place of the bad
// bytes rather than failing, so a batch can always be journalled. Reading
// is strict about types (a field of the wrong type is an error, so a
// damaged line is never half-applied) and tolerant of missing fields
// (defaults). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "db/records.h"

namespace db {

std::string RecordBatchToJson(const db::RecordBatch& batch);
// kInvalidJson when the text is not a JSON object of the expected shape.
core::Result<db::RecordBatch> RecordBatchFromJson(std::string_view json);

// One journal line: {"seq":N,"batch":{...}} and a newline.
struct JournalRecord {
  int64_t seq = 0;
  db::RecordBatch batch;
};
// `batch_json` is RecordBatchToJson's output (made before the sequence
// number is known, outside the queue's lock).
std::string JournalLine(int64_t seq, std::string_view batch_json);
// `line` without its newline. kInvalidJson for a damaged or torn line.
core::Result<JournalRecord> ParseJournalLine(std::string_view line);

}  // namespace db
