// SqlOrderStore: OrderStore over a SqlConnection (SQLite or PostgreSQL).
// Internal to src/db; SqlDatabase owns one per database.
#pragma once

#include <cstdint>
#include <optional>

#include "db/order_store.h"
#include "db/sql/sql_connection.h"

namespace db {

namespace sql {
// Inserts an order inside the caller's transaction (kNotFound for a lead
// of another tenant). With `skip_existing` an existing (tenant, order_id)
// is left alone and nullopt comes back instead of kConflict.
core::Result<std::optional<int64_t>> InsertOrder(SqlSession& s, const Order& o, bool skip_existing);
}  // namespace sql

class SqlOrderStore final : public OrderStore {
 public:
  // `connection` must outlive the store.
  explicit SqlOrderStore(sql::SqlConnection& connection) : connection_(connection) {}

  core::Result<int64_t> AddOrder(const Order& order) override;
  core::Result<std::vector<Order>> QueryOrders(const std::string& tenant, Time from, Time to) override;

 private:
  sql::SqlConnection& connection_;
};

}  // namespace db
