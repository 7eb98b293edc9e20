#include "services/session/session_store.h"

#include <gtest/gtest.h>

#include "fakes/fake_clock.h"
#include "support/tenants.h"

namespace {

using services::InMemorySessionStore;
using services::Session;

Session Make(const std::string& tenant, const std::string& id, fakes::FakeClock& clock) {
  Session s = testing_support::SampleSession(tenant, id);
  s.name.clear();
  s.last_seen = clock.Now();
  return s;
}

TEST(SessionStoreTest, TenantsNeverSeeEachOthersSessions) {
  fakes::FakeClock clock;
  InMemorySessionStore store(clock, std::chrono::minutes(30), 100);
  Session s = Make("SHOP_A", "session-123456", clock);
  s.name = "Adam";
  store.Put(s);
  auto a = core::TenantKey::Parse("SHOP_A").value();
  auto b = core::TenantKey::Parse("SHOP_B").value();
  ASSERT_TRUE(store.Get(a, "session-123456").value().has_value());
  EXPECT_EQ(store.Get(a, "session-123456").value()->name, "Adam");
  EXPECT_FALSE(store.Get(b, "session-123456").value().has_value());
}

TEST(SessionStoreTest, ExpiresAfterTtlSinceLastSaved) {
  fakes::FakeClock clock;
  InMemorySessionStore store(clock, std::chrono::minutes(30), 100);
  auto key = core::TenantKey::Parse("SHOP").value();
  store.Put(Make("SHOP", "s-000000001", clock));
  clock.Advance(std::chrono::minutes(29));
  EXPECT_TRUE(store.Get(key, "s-000000001").value().has_value());
  clock.Advance(std::chrono::minutes(2));
  EXPECT_FALSE(store.Get(key, "s-000000001").value().has_value());
  EXPECT_EQ(store.size(), 0u);
}

TEST(SessionStoreTest, TenantLifetimeShortensButNeverExtendsTheStoreBound) {
  fakes::FakeClock clock;
  InMemorySessionStore store(clock, std::chrono::minutes(30), 100);
  auto key = core::TenantKey::Parse("SHOP").value();
  store.Put(Make("SHOP", "s-short-0001", clock), std::chrono::minutes(10));
  store.Put(Make("SHOP", "s-long-00001", clock), std::chrono::hours(5));
  clock.Advance(std::chrono::minutes(11));
  EXPECT_FALSE(store.Get(key, "s-short-0001").value().has_value()) << "tenant lifetime of 10 minutes";
  EXPECT_TRUE(store.Get(key, "s-long-00001").value().has_value());
  clock.Advance(std::chrono::minutes(20));
  EXPECT_FALSE(store.Get(key, "s-long-00001").value().has_value()) << "capped at the store's 30 minutes";
}

TEST(SessionStoreTest, ExpiryIgnoresTheTurnsBusinessTime) {
  // A turn run at a test time (X-Test-Now, eval packs) stamps last_seen with
  // that time; the store must keep the session by its own clock regardless.
  fakes::FakeClock clock;
  InMemorySessionStore store(clock, std::chrono::minutes(30), 100);
  auto key = core::TenantKey::Parse("SHOP").value();
  Session past = Make("SHOP", "s-000000001", clock);
  past.last_seen = clock.Now() - std::chrono::hours(24 * 365);
  store.Put(past);
  EXPECT_TRUE(store.Get(key, "s-000000001").value().has_value());
  Session future = Make("SHOP", "s-000000002", clock);
  future.last_seen = clock.Now() + std::chrono::hours(24 * 365);
  store.Put(future);
  clock.Advance(std::chrono::minutes(31));
  EXPECT_FALSE(store.Get(key, "s-000000002").value().has_value());
}

TEST(SessionStoreTest, BoundedByLeastRecentlyUsedEviction) {
  fakes::FakeClock clock;
  InMemorySessionStore store(clock, std::chrono::hours(1), 3);
  auto key = core::TenantKey::Parse("SHOP").value();
  for (int i = 0; i < 3; ++i) store.Put(Make("SHOP", "s-00000000" + std::to_string(i), clock));
  ASSERT_TRUE(store.Get(key, "s-000000000").value().has_value());  // touch: now most recent
  store.Put(Make("SHOP", "s-000000009", clock));
  EXPECT_EQ(store.size(), 3u);
  EXPECT_TRUE(store.Get(key, "s-000000000").value().has_value());
  EXPECT_FALSE(store.Get(key, "s-000000001").value().has_value()) << "the least recently used session goes first";
}

}  // namespace
