#include "db/redis/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace db {

namespace {

using core::ErrorCode;

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;

core::Error Unavailable(const std::string& what) {
  return core::MakeError(ErrorCode::kUnavailable, "redis: " + what);
}

}  // namespace

struct RedisClient::Impl {
  RedisEndpoint endpoint;
  RedisOptions options;
  std::mutex mu;
  std::vector<Context> idle;  // guarded by mu

  core::Result<Context> Dial() {
    Context c(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, ToTimeval(options.connect_timeout)));
    if (!c) return Unavailable("out of memory");
    if (c->err) return Unavailable(std::string("connect to ") + endpoint.host + ":" + std::to_string(endpoint.port) + ": " + c->errstr);
    if (redisSetTimeout(c.get(), ToTimeval(options.command_timeout)) != REDIS_OK) return Unavailable("set timeout");
    if (!endpoint.password.empty()) {
      Reply r(static_cast<redisReply*>(redisCommand(c.get(), "AUTH %b", endpoint.password.data(), endpoint.password.size())));
      if (!r || r->type == REDIS_REPLY_ERROR) return Unavailable("AUTH failed");
    }
    if (endpoint.database != 0) {
      Reply r(static_cast<redisReply*>(redisCommand(c.get(), "SELECT %d", endpoint.database)));
      if (!r || r->type == REDIS_REPLY_ERROR) return Unavailable("SELECT " + std::to_string(endpoint.database) + " failed");
    }
    return c;
  }

  core::Result<Context> Acquire() {
    {
      std::lock_guard lock(mu);
      if (!idle.empty()) {
        Context c = std::move(idle.back());
        idle.pop_back();
        return c;
      }
    }
    return Dial();  // outside the lock: a slow connect must not block the others
  }

  void Release(Context c) {
    if (c->err) return;  // hiredis contexts are unusable after an error
    std::lock_guard lock(mu);
    if (idle.size() < options.max_idle_connections) idle.push_back(std::move(c));
  }

  // Runs one command on a pooled connection. The reply is null with an error
  // when the connection failed; a Redis error reply is also an error.
  template <typename... Args>
  core::Result<Reply> Command(const char* format, Args... args) {
    auto c = Acquire();
    if (!c.ok()) return c.error();
    Context context = std::move(c).value();
    Reply r(static_cast<redisReply*>(redisCommand(context.get(), format, args...)));
    if (!r) {
      std::string why = context->err ? context->errstr : "no reply";
      return Unavailable(why);  // context dropped: the next call dials again
    }
    Release(std::move(context));
    if (r->type == REDIS_REPLY_ERROR) return Unavailable(std::string(r->str, r->len));
    return r;
  }
};

RedisClient::RedisClient(RedisEndpoint endpoint, RedisOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->endpoint = std::move(endpoint);
  impl_->options = options;
}

RedisClient::~RedisClient() = default;

core::Result<std::optional<std::string>> RedisClient::Get(std::string_view key) {
  auto r = impl_->Command("GET %b", key.data(), key.size());
  if (!r.ok()) return r.error();
  const redisReply& reply = **r;
  if (reply.type == REDIS_REPLY_NIL) return std::optional<std::string>();
  if (reply.type != REDIS_REPLY_STRING) return Unavailable("GET: unexpected reply type");
  if (reply.len > impl_->options.max_value_bytes) return Unavailable("GET: value larger than the limit");
  return std::optional<std::string>(std::string(reply.str, reply.len));
}

core::Status RedisClient::Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  if (value.size() > impl_->options.max_value_bytes) {
    return core::MakeError(ErrorCode::kInvalidArgument, "redis: SET: value of " + std::to_string(value.size()) +
                                                            " bytes is larger than the limit");
  }
  long long seconds = std::max<long long>(1, ttl.count());
  auto r = impl_->Command("SET %b %b EX %lld", key.data(), key.size(), value.data(), value.size(), seconds);
  if (!r.ok()) return r.error();
  return core::Status::Ok();
}

core::Status RedisClient::Ping() {
  auto r = impl_->Command("PING");
  if (!r.ok()) return r.error();
  return core::Status::Ok();
}

}  // namespace db
