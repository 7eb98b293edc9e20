#include "services/auth/login_rate_limiter.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace services {

LoginRateLimiter::LoginRateLimiter(RateLimit limit, size_t max_keys) : limit_(limit), max_keys_(max_keys) {
  assert(limit_.burst >= 1 && limit_.refill_every.count() > 0 && max_keys_ >= 1);
}

double LoginRateLimiter::Refilled(const Bucket& bucket, Time now) const {
  // A clock that steps back must not mint attempts.
  auto elapsed = std::max(now - bucket.updated, Time::duration::zero());
  double earned = std::chrono::duration<double>(elapsed) / std::chrono::duration<double>(limit_.refill_every);
  return std::min(limit_.burst, bucket.tokens + earned);
}

void LoginRateLimiter::MakeRoom(Time now) {
  std::erase_if(buckets_, [&](const auto& entry) { return Refilled(entry.second, now) >= limit_.burst; });
  while (buckets_.size() >= max_keys_) {
    auto oldest = std::min_element(buckets_.begin(), buckets_.end(),
                                   [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    buckets_.erase(oldest);
  }
}

std::optional<std::chrono::seconds> LoginRateLimiter::TryTake(std::string_view key, Time now) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) MakeRoom(now);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens = Refilled(bucket, now);
  bucket.updated = std::max(bucket.updated, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  double missing = 1 - bucket.tokens;
  auto wait = std::chrono::duration<double>(limit_.refill_every) * missing;
  // The epsilon keeps floating-point dust from adding a whole second.
  return std::max(std::chrono::seconds(1), std::chrono::seconds(static_cast<int64_t>(std::ceil(wait.count() - 1e-6))));
}

size_t LoginRateLimiter::size() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace services
