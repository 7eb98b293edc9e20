#include "db/channel_records.h"

namespace db {

int OutboxStateRank(std::string_view state) {
  if (state == "pending") return 0;
  if (state == "sending") return 1;
  if (state == "sent") return 2;
  if (state == "failed") return 3;
  if (state == "delivered") return 4;
  if (state == "read") return 5;
  return -1;
}

}  // namespace db
