#include "retrieval/tenant_validation.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using nlohmann::json;
using retrieval::FileTexts;
using testing_support::MinimalTenantTexts;
using testing_support::SourceDir;

class TenantValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    schemas_ = *loaded;
  }
  core::Error Reject(const FileTexts& texts) {
    auto r = retrieval::ValidateTenantFiles(*schemas_, texts);
    EXPECT_FALSE(r.ok());
    return r.ok() ? core::Error{} : r.error();
  }
  static bool HasDetail(const core::Error& e, const std::string& file, const std::string& pointer,
                        const std::string& fragment) {
    for (const auto& d : e.details) {
      if (d.file == file && d.pointer == pointer && d.message.find(fragment) != std::string::npos) return true;
    }
    return false;
  }
  std::shared_ptr<const retrieval::SchemaValidator> schemas_;
};

TEST_F(TenantValidationTest, DemoTenantsAreValid) {
  retrieval::PosixFileSystem fs;
  for (const char* key : {"UK_BUTCHER", "US_BIKES"}) {
    auto texts = retrieval::ReadTenantDir(fs, SourceDir() / "business" / key);
    ASSERT_TRUE(texts.ok()) << key;
    auto docs = retrieval::ValidateTenantFiles(*schemas_, *texts);
    ASSERT_TRUE(docs.ok()) << key << "\n" << retrieval::FormatDetails(docs.error().details);
    EXPECT_GE((*docs)["catalog.json"]["products"].size(), 40u) << key;
    EXPECT_EQ(docs->size(), retrieval::kTenantFiles.size()) << key << " should use every tenant file";
  }
}

TEST_F(TenantValidationTest, ReportsEverySchemaViolationWithPointer) {
  FileTexts texts = MinimalTenantTexts();
  json catalog = json::parse(texts["catalog.json"]);
  catalog["products"][0]["price"] = -1;
  catalog["products"][1]["prcie"] = 3;
  catalog["products"][1].erase("sku");
  texts["catalog.json"] = catalog.dump();
  json info = json::parse(texts["store_info.json"]);
  info["currency"] = "DOGE";
  texts["store_info.json"] = info.dump();

  core::Error e = Reject(texts);
  EXPECT_EQ(e.code, core::ErrorCode::kSchemaInvalid);
  EXPECT_TRUE(HasDetail(e, "catalog.json", "/products/0/price", "greater than or equal to 0"));
  EXPECT_TRUE(HasDetail(e, "catalog.json", "/products/1", "prcie"));
  EXPECT_TRUE(HasDetail(e, "catalog.json", "/products/1", "Missing required property 'sku'"));
  EXPECT_TRUE(HasDetail(e, "store_info.json", "/currency", ""));
}

TEST_F(TenantValidationTest, TruncatedFileIsReportedWithPosition) {
  FileTexts texts = MinimalTenantTexts();
  texts["catalog.json"] = texts["catalog.json"].substr(0, texts["catalog.json"].size() / 2);
  core::Error e = Reject(texts);
  EXPECT_EQ(e.code, core::ErrorCode::kInvalidJson);
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].file, "catalog.json");
  EXPECT_NE(e.details[0].message.find("line"), std::string::npos) << e.details[0].message;
}

TEST_F(TenantValidationTest, DeeplyNestedFileIsRefusedBeforeParsing) {
  FileTexts texts = MinimalTenantTexts();
  const int n = 100000;
  texts["faq.json"] = std::string(n, '[') + std::string(n, ']');
  core::Error e = Reject(texts);
  EXPECT_EQ(e.code, core::ErrorCode::kInvalidJson);
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].file, "faq.json");
  EXPECT_NE(e.details[0].message.find("nested"), std::string::npos) << e.details[0].message;
}

TEST_F(TenantValidationTest, MissingRequiredAndUnknownFilesAreReported) {
  FileTexts texts = MinimalTenantTexts();
  texts.erase("catalog.json");
  texts["catalogue.json"] = "{}";
  core::Error e = Reject(texts);
  EXPECT_TRUE(HasDetail(e, "catalog.json", "", "required file is missing"));
  EXPECT_TRUE(HasDetail(e, "catalogue.json", "", "unknown tenant file"));
}

TEST_F(TenantValidationTest, CrossFileReferencesMustResolve) {
  FileTexts texts = MinimalTenantTexts();
  json catalog = json::parse(texts["catalog.json"]);
  catalog["products"][1]["sku"] = "BR-1";         // duplicate SKU
  catalog["products"][0]["category"] = "cakes";   // unknown category
  texts["catalog.json"] = catalog.dump();
  json delivery = json::parse(texts["delivery.json"]);
  delivery["zones"][0]["branch"] = "nowhere";
  texts["delivery.json"] = delivery.dump();
  json branches = json::parse(texts["branches.json"]);
  branches["branches"][0]["hours"]["mon"] = {{{"open", "18:00"}, {"close", "09:00"}}};
  texts["branches.json"] = branches.dump();

  core::Error e = Reject(texts);
  EXPECT_TRUE(HasDetail(e, "catalog.json", "/products/1/sku", "duplicate SKU 'BR-1'"));
  EXPECT_TRUE(HasDetail(e, "catalog.json", "/products/0/category", "unknown category 'cakes'"));
  EXPECT_TRUE(HasDetail(e, "delivery.json", "/zones/0/branch", "unknown branch 'nowhere'"));
  EXPECT_TRUE(HasDetail(e, "branches.json", "/branches/0/hours/mon/0", "closing time must be after opening time"));
}

TEST(ContextToPointerTest, ConvertsValijsonContext) {
  EXPECT_EQ(retrieval::ContextToPointer({"<root>"}), "");
  EXPECT_EQ(retrieval::ContextToPointer({"<root>", "[products]", "[3]", "[price]"}), "/products/3/price");
  EXPECT_EQ(retrieval::ContextToPointer({"<root>", "[a/b]", "[c~d]"}), "/a~1b/c~0d");
}

}  // namespace
