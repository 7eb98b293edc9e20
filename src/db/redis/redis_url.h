// Where a Redis server is, as given in REDIS_URL. Parsing only: no
// connection, no hiredis, so configuration can check the setting early.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace db {

struct RedisEndpoint {
  std::string host;
  uint16_t port = 6379;
  int database = 0;      // SELECT n when not 0
  std::string password;  // AUTH when not empty; never logged
};

// Parses redis://[:password@]host[:port][/db]. kInvalidArgument with a
// message that never contains the password. Pure; thread-safe.
core::Result<RedisEndpoint> ParseRedisUrl(std::string_view url);

}  // namespace db
