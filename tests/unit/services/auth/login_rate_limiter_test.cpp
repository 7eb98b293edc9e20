#include "services/auth/login_rate_limiter.h"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using services::LoginRateLimiter;
using Time = std::chrono::system_clock::time_point;

const Time kT0 = Time(std::chrono::seconds(1'800'000'000));

TEST(LoginRateLimiterTest, BurstThenOnePerRefill) {
  LoginRateLimiter limiter({3, 30s}, 100);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.TryTake("1.2.3.4", kT0)) << i;
  auto wait = limiter.TryTake("1.2.3.4", kT0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 30s);
  EXPECT_EQ(*limiter.TryTake("1.2.3.4", kT0 + 20s), 10s);
  EXPECT_FALSE(limiter.TryTake("1.2.3.4", kT0 + 30s));
  EXPECT_TRUE(limiter.TryTake("1.2.3.4", kT0 + 31s));
  // Other keys have their own buckets.
  EXPECT_FALSE(limiter.TryTake("5.6.7.8", kT0));
  // Refills up to the burst only.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.TryTake("1.2.3.4", kT0 + 24h)) << i;
  EXPECT_TRUE(limiter.TryTake("1.2.3.4", kT0 + 24h));
}

TEST(LoginRateLimiterTest, ClockGoingBackMintsNothing) {
  LoginRateLimiter limiter({1, 60s}, 10);
  EXPECT_FALSE(limiter.TryTake("k", kT0));
  EXPECT_TRUE(limiter.TryTake("k", kT0 - 1h));
  EXPECT_TRUE(limiter.TryTake("k", kT0 + 30s));
  EXPECT_FALSE(limiter.TryTake("k", kT0 + 60s));
}

TEST(LoginRateLimiterTest, MemoryIsBounded) {
  LoginRateLimiter limiter({2, 60s}, 3);
  // Refilled buckets go first, then the least recently used.
  EXPECT_FALSE(limiter.TryTake("busy", kT0));
  EXPECT_FALSE(limiter.TryTake("busy", kT0));
  EXPECT_FALSE(limiter.TryTake("a", kT0));
  EXPECT_FALSE(limiter.TryTake("b", kT0));
  EXPECT_EQ(limiter.size(), 3u);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.TryTake("new" + std::to_string(i), kT0 + 61s));
  EXPECT_LE(limiter.size(), 3u);
  // When every bucket is busy, the least recently used goes first.
  LoginRateLimiter full({1, 1h}, 2);
  EXPECT_FALSE(full.TryTake("x", kT0));
  EXPECT_FALSE(full.TryTake("y", kT0 + 1s));
  EXPECT_FALSE(full.TryTake("z", kT0 + 2s));  // evicts x
  EXPECT_EQ(full.size(), 2u);
  EXPECT_TRUE(full.TryTake("y", kT0 + 3s));
  EXPECT_TRUE(full.TryTake("z", kT0 + 3s));
}

}  // namespace
