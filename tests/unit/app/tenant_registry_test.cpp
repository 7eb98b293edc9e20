#include "app/tenant_registry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "fakes/fake_clock.h"
#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using testing_support::SourceDir;
using testing_support::TempDir;

class TenantRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schemas_ = *retrieval::SchemaValidator::Load(SourceDir() / "schemas");
    repo_ = std::make_unique<retrieval::TenantRepository>(retrieval::StorageOptions{
        dir_ / "business", dir_ / "data", schemas_, &fs_, &clock_, nullptr});
    registry_ = std::make_unique<app::TenantRegistry>(
        *repo_,
        [this](std::shared_ptr<const retrieval::TenantData> d) {
          return retrieval::BuildTenant(std::move(d), normalizer_, testing_support::SourceLexicon(), dir_ / "index");
        },
        std::chrono::milliseconds(0), [this](const std::string& m) { warnings_.push_back(m); });
  }
  static core::TenantKey Key(const std::string& k) { return core::TenantKey::Parse(k).value(); }
  static double Price(const retrieval::Tenant& t) {
    return t.data->File("catalog.json")["products"][0]["price"].get<double>();
  }

  TempDir dir_;
  fakes::FakeClock clock_;
  retrieval::PosixFileSystem fs_;
  retrieval::TextNormalizer normalizer_;
  std::shared_ptr<const retrieval::SchemaValidator> schemas_;
  std::unique_ptr<retrieval::TenantRepository> repo_;
  std::unique_ptr<app::TenantRegistry> registry_;
  std::vector<std::string> warnings_;
};

TEST_F(TenantRegistryTest, LoadsOnlyWhatIsAskedFor) {
  for (int i = 0; i < 1000; ++i) {
    testing_support::WriteMinimalTenant(dir_ / "business" / ("T" + std::to_string(i)));
  }
  EXPECT_EQ(registry_->LoadedCount(), 0u);
  auto t = registry_->Get(Key("T417"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ((*t)->key().str(), "T417");
  EXPECT_EQ((*t)->profile.name, "Test Shop");
  EXPECT_EQ(registry_->LoadedCount(), 1u);
  EXPECT_EQ(registry_->Get(Key("T417"))->get(), t->get()) << "cached, not rebuilt";
  EXPECT_FALSE(std::filesystem::exists(dir_ / "data/tenants/T0")) << "other tenants were not touched";
}

TEST_F(TenantRegistryTest, UnknownTenantsAreNotCached) {
  auto t = registry_->Get(Key("GHOST"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, core::ErrorCode::kUnknownTenant);
  EXPECT_EQ(registry_->LoadedCount(), 0u);
}

TEST_F(TenantRegistryTest, NewVersionIsPickedUpWhileOldSnapshotStaysValid) {
  testing_support::WriteMinimalTenant(dir_ / "business/SHOP", 1.0);
  auto v1 = registry_->Get(Key("SHOP"));
  ASSERT_TRUE(v1.ok());
  ASSERT_TRUE(repo_->ReplaceFile(Key("SHOP"), "catalog.json", testing_support::MinimalCatalog(2.0).dump(),
                                 {"t", "api", ""}).ok());
  auto v2 = registry_->Get(Key("SHOP"));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ((*v2)->version(), 2);
  EXPECT_EQ(Price(**v2), 2.0);
  // A reader that started on version 1 still sees version 1, intact.
  EXPECT_EQ((*v1)->version(), 1);
  EXPECT_EQ(Price(**v1), 1.0);
}

TEST_F(TenantRegistryTest, BrokenReloadKeepsServingPreviousVersion) {
  testing_support::WriteMinimalTenant(dir_ / "business/SHOP", 1.0);
  ASSERT_TRUE(registry_->Get(Key("SHOP")).ok());
  // Damage the stored version behind the registry's back.
  testing_support::WriteText(dir_ / "data/tenants/SHOP/versions/v000001/catalog.json", "{\"broken");
  testing_support::WriteText(dir_ / "data/tenants/SHOP/CURRENT", "1\n\n");
  auto t = registry_->Get(Key("SHOP"));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Price(**t), 1.0);
  ASSERT_FALSE(warnings_.empty());
  EXPECT_NE(warnings_.back().find("keeping version 1"), std::string::npos);
}

TEST_F(TenantRegistryTest, ConcurrentReadersDuringPublishesSeeConsistentVersions) {
  testing_support::WriteMinimalTenant(dir_ / "business/SHOP", 1.0);
  ASSERT_TRUE(registry_->Get(Key("SHOP")).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistent{0}, reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        auto t = registry_->Get(Key("SHOP"));
        if (!t.ok() || Price(**t) != static_cast<double>((*t)->version())) ++inconsistent;
        ++reads;
      }
    });
  }
  for (int v = 2; v <= 8; ++v) {
    ASSERT_TRUE(repo_->ReplaceFile(Key("SHOP"), "catalog.json", testing_support::MinimalCatalog(v).dump(),
                                   {"t", "api", ""}).ok());
  }
  while (reads < 200) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_EQ((*registry_->Get(Key("SHOP")))->version(), 8);
}

}  // namespace
