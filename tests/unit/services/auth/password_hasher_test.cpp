#include "services/auth/password_hasher.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

using services::PasswordHasher;
using services::PasswordHasherOptions;

PasswordHasherOptions Cheap(uint32_t memory_kib = 64, uint32_t iterations = 1) {
  PasswordHasherOptions o;
  o.memory_kib = memory_kib;
  o.iterations = iterations;
  o.parallelism = 1;
  return o;
}

TEST(PasswordHasherTest, HashesAsArgon2idAndVerifies) {
  PasswordHasher hasher(Cheap());
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(hasher.Verify("correct horse battery", *hash));
  EXPECT_FALSE(hasher.Verify("correct horse batterY", *hash));
  EXPECT_FALSE(hasher.Verify("", *hash));
}

TEST(PasswordHasherTest, SaltIsFreshEachTime) {
  PasswordHasher hasher(Cheap());
  auto a = hasher.Hash("same password here");
  auto b = hasher.Hash("same password here");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(hasher.Verify("same password here", *b));
}

TEST(PasswordHasherTest, InjectedRandomnessMakesHashesReproducible) {
  PasswordHasherOptions o = Cheap();
  o.random = [](unsigned char* out, size_t n) { std::memset(out, 7, n); };
  PasswordHasher hasher(o);
  EXPECT_EQ(*hasher.Hash("reproducible pw"), *hasher.Hash("reproducible pw"));
}

TEST(PasswordHasherTest, MalformedHashesNeverVerify) {
  PasswordHasher hasher(Cheap());
  EXPECT_FALSE(hasher.Verify("whatever password", ""));
  EXPECT_FALSE(hasher.Verify("whatever password", "plaintext"));
  EXPECT_FALSE(hasher.Verify("whatever password", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
  EXPECT_FALSE(hasher.Verify("whatever password", "$argon2id$v=19$m=64,t=1,p=1$bad"));
}

TEST(PasswordHasherTest, NeedsRehashWhenParametersDiffer) {
  PasswordHasher cheap(Cheap());
  PasswordHasher stronger(Cheap(128, 2));
  auto hash = cheap.Hash("a long enough pw");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(cheap.NeedsRehash(*hash));
  EXPECT_TRUE(stronger.NeedsRehash(*hash));
  EXPECT_TRUE(stronger.Verify("a long enough pw", *hash));  // old hashes keep working
  EXPECT_TRUE(cheap.NeedsRehash("$2b$10$bcrypt-hash"));
}

TEST(PasswordHasherTest, LengthPolicy) {
  PasswordHasher hasher(Cheap());
  EXPECT_EQ(hasher.Hash("short").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(hasher.Hash("123456789").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(hasher.Hash("1234567890").ok());
  // Ten characters, more bytes: counted as characters.
  EXPECT_TRUE(hasher.Hash("éééééééééé").ok());
  EXPECT_FALSE(PasswordHasher::CheckPolicy("éééééééé").ok());
  std::string longest(services::kMaxPasswordBytes, 'x');
  EXPECT_TRUE(hasher.Hash(longest).ok());
  auto too_long = hasher.Hash(longest + "x");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_long.error().UserMessage().find("xxxx"), std::string::npos);
}

TEST(PasswordHasherTest, OverlongPasswordIsRejectedWithoutHashing) {
  PasswordHasher hasher(Cheap());
  std::string longest(services::kMaxPasswordBytes, 'y');
  auto hash = hasher.Hash(longest);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hasher.Verify(longest, *hash));
  EXPECT_FALSE(hasher.Verify(std::string(1 << 20, 'y'), *hash));
}

}  // namespace
