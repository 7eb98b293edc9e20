#include "core/tenant_key.h"

#include <gtest/gtest.h>

#include "core/secure_compare.h"

namespace {

TEST(TenantKeyTest, AcceptsLettersDigitsUnderscoreDash) {
  for (const char* key : {"UK_BUTCHER", "US-BIKES", "a", "shop42", "A1_b-2"}) {
    auto parsed = core::TenantKey::Parse(key);
    ASSERT_TRUE(parsed.ok()) << key;
    EXPECT_EQ(parsed->str(), key);
  }
}

TEST(TenantKeyTest, RejectsPathTricksAndOddCharacters) {
  for (const char* key : {"", "../etc", "..", ".", "a/b", "a\\b", "-leading", "_leading", "with space", "tab\t",
                          "ümlaut", "semi;colon"}) {
    auto parsed = core::TenantKey::Parse(key);
    ASSERT_FALSE(parsed.ok()) << key;
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidTenantKey);
    EXPECT_FALSE(parsed.error().UserMessage().empty());
  }
}

TEST(TenantKeyTest, RejectsEmbeddedNul) {
  EXPECT_FALSE(core::TenantKey::IsValid(std::string("ab\0cd", 5)));
}

TEST(TenantKeyTest, RejectsOverlongKeys) {
  EXPECT_TRUE(core::TenantKey::IsValid(std::string(64, 'A')));
  EXPECT_FALSE(core::TenantKey::IsValid(std::string(65, 'A')));
}

TEST(SecureCompareTest, ComparesContentAndLength) {
  EXPECT_TRUE(core::ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(core::ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(core::ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(core::ConstantTimeEquals("", "x"));
}

TEST(ErrorCodeTest, NamesAreSnakeCase) {
  EXPECT_EQ(core::ErrorCodeName(core::ErrorCode::kInvalidJson), "invalid_json");
  EXPECT_EQ(core::ErrorCodeName(core::ErrorCode::kUnknownTenant), "unknown_tenant");
  EXPECT_EQ(core::ErrorCodeName(core::ErrorCode::kSchemaInvalid), "schema_invalid");
}

}  // namespace
