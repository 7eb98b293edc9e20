#include "services/owner/tenant_data_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"
#include "support/temp_dir.h"
#include "support/tenant_fixture.h"
#include "support/tenants.h"

namespace {

using testing_support::SourceDir;
using testing_support::TempDir;

class TenantDataServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_support::WriteMinimalTenant(dir_ / "business/SHOP");
    data_ = std::make_unique<services::TenantDataService>(tenants_.repository(), tenants_.tenants(),
                                                          services::TenantDataAudit{&db_.audit(), &clock_, nullptr});
    ASSERT_TRUE(tenants_.Get("SHOP"));
  }

  nlohmann::json Product(const std::string& sku) {
    auto text = data_->ReadFile(key_, "catalog.json");
    auto catalog = nlohmann::json::parse(text->text);
    for (const auto& p : catalog["products"]) {
      if (p["sku"] == sku) return p;
    }
    return nullptr;
  }
  int CurrentVersion() { return tenants_.Get("SHOP")->version(); }

  TempDir dir_;
  fakes::FakeClock clock_;
  testing_support::TenantsFixture tenants_{
      {.business_dir = dir_ / "business", .reload_interval = std::chrono::milliseconds(0), .clock = &clock_}};
  fakes::InMemoryDatabase db_;
  std::unique_ptr<services::TenantDataService> data_;
  core::TenantKey key_ = core::TenantKey::Parse("SHOP").value();
};

TEST_F(TenantDataServiceTest, PatchProductPublishesANewVersionAndAudits) {
  auto info = data_->PatchProduct(key_, "BR-2", {.price = 3.25, .stock = 7}, "owner@shop.test");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->version, 2);
  EXPECT_EQ(info->author, "owner@shop.test");
  EXPECT_EQ(Product("BR-2")["price"], 3.25);
  EXPECT_EQ(Product("BR-2")["stock"], 7);
  EXPECT_EQ(Product("BR-1")["price"], 2.5) << "other products untouched";
  EXPECT_EQ(CurrentVersion(), 2) << "the running tenant switched";

  auto audit = data_->Audit(key_, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "product.patch");
  EXPECT_EQ((*audit)[0].target, "BR-2");
  EXPECT_EQ((*audit)[0].user, "owner@shop.test");
  auto detail = nlohmann::json::parse((*audit)[0].detail);
  EXPECT_EQ(detail["before"]["price"], 3.0);
  EXPECT_EQ(detail["after"]["stock"], 7);
}

TEST_F(TenantDataServiceTest, InvalidPatchIsRejectedWithPointerAndChangesNothing) {
  auto info = data_->PatchProduct(key_, "BR-1", {.price = -1.0, .stock = std::nullopt}, "owner@shop.test");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, core::ErrorCode::kSchemaInvalid);
  ASSERT_FALSE(info.error().details.empty());
  EXPECT_EQ(info.error().details[0].file, "catalog.json");
  EXPECT_EQ(info.error().details[0].pointer, "/products/0/price");
  EXPECT_EQ(CurrentVersion(), 1);
  EXPECT_TRUE(data_->Audit(key_, 10)->empty());

  EXPECT_EQ(data_->PatchProduct(key_, "NOPE", {.price = std::nullopt, .stock = 1}, "o").error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(data_->PatchProduct(key_, "BR-1", {}, "o").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(CurrentVersion(), 1);
}

TEST_F(TenantDataServiceTest, ReplaceAndRollbackAreAuditedInOrder) {
  auto catalog = testing_support::MinimalCatalog(9.0).dump();
  ASSERT_TRUE(data_->ReplaceFile(key_, "catalog.json", catalog, "a@shop.test").ok());
  clock_.Advance(std::chrono::seconds(5));
  auto back = data_->Rollback(key_, 1, "b@shop.test");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->version, 3);
  EXPECT_EQ(Product("BR-1")["price"], 2.5);
  auto audit = *data_->Audit(key_, 10);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "version.rollback") << "newest first";
  EXPECT_EQ(audit[0].user, "b@shop.test");
  EXPECT_EQ(audit[1].action, "file.replace");
  EXPECT_EQ(audit[1].target, "catalog.json");
}

}  // namespace

namespace {

// Issue 10 item 7: a catalog upload racing product patches. Each patch reads
// the catalog and writes it back; done outside the lock, a patch published
// after the upload used to put the old prices back.
TEST_F(TenantDataServiceTest, APatchRacingAnUploadNeverUndoesIt) {
  for (int round = 0; round < 20; ++round) {
    auto catalog = nlohmann::json::parse(data_->ReadFile(key_, "catalog.json")->text);
    const double uploaded_price = 10.0 + round;
    for (auto& p : catalog["products"]) p["price"] = uploaded_price;
    std::thread upload([&] { EXPECT_TRUE(data_->ReplaceFile(key_, "catalog.json", catalog.dump(), "a@x.test").ok()); });
    std::thread patch([&] { EXPECT_TRUE(data_->PatchProduct(key_, "BR-2", {.stock = round}, "b@x.test").ok()); });
    upload.join();
    patch.join();
    EXPECT_EQ(Product("BR-1")["price"], uploaded_price) << "round " << round << ": the upload was undone";
    EXPECT_EQ(Product("BR-2")["price"], uploaded_price) << "round " << round;
  }
}

TEST_F(TenantDataServiceTest, AWriteOnAStaleVersionIsRefused) {
  auto read = data_->ReadFile(key_, "catalog.json");
  ASSERT_TRUE(read.ok());
  const int seen = read->version;
  ASSERT_TRUE(data_->PatchProduct(key_, "BR-1", {.price = 4.0}, "someone@x.test").ok());  // meanwhile
  auto stale = data_->ReplaceFile(key_, "catalog.json", read->text, "me@x.test", seen);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, core::ErrorCode::kPreconditionFailed);
  EXPECT_EQ(Product("BR-1")["price"], 4.0) << "nothing was written";
  auto stale_patch = data_->PatchProduct(key_, "BR-2", {.stock = 1}, "me@x.test", seen);
  EXPECT_EQ(stale_patch.error().code, core::ErrorCode::kPreconditionFailed);
  auto stale_rollback = data_->Rollback(key_, 1, "me@x.test", seen);
  EXPECT_EQ(stale_rollback.error().code, core::ErrorCode::kPreconditionFailed);
  auto fresh = data_->ReplaceFile(key_, "catalog.json", read->text, "me@x.test", CurrentVersion());
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_EQ(fresh->version, seen + 2);
}

}  // namespace
