// SqlRecordBatchStore: RecordBatchStore over a SqlConnection (SQLite or
// PostgreSQL): a batch's leads, events, messages and orders and its
// stream's checkpoint in one transaction, with the lead merge, event,
// message and order statements of the other SQL role stores. Internal to
// src/db; SqlDatabase owns one per database.
#pragma once

#include "db/record_batch_store.h"
#include "db/sql/sql_connection.h"

namespace db {

class SqlRecordBatchStore final : public RecordBatchStore {
 public:
  // `connection` must outlive the store.
  explicit SqlRecordBatchStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Status WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) override;
  core::Result<int64_t> ReadCheckpoint(std::string_view stream) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
