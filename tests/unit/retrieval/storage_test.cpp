#include "retrieval/storage.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fakes/fake_clock.h"
#include "fakes/fault_file_system.h"
#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing_support::ReadText;
using testing_support::SourceDir;
using testing_support::TempDir;
using testing_support::WriteMinimalTenant;
using testing_support::WriteText;

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
    ASSERT_TRUE(loaded.ok());
    schemas_ = *loaded;
    WriteMinimalTenant(dir_ / "business" / "SHOP", 2.5);
    repo_ = MakeRepo(&real_fs_);
  }

  std::unique_ptr<retrieval::TenantRepository> MakeRepo(retrieval::FileSystem* fs) {
    return std::make_unique<retrieval::TenantRepository>(retrieval::StorageOptions{
        dir_ / "business", dir_ / "data", schemas_, fs, &clock_,
        [this](const std::string& msg) { warnings_.push_back(msg); }});
  }

  static double FirstPrice(const retrieval::TenantData& data) {
    return data.File("catalog.json")["products"][0]["price"].get<double>();
  }

  static std::string CatalogWithPrice(double price) { return testing_support::MinimalCatalog(price).dump(); }

  core::TenantKey key_ = core::TenantKey::Parse("SHOP").value();
  TempDir dir_;
  fakes::FakeClock clock_;
  retrieval::PosixFileSystem real_fs_;
  std::shared_ptr<const retrieval::SchemaValidator> schemas_;
  std::unique_ptr<retrieval::TenantRepository> repo_;
  std::vector<std::string> warnings_;
};

TEST_F(StorageTest, FirstLoadImportsAuthoringFolderAsVersionOne) {
  auto data = repo_->Load(key_);
  ASSERT_TRUE(data.ok()) << data.error().message;
  EXPECT_EQ((*data)->version, 1);
  EXPECT_EQ(FirstPrice(**data), 2.5);
  EXPECT_TRUE(fs::exists(dir_ / "data/tenants/SHOP/versions/v000001/catalog.json"));
  EXPECT_EQ(ReadText(dir_ / "data/tenants/SHOP/CURRENT"), "1\n");
  auto again = repo_->Load(key_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->version, 1) << "an unchanged folder must not create versions";
}

TEST_F(StorageTest, UnknownTenantIsNotFound) {
  auto data = repo_->Load(core::TenantKey::Parse("NOPE").value());
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, core::ErrorCode::kUnknownTenant);
  EXPECT_FALSE(fs::exists(dir_ / "data/tenants/NOPE"));
}

TEST_F(StorageTest, InvalidWriteIsRejectedAndChangesNothing) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  std::string before = ReadText(dir_ / "data/tenants/SHOP/versions/v000001/catalog.json");
  for (std::string bad : {std::string("{\"categories\": [], \"products\": [{\"sku\": 1}]}"), std::string("{\"cat"),
                          std::string("[]")}) {
    auto r = repo_->ReplaceFile(key_, "catalog.json", bad, {"t", "api", ""});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.error().code == core::ErrorCode::kSchemaInvalid || r.error().code == core::ErrorCode::kInvalidJson);
    EXPECT_FALSE(r.error().details.empty());
  }
  EXPECT_FALSE(fs::exists(dir_ / "data/tenants/SHOP/versions/v000002"));
  EXPECT_EQ(ReadText(dir_ / "data/tenants/SHOP/CURRENT"), "1\n");
  EXPECT_EQ(ReadText(dir_ / "data/tenants/SHOP/versions/v000001/catalog.json"), before);
  auto unknown = repo_->ReplaceFile(key_, "../../etc/passwd", "{}", {"t", "api", ""});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
}

TEST_F(StorageTest, ReplaceListDiffAndRollback) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  clock_.Advance(std::chrono::hours(1));
  auto v2 = repo_->ReplaceFile(key_, "catalog.json", CatalogWithPrice(9.99), {"owner@shop", "api", "price rise"});
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(FirstPrice(**repo_->Load(key_)), 9.99);

  auto versions = repo_->ListVersions(key_);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 2);
  EXPECT_TRUE((*versions)[0].current);
  EXPECT_EQ((*versions)[0].author, "owner@shop");
  EXPECT_EQ((*versions)[1].source, "seed");
  EXPECT_NE((*versions)[0].created_at, (*versions)[1].created_at);

  auto diff = repo_->Diff(key_, 1, 2);
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->files.size(), 1u);
  EXPECT_EQ(diff->files[0].file, "catalog.json");
  EXPECT_EQ(diff->files[0].change, "changed");
  ASSERT_FALSE(diff->files[0].paths.empty());
  EXPECT_EQ(diff->files[0].paths[0], "replace /products/0/price");

  auto v3 = repo_->Rollback(key_, 1, {"owner@shop", "api", "oops"});
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->version, 3);
  EXPECT_EQ(v3->source, "rollback");
  auto data = repo_->Load(key_);
  EXPECT_EQ((*data)->version, 3);
  EXPECT_EQ(FirstPrice(**data), 2.5);
  EXPECT_TRUE(repo_->Diff(key_, 1, 3)->files.empty());
  auto missing = repo_->Rollback(key_, 42, {"x", "api", ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST_F(StorageTest, EditedAuthoringFolderBecomesNewVersion) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // distinct mtime even with coarse timestamps
  WriteText(dir_ / "business/SHOP/catalog.json", CatalogWithPrice(4.0));
  std::string token = repo_->ChangeToken(key_);
  auto data = repo_->Load(key_);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ((*data)->version, 2);
  EXPECT_EQ(FirstPrice(**data), 4.0);
  EXPECT_NE(repo_->ChangeToken(key_), token);
}

TEST_F(StorageTest, BrokenAuthoringEditKeepsServingAndWarns) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  std::string text = CatalogWithPrice(4.0);
  WriteText(dir_ / "business/SHOP/catalog.json", text.substr(0, text.size() - 7));  // truncated
  auto data = repo_->Load(key_);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ((*data)->version, 1);
  EXPECT_EQ(FirstPrice(**data), 2.5);
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("catalog.json"), std::string::npos);
  EXPECT_NE(warnings_[0].find("invalid JSON"), std::string::npos);
  ASSERT_TRUE(repo_->Load(key_).ok());
  EXPECT_EQ(warnings_.size(), 1u) << "the same broken edit is reported once";
}

