// A line of the record journal as replay reads it after a crash (torn,
// damaged or hand-edited). Whatever parses must write back to the same
// batch: the journal format round-trips.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "db/journal/record_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto record = db::ParseJournalLine(line);
  auto batch = db::RecordBatchFromJson(line);
  if (batch.ok()) {
    std::string again = db::RecordBatchToJson(*batch);
    auto reread = db::RecordBatchFromJson(again);
    if (!reread.ok() || db::RecordBatchToJson(*reread) != again) __builtin_trap();
  }
  (void)record;
  return 0;
}
