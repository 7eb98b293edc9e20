#include <gtest/gtest.h>

#include "db/redis/redis_client.h"

namespace {

TEST(RedisUrlTest, ParsesHostPortAndDatabase) {
  auto e = db::ParseRedisUrl("redis://127.0.0.1:6390/3");
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->host, "127.0.0.1");
  EXPECT_EQ(e->port, 6390);
  EXPECT_EQ(e->database, 3);
  EXPECT_TRUE(e->password.empty());
}

TEST(RedisUrlTest, DefaultsPortAndDatabase) {
  auto e = db::ParseRedisUrl("redis://cache.internal");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->port, 6379);
  EXPECT_EQ(e->database, 0);
}

TEST(RedisUrlTest, TakesAPassword) {
  auto e = db::ParseRedisUrl("redis://:s3cret@localhost:7000");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->password, "s3cret");
  EXPECT_EQ(e->host, "localhost");
  EXPECT_EQ(e->port, 7000);
}

TEST(RedisUrlTest, RejectsBadUrlsWithoutEchoingThePassword) {
  for (const char* bad : {"http://localhost", "redis://", "redis://host:0", "redis://host:99999",
                          "redis://host:abc", "redis://host/16", "redis://host/x", "redis://user:s3cret@host",
                          "redis://s3cret@host"}) {
    auto e = db::ParseRedisUrl(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().message.find("s3cret"), std::string::npos) << e.error().message;
  }
}

}  // namespace
