// KeyValueSessionStore on db::RedisClient against a real redis-server.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "db/redis/redis_client.h"
#include "services/session/key_value_session_store.h"
#include "support/redis_server.h"

namespace {

using services::KeyValueSessionStore;
using services::KeyValueSessionStoreOptions;
using services::Session;
using testing_support::RedisServer;

core::TenantKey Tenant(const std::string& name) { return core::TenantKey::Parse(name).value(); }

Session Make(const std::string& tenant, const std::string& id) {
  Session s;
  s.tenant = tenant;
  s.id = id;
  s.created = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'000));
  s.last_seen = s.created + std::chrono::seconds(30);
  return s;
}

class RedisSessionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
    ASSERT_TRUE(server_.Start()) << server_.log();
    auto endpoint = db::ParseRedisUrl(server_.url());
    ASSERT_TRUE(endpoint.ok());
    client_ = std::make_unique<db::RedisClient>(*endpoint, db::RedisOptions{.connect_timeout = std::chrono::milliseconds(300),
                                                                            .command_timeout = std::chrono::milliseconds(300),
                                                                            .max_idle_connections = 4,
                                                                            .max_value_bytes = 1 << 20});
    store_ = MakeStore(std::chrono::hours(2));
  }
  std::unique_ptr<KeyValueSessionStore> MakeStore(std::chrono::seconds ttl) {
    return std::make_unique<KeyValueSessionStore>(
        *client_, KeyValueSessionStoreOptions{.ttl = ttl, .max_session_bytes = 64 * 1024,
                                              .warn = [this](const std::string&) { ++warnings_; }});
  }

  RedisServer server_;
  std::unique_ptr<db::RedisClient> client_;
  std::unique_ptr<KeyValueSessionStore> store_;
  std::atomic<int> warnings_{0};
};

TEST_F(RedisSessionStoreTest, FullSessionRoundTrips) {
  Session s = Make("UK_BUTCHER", "session-123456");
  s.turns = 3;
  s.name = "Ann";
  s.postcode = retrieval::Postcode{"LS6 2AB", "LS6", true};
  s.branch_id = "leeds";
  s.last_skus = {"BEEF-MINCE-500", "LAMB-CHOP"};
  s.pending = "postcode_for_delivery";
  s.pending_sku = "LAMB-CHOP";
  s.cart = {{"BEEF-MINCE-500", 2, ""}, {"LAMB-CHOP", 1.5, "thick"}};
  s.fulfilment = "delivery";
  store_->Put(s);

  auto back = store_->Get(Tenant("UK_BUTCHER"), "session-123456").value();
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->turns, 3);
  EXPECT_EQ(back->name, "Ann");
  ASSERT_TRUE(back->postcode.has_value());
  EXPECT_EQ(back->postcode->normalized, "LS6 2AB");
  EXPECT_EQ(back->last_skus, s.last_skus);
  EXPECT_EQ(back->pending, "postcode_for_delivery");
  EXPECT_EQ(back->pending_sku, "LAMB-CHOP");
  ASSERT_EQ(back->cart.size(), 2u);
  EXPECT_DOUBLE_EQ(back->cart[1].quantity, 1.5);
  EXPECT_EQ(back->cart[1].option, "thick");
  EXPECT_EQ(back->last_seen, s.last_seen);
  EXPECT_EQ(warnings_, 0);

  auto raw = client_->Get("aiv7:session:UK_BUTCHER:session-123456");
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE(raw->has_value()) << "key layout aiv7:session:<tenant>:<id>";
}

TEST_F(RedisSessionStoreTest, UnknownSessionIsNothing) {
  EXPECT_FALSE(store_->Get(Tenant("UK_BUTCHER"), "never-seen-1").value().has_value());
  EXPECT_EQ(warnings_, 0);
}

TEST_F(RedisSessionStoreTest, TenantsNeverSeeEachOthersSessions) {
  Session a = Make("SHOP_A", "same-id-123");
  a.name = "Alice";
  Session b = Make("SHOP_B", "same-id-123");
  b.name = "Bob";
  store_->Put(a);
  EXPECT_FALSE(store_->Get(Tenant("SHOP_B"), "same-id-123").value().has_value()) << "B cannot read A's session";
  store_->Put(b);
  EXPECT_EQ(store_->Get(Tenant("SHOP_A"), "same-id-123").value()->name, "Alice");
  EXPECT_EQ(store_->Get(Tenant("SHOP_B"), "same-id-123").value()->name, "Bob");
}

TEST_F(RedisSessionStoreTest, SessionExpiresAfterTheTtl) {
  auto short_lived = MakeStore(std::chrono::seconds(1));
  short_lived->Put(Make("UK_BUTCHER", "short-lived-1"));
  ASSERT_TRUE(short_lived->Get(Tenant("UK_BUTCHER"), "short-lived-1").value().has_value());
  // Behaviour, not timing: wait well past the TTL, then it must be gone.
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    gone = !short_lived->Get(Tenant("UK_BUTCHER"), "short-lived-1").value().has_value();
  }
  EXPECT_TRUE(gone);
}

