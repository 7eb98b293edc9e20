#include "services/secrets/secret_box.h"

#include <gtest/gtest.h>

namespace {

services::SecretKey Key(char fill) {
  auto key = services::ParseSecretKey(std::string(64, fill));
  EXPECT_TRUE(key.ok());
  return key.ok() ? *key : services::SecretKey{};
}

TEST(SecretBoxTest, ParsesHexOrBase64KeysOfExactly32Bytes) {
  auto hex = services::ParseSecretKey("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1F");
  ASSERT_TRUE(hex.ok());
  EXPECT_EQ(hex->bytes[1], 1);
  EXPECT_EQ(hex->bytes[31], 0x1f);
  auto b64 = services::ParseSecretKey(services::Base64Encode(std::string(32, 'k')));
  ASSERT_TRUE(b64.ok());
  EXPECT_EQ(b64->bytes[0], 'k');
  for (const char* bad : {"", "short", "zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "AAAA",
                          "not base64 at all, but forty-four chars long"}) {
    auto key = services::ParseSecretKey(bad);
    ASSERT_FALSE(key.ok()) << bad;
    EXPECT_EQ(key.error().message.find(bad[0] ? bad : "\x01"), std::string::npos) << "the key is never echoed";
  }
  EXPECT_FALSE(services::ParseSecretKey(services::Base64Encode(std::string(31, 'k'))).ok());
}

TEST(SecretBoxTest, SealsAndOpensOnlyWithTheSameKeyAndContext) {
  const services::SecretKey key = Key('a');
  auto sealed = services::SealSecret(key, "EAAG-token-value", "UK_BUTCHER/whatsapp.access_token");
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE(sealed->starts_with("v1:"));
  EXPECT_EQ(sealed->find("EAAG"), std::string::npos);
  auto opened = services::OpenSecret(key, *sealed, "UK_BUTCHER/whatsapp.access_token");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "EAAG-token-value");

  EXPECT_FALSE(services::OpenSecret(Key('b'), *sealed, "UK_BUTCHER/whatsapp.access_token").ok());
  EXPECT_FALSE(services::OpenSecret(key, *sealed, "US_BIKES/whatsapp.access_token").ok());
  std::string altered = *sealed;
  altered[10] = altered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(services::OpenSecret(key, altered, "UK_BUTCHER/whatsapp.access_token").ok());
  EXPECT_FALSE(services::OpenSecret(key, "v1:", "UK_BUTCHER/whatsapp.access_token").ok());
  EXPECT_FALSE(services::OpenSecret(key, "garbage", "UK_BUTCHER/whatsapp.access_token").ok());
}

TEST(SecretBoxTest, EverySealUsesAFreshNonce) {
  const services::SecretKey key = Key('c');
  auto a = services::SealSecret(key, "same", "ctx");
  auto b = services::SealSecret(key, "same", "ctx");
  EXPECT_NE(*a, *b);
  EXPECT_EQ(*services::OpenSecret(key, *b, "ctx"), "same");
}

TEST(SecretBoxTest, Base64RoundTripsAndRefusesNonCanonicalText) {
  for (std::string s :
       {std::string(), std::string("f"), std::string("fo"), std::string("foo"), std::string("\0\xff\x10", 3)}) {
    auto back = services::Base64Decode(services::Base64Encode(s));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(services::Base64Encode("foob"), "Zm9vYg==");
  EXPECT_FALSE(services::Base64Decode("Zm9vYg=").has_value());
  EXPECT_FALSE(services::Base64Decode("Zm9v Yg==").has_value());
  EXPECT_FALSE(services::Base64Decode("Zm9vYh==").has_value());
}

}  // namespace
