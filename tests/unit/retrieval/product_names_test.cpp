#include "retrieval/product_names.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using retrieval::ProductNames;
using retrieval::TypoIndex;
using testing_support::TempDir;

std::vector<std::string> Words(const std::vector<const std::string*>& ids) {
  std::vector<std::string> out;
  for (const auto* id : ids) out.push_back(*id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ProductNamesTest, SingularForms) {
  EXPECT_EQ(retrieval::Singular("chops"), "chop");
  EXPECT_EQ(retrieval::Singular("berries"), "berry");
  EXPECT_EQ(retrieval::Singular("glass"), "glass");
  EXPECT_EQ(retrieval::Singular("gas"), "gas");
  EXPECT_EQ(retrieval::Singular("lamb"), "lamb");
}

TEST(ProductNamesTest, CloseWordsAllowOneTypoInLongerWordsOnly) {
  EXPECT_TRUE(retrieval::CloseWords("helmets", "helmet"));
  EXPECT_TRUE(retrieval::CloseWords("helmit", "helmet"));
  EXPECT_TRUE(retrieval::CloseWords("chopz", "chops"));
  EXPECT_FALSE(retrieval::CloseWords("leg", "peg"));           // short words: no typos
  EXPECT_FALSE(retrieval::CloseWords("shoulda", "shoulder"));  // two edits
  EXPECT_FALSE(retrieval::CloseWords("", "a"));
}

TEST(ProductNamesTest, TypoIndexFindsWordsOneEditAway) {
  TypoIndex index;
  for (const char* w : {"helmet", "chop", "lamb", "mince", "leg"}) index.Add(w);
  std::vector<const std::string*> found;
  index.Close("helmit", found);  // substitution
  EXPECT_EQ(Words(found), std::vector<std::string>{"helmet"});
  found.clear();
  index.Close("mnce", found);  // deletion
  EXPECT_EQ(Words(found), std::vector<std::string>{"mince"});
  found.clear();
  index.Close("minced", found);  // insertion
  EXPECT_EQ(Words(found), std::vector<std::string>{"mince"});
  found.clear();
  index.Close("leg", found);  // exact, and no typos for short words
  EXPECT_EQ(Words(found), std::vector<std::string>{"leg"});
  EXPECT_FALSE(index.HasClose("peg"));
  EXPECT_FALSE(index.HasClose("venison"));
  ASSERT_NE(index.Find("lamb"), nullptr);
  EXPECT_EQ(index.Find("lamb"), index.Find("lamb"));  // a stable id
  EXPECT_EQ(index.Find("lam"), nullptr);
}

class ProductNamesCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto catalog = nlohmann::json::parse(R"J({
      "categories": [{"id": "lamb", "name": "Lamb"}, {"id": "eggs", "name": "Dairy & Eggs"}],
      "products": [
        {"sku": "L-1", "name": "Lamb Chops (approx 8-10 chops per kg)", "category": "lamb", "price": 15.99,
         "unit": "kg", "stock": 5, "tags": ["bbq"]},
        {"sku": "L-2", "name": "Lamb Shoulder", "category": "lamb", "price": 12.0, "unit": "kg", "stock": 5},
        {"sku": "E-1", "name": "Free-Range Eggs", "category": "eggs", "price": 3.99, "unit": "dozen", "stock": 5}
      ]})J");
    auto store = retrieval::CatalogStore::Build(catalog, nlohmann::json(), "GBP", dir_ / "index", normalizer_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    catalog_ = std::move(store).value();
    names_ = ProductNames(*catalog_, normalizer_, *testing_support::SourceLexicon());
  }

  std::vector<std::string> Called(std::string_view word) {
    std::vector<uint32_t> indexes;
    names_.ProductsCalled(names_.Forms(word), indexes);
    std::vector<std::string> skus;
    for (uint32_t i : indexes) skus.push_back(catalog_->products()[i].sku);
    std::sort(skus.begin(), skus.end());
    return skus;
  }

  TempDir dir_;
  retrieval::TextNormalizer normalizer_;
  std::unique_ptr<retrieval::CatalogStore> catalog_;
  ProductNames names_;
};

TEST_F(ProductNamesCatalogTest, FindsProductsByTheirOwnWordsInAnyForm) {
  EXPECT_EQ(Called("lamb"), (std::vector<std::string>{"L-1", "L-2"}));
  EXPECT_EQ(Called("chop"), std::vector<std::string>{"L-1"});
  EXPECT_EQ(Called("shouldr"), std::vector<std::string>{"L-2"});  // one typo
  EXPECT_EQ(Called("bbq"), std::vector<std::string>{"L-1"});      // a tag
  EXPECT_EQ(Called("dairy"), std::vector<std::string>{"E-1"});    // the category
  EXPECT_TRUE(Called("venison").empty());
}

TEST_F(ProductNamesCatalogTest, RareWordsWeighMoreAndUnknownWordsLittle) {
  EXPECT_GT(names_.Weight("shoulder"), names_.Weight("lamb"));
  EXPECT_DOUBLE_EQ(names_.Weight("venison"), 1.0);
  EXPECT_DOUBLE_EQ(names_.Weight("chops"), names_.Weight("chop"));
}

TEST_F(ProductNamesCatalogTest, KnowsWordPairsOfNamesAndTheNamesCoreWords) {
  EXPECT_TRUE(names_.IsNameBigram("free", "range"));
  EXPECT_TRUE(names_.IsNameBigram("range", "eggs"));
  EXPECT_FALSE(names_.IsNameBigram("frozen", "range"));
  const auto& chops = names_.Of(catalog_->products()[0]);
  // "Lamb Chops (approx 8-10 chops per kg)": the core is "lamb chop".
  EXPECT_EQ(Words(chops.core_content), (std::vector<std::string>{"chop", "lamb"}));
  // Grammar words ("per", "kg") never count as name words.
  auto name = Words(chops.name_content);
  EXPECT_EQ(std::count(name.begin(), name.end(), "per"), 0);
  EXPECT_EQ(std::count(name.begin(), name.end(), "approx"), 1);
}

}  // namespace