TEST_F(StorageTest, NewTenantWithBrokenFolderFailsWithDetails) {
  WriteText(dir_ / "business/BROKEN/store_info.json", "{}");
  auto data = repo_->Load(core::TenantKey::Parse("BROKEN").value());
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, core::ErrorCode::kSchemaInvalid);
  EXPECT_FALSE(data.error().details.empty());
}

TEST_F(StorageTest, FailedWriteAtAnyStepLeavesPreviousVersionCurrent) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  fakes::FaultFileSystem counting;
  auto probe = MakeRepo(&counting);
  ASSERT_TRUE(probe->ReplaceFile(key_, "catalog.json", CatalogWithPrice(3.0), {"t", "api", ""}).ok());
  int steps = counting.mutations();
  ASSERT_GT(steps, 5);
  int version = 2;
  double price = 3.0;
  for (int k = 0; k < steps; ++k) {
    fakes::FaultFileSystem faulty;
    faulty.Arm(fakes::FaultFileSystem::Fault::kError, k);
    auto repo = MakeRepo(&faulty);
    auto r = repo->ReplaceFile(key_, "catalog.json", CatalogWithPrice(100.0 + k), {"t", "api", ""});
    EXPECT_FALSE(r.ok()) << "step " << k;
    auto data = repo_->Load(key_);
    ASSERT_TRUE(data.ok()) << "step " << k << ": " << data.error().message;
    // Either nothing happened, or (fault after CURRENT was replaced) the new
    // version is active as a whole; never a mix.
    if ((*data)->version != version) {
      version = (*data)->version;
      price = 100.0 + k;
    }
    EXPECT_EQ(FirstPrice(**data), price) << "step " << k;
  }
  auto after = repo_->ReplaceFile(key_, "catalog.json", CatalogWithPrice(7.0), {"t", "api", ""});
  ASSERT_TRUE(after.ok()) << "debris of failed writes must not block the next one";
  EXPECT_EQ(FirstPrice(**repo_->Load(key_)), 7.0);
}

// kill -9 during a version write: a child process publishes with a file
// system that SIGKILLs the process at step k (mid-write for file writes).
// Whatever k is, the parent must find a complete, loadable version whose
// content matches its number.
TEST_F(StorageTest, KillNineDuringWriteLeavesALoadableVersion) {
  ASSERT_TRUE(repo_->Load(key_).ok());
  fakes::FaultFileSystem counting;
  auto probe = MakeRepo(&counting);
  ASSERT_TRUE(probe->ReplaceFile(key_, "catalog.json", CatalogWithPrice(3.0), {"t", "api", ""}).ok());
  int steps = counting.mutations();
  int expected_version = 2;
  double expected_price = 3.0;
  for (int k = 0; k <= steps; ++k) {
    double new_price = 200.0 + k;
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      fakes::FaultFileSystem dying;
      dying.Arm(fakes::FaultFileSystem::Fault::kSigkill, k);
      auto repo = MakeRepo(&dying);
      auto r = repo->ReplaceFile(key_, "catalog.json", CatalogWithPrice(new_price), {"t", "api", ""});
      ::_exit(r.ok() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (k < steps) {
      EXPECT_TRUE(killed) << "step " << k;
    }

    auto fresh = MakeRepo(&real_fs_);
    auto data = fresh->Load(key_);
    ASSERT_TRUE(data.ok()) << "step " << k << ": " << data.error().message;
    if ((*data)->version != expected_version) {
      expected_version = (*data)->version;
      expected_price = new_price;
    }
    EXPECT_EQ(FirstPrice(**data), expected_price) << "step " << k << " version " << (*data)->version;
  }
  EXPECT_GT(expected_version, 2) << "the last run (no kill) must have published";
}

}  // namespace
