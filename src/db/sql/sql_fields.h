// Field readers and time conversions shared by the SQL role stores.
// Times are stored as milliseconds since the Unix epoch (BIGINT), booleans
// as 0/1, JSON as text. Internal to src/db.
#pragma once

#include <chrono>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/records.h"
#include "db/sql/sql_connection.h"

namespace db::sql {

inline int64_t ToMs(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline Time FromMs(int64_t ms) {
  return Time(std::chrono::duration_cast<Time::duration>(std::chrono::milliseconds(ms)));
}
// Time::max() as an exclusive upper bound: "no end".
inline int64_t ToMsClamped(Time t) { return t == Time::max() ? INT64_MAX : ToMs(t); }

inline int64_t Int(const Field& f) { return f ? std::stoll(*f) : 0; }
inline double Real(const Field& f) { return f ? std::stod(*f) : 0.0; }
inline std::string Text(const Field& f) { return f.value_or(""); }
inline bool Bool(const Field& f) { return Int(f) != 0; }
inline std::optional<Time> OptTime(const Field& f) {
  if (!f) return std::nullopt;
  return FromMs(std::stoll(*f));
}

inline std::string Cat(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string s(a);
  s += b;
  s += c;
  return s;
}

}  // namespace db::sql
