#include "services/secrets/secret_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "fakes/fake_clock.h"
#include "support/temp_dir.h"

namespace {

using testing_support::ReadText;
using testing_support::TempDir;

core::TenantKey Tenant(const char* key) { return *core::TenantKey::Parse(key); }

services::SecretKey Key(char fill) { return *services::ParseSecretKey(std::string(64, fill)); }

class SecretStoreTest : public ::testing::Test {
 protected:
  services::FileSecretStore Store(std::optional<services::SecretKey> key) {
    return services::FileSecretStore({dir_.path() / "secrets", key, &clock_});
  }
  TempDir dir_;
  fakes::FakeClock clock_;
};

TEST_F(SecretStoreTest, EncryptedValuesNeverAppearInTheFileAndTheFileIsPrivate) {
  auto store = Store(Key('a'));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "s3cr3t-app-value").ok());
  const auto file = dir_.path() / "secrets" / "UK_BUTCHER.json";
  EXPECT_EQ(ReadText(file).find("s3cr3t-app-value"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_.path() / "secrets").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(**store.GetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret"), "s3cr3t-app-value");
}

TEST_F(SecretStoreTest, ListsNamesAndTimesNeverValues) {
  auto store = Store(Key('a'));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", "tok-1").ok());
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.verify_token", "verify-me").ok());
  auto list = store.ListSecrets(Tenant("UK_BUTCHER"));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "twilio.auth_token");
  EXPECT_EQ((*list)[1].name, "whatsapp.verify_token");
  EXPECT_EQ((*list)[1].set_at - (*list)[0].set_at, std::chrono::minutes(5));
  EXPECT_TRUE((*list)[0].encrypted);
  EXPECT_TRUE(store.ListSecrets(Tenant("US_BIKES"))->empty());
  EXPECT_FALSE(store.GetSecret(Tenant("US_BIKES"), "twilio.auth_token")->has_value());
}

TEST_F(SecretStoreTest, RefusesUnknownNamesAndBadSizes) {
  auto store = Store(Key('a'));
  EXPECT_EQ(store.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.password", "x").error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", "").ok());
  EXPECT_FALSE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", std::string(4097, 'x')).ok());
  EXPECT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", std::string(4096, 'x')).ok());
}

TEST_F(SecretStoreTest, ReplacesAndDeletes) {
  auto store = Store(Key('a'));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", "old").ok());
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", "new").ok());
  EXPECT_EQ(**store.GetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token"), "new");
  ASSERT_TRUE(store.DeleteSecret(Tenant("UK_BUTCHER"), "twilio.auth_token").ok());
  EXPECT_FALSE(store.GetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token")->has_value());
  EXPECT_TRUE(store.DeleteSecret(Tenant("UK_BUTCHER"), "twilio.auth_token").ok());
}

TEST_F(SecretStoreTest, AnotherWriterIsSeenAtOnce) {
  auto server = Store(Key('a'));
  auto cli = Store(Key('a'));
  ASSERT_TRUE(cli.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.access_token", "first").ok());
  EXPECT_EQ(**server.GetSecret(Tenant("UK_BUTCHER"), "whatsapp.access_token"), "first");
  ASSERT_TRUE(cli.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.access_token", "second").ok());
  EXPECT_EQ(**server.GetSecret(Tenant("UK_BUTCHER"), "whatsapp.access_token"), "second");
}

TEST_F(SecretStoreTest, WithoutAKeyValuesAreStoredPlainAndStillReadableOnceAKeyIsSet) {
  auto plain = Store(std::nullopt);
  ASSERT_TRUE(plain.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "app").ok());
  EXPECT_FALSE(plain.ListSecrets(Tenant("UK_BUTCHER"))->front().encrypted);
  auto keyed = Store(Key('a'));
  EXPECT_EQ(**keyed.GetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret"), "app");
  ASSERT_TRUE(keyed.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "app").ok());
  EXPECT_TRUE(keyed.ListSecrets(Tenant("UK_BUTCHER"))->front().encrypted);
}

TEST_F(SecretStoreTest, SealedValuesNeedTheRightKey) {
  ASSERT_TRUE(Store(Key('a')).SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "app").ok());
  auto none = Store(std::nullopt).GetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(none.error().message.find("SECRETS_KEY"), std::string::npos);
  EXPECT_FALSE(Store(Key('b')).GetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret").ok());
}

TEST_F(SecretStoreTest, AValueMovedToAnotherTenantDoesNotOpen) {
  auto store = Store(Key('a'));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "app").ok());
  std::string text = ReadText(dir_.path() / "secrets" / "UK_BUTCHER.json");
  testing_support::WriteText(dir_.path() / "secrets" / "US_BIKES.json", text);
  EXPECT_FALSE(store.GetSecret(Tenant("US_BIKES"), "whatsapp.app_secret").ok());
}

TEST_F(SecretStoreTest, ADamagedFileIsAnErrorNotAnEmptyStore) {
  auto store = Store(Key('a'));
  ASSERT_TRUE(store.SetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret", "app").ok());
  testing_support::WriteText(dir_.path() / "secrets" / "UK_BUTCHER.json", "{not json");
  auto got = store.GetSecret(Tenant("UK_BUTCHER"), "whatsapp.app_secret");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, core::ErrorCode::kUnavailable);
  EXPECT_FALSE(store.SetSecret(Tenant("UK_BUTCHER"), "twilio.auth_token", "x").ok());
}

}  // namespace
