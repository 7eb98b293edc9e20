#include "core/clock.h"

#include <gtest/gtest.h>

namespace {

TEST(ParseIsoUtcTest, ReadsTheCanonicalForm) {
  auto t = core::ParseIsoUtc("2026-12-01T10:00:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*t), 1796119200);
  EXPECT_EQ(core::FormatIsoUtc(*t), "2026-12-01T10:00:00Z");
  EXPECT_TRUE(core::ParseIsoUtc("2028-02-29T23:59:59Z").has_value()) << "leap day";
}

TEST(ParseIsoUtcTest, RefusesEverythingElse) {
  for (const char* bad : {"", "tomorrow", "2026-12-01", "2026-12-01T10:00:00", "2026-12-01T10:00:00+01:00",
                          "2026-12-01T10:00:00Zjunk", "2026-12-01 10:00:00Z", "2026-13-01T10:00:00Z",
                          "2026-02-30T10:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T10:60:00Z",
                          "2026-+1-01T10:00:00Z", "2026- 1-01T10:00:00Z", "2026-12-01T10:00:00.5Z"}) {
    EXPECT_FALSE(core::ParseIsoUtc(bad).has_value()) << bad;
  }
}

}  // namespace
