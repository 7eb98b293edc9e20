#include "db/redis/redis_url.h"

#include <charconv>

namespace db {

namespace {

using core::ErrorCode;

bool ParsePort(std::string_view text, uint16_t& port) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return false;
  port = static_cast<uint16_t>(value);
  return true;
}

}  // namespace

core::Result<RedisEndpoint> ParseRedisUrl(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  auto invalid = [](const std::string& why) {
    return core::MakeError(ErrorCode::kInvalidArgument, "REDIS_URL " + why + " (expected redis://[:password@]host[:port][/db])");
  };
  if (url.substr(0, kScheme.size()) != kScheme) return invalid("must start with redis://");
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint e;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) return invalid("credentials need the form :password@");
    if (colon != 0) return invalid("user names (ACL) are not supported; use :password@");
    e.password = std::string(userinfo.substr(colon + 1));
    if (e.password.empty()) return invalid("has an empty password");
  }
  std::string_view hostport = rest;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) {
      auto [end, ec] = std::from_chars(db.data(), db.data() + db.size(), e.database);
      if (ec != std::errc() || end != db.data() + db.size() || e.database < 0 || e.database > 15) {
        return invalid("has a bad database number '" + std::string(db) + "'");
      }
    }
  }
  if (auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    if (!ParsePort(hostport.substr(colon + 1), e.port)) {
      return invalid("has a bad port '" + std::string(hostport.substr(colon + 1)) + "'");
    }
    hostport = hostport.substr(0, colon);
  }
  if (hostport.empty()) return invalid("needs a host");
  if (hostport.find_first_of("?#[]") != std::string_view::npos) return invalid("has an unsupported host");
  e.host = std::string(hostport);
  return e;
}

}  // namespace db