TEST_F(RedisSessionStoreTest, TenantLifetimeGivenToPutShortensTheExpiry) {
  // The store's bound is hours; the tenant's lifetime passed to Put wins.
  store_->Put(Make("UK_BUTCHER", "tenant-ttl-1"), std::chrono::seconds(1));
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    gone = !store_->Get(Tenant("UK_BUTCHER"), "tenant-ttl-1").value().has_value();
  }
  EXPECT_TRUE(gone);
}

TEST_F(RedisSessionStoreTest, OversizedSessionIsRefusedNotStored) {
  Session s = Make("UK_BUTCHER", "huge-session-1");
  s.name = std::string(100 * 1024, 'x');
  store_->Put(s);
  EXPECT_GT(warnings_, 0);
  EXPECT_FALSE(store_->Get(Tenant("UK_BUTCHER"), "huge-session-1").value().has_value());
}

TEST_F(RedisSessionStoreTest, UnreadableValueIsAFreshSession) {
  ASSERT_TRUE(client_->Set("aiv7:session:UK_BUTCHER:corrupt-1234", "{not json", std::chrono::seconds(60)).ok());
  EXPECT_FALSE(store_->Get(Tenant("UK_BUTCHER"), "corrupt-1234").value().has_value());
  EXPECT_GT(warnings_, 0);
}

TEST_F(RedisSessionStoreTest, ServerDownIsUnavailableNotNoSessionThenReconnects) {
  store_->Put(Make("UK_BUTCHER", "before-down-1"));  // warms the pool
  ASSERT_TRUE(store_->Get(Tenant("UK_BUTCHER"), "before-down-1").value().has_value());

  server_.Stop();
  EXPECT_NO_THROW(store_->Put(Make("UK_BUTCHER", "while-down-1")));
  // Issue 10 item 8: "cannot tell" is never "no session".
  auto down = store_->Get(Tenant("UK_BUTCHER"), "before-down-1");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, core::ErrorCode::kUnavailable);
  EXPECT_FALSE(store_->Get(Tenant("UK_BUTCHER"), "while-down-1").ok());
  EXPECT_GT(warnings_, 0);
  EXPECT_FALSE(client_->Ping().ok());

  ASSERT_TRUE(server_.Start()) << server_.log();
  EXPECT_TRUE(client_->Ping().ok()) << "the next call dials again";
  store_->Put(Make("UK_BUTCHER", "after-up-1"));
  EXPECT_TRUE(store_->Get(Tenant("UK_BUTCHER"), "after-up-1").value().has_value());
}

TEST_F(RedisSessionStoreTest, ConcurrentGetsAndPutsFromSeveralThreads) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 100;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string tenant = t % 2 == 0 ? "SHOP_A" : "SHOP_B";
      std::string id = "thread-session-" + std::to_string(t);
      for (int i = 0; i < kRounds; ++i) {
        Session s = Make(tenant, id);
        s.turns = i;
        store_->Put(s);
        auto back = store_->Get(Tenant(tenant), id).value();
        if (!back || back->turns != i) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(warnings_, 0);
}

}  // namespace

namespace {

TEST(RedisClientAuthTest, PasswordFromTheUrlIsSentAndWrongOnesFail) {
  if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
  RedisServer server("letmein");
  ASSERT_TRUE(server.Start()) << server.log();

  db::RedisClient good(db::ParseRedisUrl(server.url()).value(), {});
  EXPECT_TRUE(good.Ping().ok());
  ASSERT_TRUE(good.Set("k", "v", std::chrono::seconds(60)).ok());

  auto without = db::ParseRedisUrl("redis://127.0.0.1:" + std::to_string(server.port())).value();
  db::RedisClient anonymous(without, {});
  auto denied = anonymous.Get("k");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, core::ErrorCode::kUnavailable);

  auto wrong = db::ParseRedisUrl("redis://:nope@127.0.0.1:" + std::to_string(server.port())).value();
  db::RedisClient wrong_client(wrong, {});
  auto failed = wrong_client.Ping();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message.find("nope"), std::string::npos) << failed.error().message;
}

TEST(RedisClientDatabaseTest, DatabaseNumberSelectsAKeySpace) {
  if (!RedisServer::Available()) GTEST_SKIP() << RedisServer::kMissing;
  RedisServer server;
  ASSERT_TRUE(server.Start()) << server.log();
  db::RedisClient zero(db::ParseRedisUrl(server.url() + "/0").value(), {});
  db::RedisClient five(db::ParseRedisUrl(server.url() + "/5").value(), {});
  ASSERT_TRUE(five.Set("key", "in five", std::chrono::seconds(60)).ok());
  EXPECT_FALSE(zero.Get("key")->has_value());
  EXPECT_EQ(five.Get("key")->value(), "in five");
}

}  // namespace
