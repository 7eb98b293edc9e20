// OrderStore: the orders chat checkouts completed.
//
// Tenant scope: an order names its tenant and may only name a lead of that
// tenant; queries return the orders of one tenant.
//
// Times are stored with millisecond precision. Errors: kConflict (the
// tenant's order id is taken), kNotFound (a lead id that is not a lead of
// the order's tenant), kUnavailable (database down or a driver error;
// retryable when the driver knows it is transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class OrderStore {
 public:
  virtual ~OrderStore() = default;

  // Stores `order` (its id field is ignored) and returns the row id.
  // kConflict when (tenant, order_id) exists; kNotFound when order.lead_id
  // is set and is not a lead of order.tenant.
  virtual core::Result<int64_t> AddOrder(const Order& order) = 0;

  // The orders of `tenant` with from <= at < to, ordered by time, then
  // insertion. A lead folded into another (see lead_store.h) has its orders
  // moved: lead_id names the surviving lead.
  virtual core::Result<std::vector<Order>> QueryOrders(const std::string& tenant, Time from, Time to) = 0;
};

}  // namespace db
