#include "http/client.h"

#include <gtest/gtest.h>

namespace {

TEST(ParseHttpUrlTest, SplitsHostPortAndBasePath) {
  auto u = http::ParseHttpUrl("http://127.0.0.1:8080");
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->base_path, "");
  auto named = http::ParseHttpUrl("http://chat.example.com/aiv7/");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->host, "chat.example.com");
  EXPECT_EQ(named->port, 80);
  EXPECT_EQ(named->base_path, "/aiv7");
  auto v6 = http::ParseHttpUrl("http://[::1]:9000/");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
}

TEST(ParseHttpUrlTest, RefusesWhatItCannotSpeak) {
  for (const char* bad : {"", "127.0.0.1:8080", "https://example.com", "http://", "http://:8080", "http://host:",
                          "http://host:0", "http://host:70000", "http://host:80x", "http://user@host",
                          "http://host/path?x=1", "http://[::1"}) {
    auto u = http::ParseHttpUrl(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.error().code, core::ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
