#include "retrieval/catalog_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using retrieval::CatalogStore;
using retrieval::SearchQuery;
using retrieval::SearchResult;
using testing_support::ReadText;
using testing_support::SourceDir;
using testing_support::TempDir;

std::unique_ptr<CatalogStore> BuildOrDie(const json& catalog, const json& synonyms, const std::string& currency,
                                         const fs::path& dir) {
  auto store = CatalogStore::Build(catalog, synonyms, currency, dir, retrieval::TextNormalizer());
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

std::unique_ptr<CatalogStore> BuildDemo(const std::string& tenant, const std::string& currency,
                                        const fs::path& dir) {
  fs::path folder = SourceDir() / "business" / tenant;
  return BuildOrDie(json::parse(ReadText(folder / "catalog.json")), json::parse(ReadText(folder / "synonyms.json")),
                    currency, dir);
}

SearchQuery Text(std::string text, size_t limit = 5) {
  SearchQuery q;
  q.text = std::move(text);
  q.limit = limit;
  return q;
}

std::vector<std::string> Skus(const SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& hit : result.hits) out.push_back(hit.product->sku);
  return out;
}

std::vector<std::string> Skus(const std::vector<const retrieval::Product*>& products) {
  std::vector<std::string> out;
  for (const auto* p : products) out.push_back(p->sku);
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool HasTag(const retrieval::Product& p, const std::string& tag) {
  return std::find(p.tags.begin(), p.tags.end(), tag) != p.tags.end();
}

// ---------------------------------------------------------------------------
// The demo butcher (UK_BUTCHER), built once for the suite.

class CatalogStoreUkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = BuildDemo("UK_BUTCHER", "GBP", dir_->path() / "index").release();
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  static TempDir* dir_;
  static CatalogStore* store_;
};

TempDir* CatalogStoreUkTest::dir_ = nullptr;
CatalogStore* CatalogStoreUkTest::store_ = nullptr;

TEST_F(CatalogStoreUkTest, ParsesTheDemoCatalog) {
  EXPECT_EQ(store_->products().size(), 80u);
  EXPECT_EQ(store_->categories().size(), 10u);
  EXPECT_EQ(store_->bundles().size(), 3u);
  const auto* chops = store_->FindBySku("LMB-001");
  ASSERT_NE(chops, nullptr);
  EXPECT_EQ(chops->name, "Lamb Chops");
  EXPECT_EQ(chops->category_name, "Lamb");
  EXPECT_EQ(chops->price, core::Money::FromMajor(15.99, "GBP"));
  EXPECT_EQ(chops->price.minor, 1599);
  EXPECT_EQ(chops->unit, "kg");
  EXPECT_EQ(chops->stock, 42);
  ASSERT_EQ(chops->options.size(), 1u);
  EXPECT_EQ(chops->options[0].name, "Style");
  EXPECT_EQ(chops->related, (std::vector<std::string>{"MAR-008", "LMB-007", "GRO-005"}));
}

TEST_F(CatalogStoreUkTest, ExactNameRanksThatProductFirst) {
  auto result = store_->Search(Text("Lamb Chops"));
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].product->sku, "LMB-001");
  EXPECT_DOUBLE_EQ(result.hits[0].score, 1.0);
  EXPECT_TRUE(result.corrected_query.empty());
  for (size_t i = 1; i < result.hits.size(); ++i) {
    EXPECT_LE(result.hits[i].score, result.hits[i - 1].score);
    EXPECT_GT(result.hits[i].score, 0.0);
  }
}

TEST_F(CatalogStoreUkTest, WeakTailHitsAreDropped) {
  // Every lamb product contains "lamb"; only chops should come back.
  auto skus = Skus(store_->Search(Text("lamb chops", 10)));
  EXPECT_TRUE(Contains(skus, "LMB-001"));
  EXPECT_TRUE(Contains(skus, "MAR-008"));
  EXPECT_FALSE(Contains(skus, "LMB-004"));  // Lamb Mince
  EXPECT_FALSE(Contains(skus, "LMB-008"));  // Lamb Shanks
}

TEST_F(CatalogStoreUkTest, StemmingMatchesSingularAndPlural) {
  auto singular = store_->Search(Text("lamb chop"));
  ASSERT_FALSE(singular.hits.empty());
  EXPECT_EQ(singular.hits[0].product->sku, "LMB-001");

  auto sausage = Skus(store_->Search(Text("sausage", 10)));
  for (const auto* sku : {"SAU-003", "SAU-004", "SAU-005", "SAU-006"}) EXPECT_TRUE(Contains(sausage, sku)) << sku;
}

TEST_F(CatalogStoreUkTest, SynonymVariantFindsTheShopsTerm) {
  // synonyms.json: "keema" is a variant of "mince".
  auto keema = store_->Search(Text("keema", 4));
  ASSERT_EQ(keema.hits.size(), 4u);
  for (const auto& hit : keema.hits) EXPECT_NE(hit.product->name.find("Mince"), std::string::npos) << hit.product->name;
  EXPECT_TRUE(keema.corrected_query.empty());

  // "chapatti flour" (variant of "chapati flour") and "roti flour" name no product.
  for (const auto* text : {"roti flour", "chapatti flour"}) {
    auto flour = Skus(store_->Search(Text(text, 2)));
    ASSERT_EQ(flour.size(), 2u) << text;
    EXPECT_TRUE(Contains(flour, "RAF-004")) << text;
    EXPECT_TRUE(Contains(flour, "RAF-005")) << text;
  }
}

TEST_F(CatalogStoreUkTest, MultiWordSynonymRanksTheWholePhraseFirst) {
  auto result = store_->Search(Text("lamb keema"));
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].product->sku, "LMB-004");  // Lamb Mince

  auto beef = store_->Search(Text("ground beef"));
  ASSERT_FALSE(beef.hits.empty());
  EXPECT_EQ(beef.hits[0].product->sku, "BEF-001");  // Beef Mince
}

TEST_F(CatalogStoreUkTest, TypoThatIsAKnownVariantFindsTheProduct) {
  auto top2 = Skus(store_->Search(Text("lamb chopz", 2)));
  EXPECT_TRUE(Contains(top2, "LMB-001"));
}

TEST_F(CatalogStoreUkTest, UnknownWordIsSpellCorrected) {
  auto result = store_->Search(Text("chiken"));
  EXPECT_EQ(result.corrected_query, "chicken");
  ASSERT_FALSE(result.hits.empty());
  for (const auto& hit : result.hits) {
    EXPECT_NE(hit.product->name.find("Chicken"), std::string::npos) << hit.product->name;
  }

  auto mince = store_->Search(Text("keemaa"));
  EXPECT_EQ(mince.corrected_query, "keema");
  ASSERT_FALSE(mince.hits.empty());
  EXPECT_NE(mince.hits[0].product->name.find("Mince"), std::string::npos);
}

TEST_F(CatalogStoreUkTest, KnownWordsAreNotCorrected) {
  auto result = store_->Search(Text("ribeye"));
  EXPECT_TRUE(result.corrected_query.empty());
  EXPECT_EQ(Skus(result), std::vector<std::string>{"BEF-004"});
}

TEST_F(CatalogStoreUkTest, NonsenseFindsNothing) {
  auto result = store_->Search(Text("xqzvw"));
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total_matches, 0u);
}

TEST_F(CatalogStoreUkTest, CategoryFilterRestrictsTextSearch) {
  SearchQuery q = Text("chops", 10);
  q.category = "mutton-goat";
  EXPECT_EQ(Skus(store_->Search(q)), std::vector<std::string>{"MGT-006"});
  q.category = "no-such-category";
  EXPECT_TRUE(store_->Search(q).hits.empty());
}

TEST_F(CatalogStoreUkTest, TagFilterRestrictsTextSearch) {
  SearchQuery q = Text("chicken", 20);
  q.tag = "Gluten-Free";  // normalized like the catalog's tags
  auto result = store_->Search(q);
  ASSERT_FALSE(result.hits.empty());
  for (const auto& hit : result.hits) EXPECT_TRUE(HasTag(*hit.product, "gluten-free")) << hit.product->sku;
  EXPECT_TRUE(Contains(Skus(result), "SAU-006"));
}

TEST_F(CatalogStoreUkTest, PriceFiltersUseMinorUnits) {
  SearchQuery q = Text("chicken", 20);
  q.max_price_minor = 500;
  auto cheap = store_->Search(q);
  ASSERT_FALSE(cheap.hits.empty());
  for (const auto& hit : cheap.hits) EXPECT_LE(hit.product->price.minor, 500) << hit.product->sku;

  q.max_price_minor.reset();
  q.min_price_minor = 800;
  auto dear = store_->Search(q);
  ASSERT_FALSE(dear.hits.empty());
  for (const auto& hit : dear.hits) EXPECT_GE(hit.product->price.minor, 800) << hit.product->sku;

  q.min_price_minor = 499;
  q.max_price_minor = 499;
  auto exact = store_->Search(q);
  EXPECT_TRUE(Contains(Skus(exact), "CHK-006"));  // Drumsticks at £4.99
  for (const auto& hit : exact.hits) EXPECT_EQ(hit.product->price.minor, 499) << hit.product->sku;

  q.min_price_minor = 600;
  q.max_price_minor = 500;
  EXPECT_TRUE(store_->Search(q).hits.empty());
}

TEST_F(CatalogStoreUkTest, InStockOnlyHidesSoldOutProducts) {
  auto all = Skus(store_->Search(Text("ribeye steak")));
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0], "BEF-004");  // stock 0

  SearchQuery q = Text("ribeye steak");
  q.in_stock_only = true;
  auto in_stock = store_->Search(q);
  ASSERT_FALSE(in_stock.hits.empty());
  for (const auto& hit : in_stock.hits) EXPECT_TRUE(hit.product->in_stock()) << hit.product->sku;
}

TEST_F(CatalogStoreUkTest, EmptyTextWithCategoryBrowsesByName) {
  SearchQuery q;
  q.category = "lamb";
  q.limit = 100;
  auto result = store_->Search(q);
  EXPECT_EQ(result.hits.size(), 10u);
  EXPECT_EQ(result.total_matches, 10u);
  for (size_t i = 1; i < result.hits.size(); ++i) {
    EXPECT_LE(result.hits[i - 1].product->name, result.hits[i].product->name);
  }
  for (const auto& hit : result.hits) {
    EXPECT_EQ(hit.product->category, "lamb");
    EXPECT_DOUBLE_EQ(hit.score, 1.0);
  }

  q.limit = 3;
  q.in_stock_only = true;
  auto page = store_->Search(q);
  EXPECT_EQ(page.hits.size(), 3u);
  EXPECT_EQ(page.total_matches, 9u);  // Rack of Lamb is sold out
}

TEST_F(CatalogStoreUkTest, EmptyTextWithoutFiltersFindsNothing) {
  auto result = store_->Search(Text("  !! "));
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total_matches, 0u);
}

TEST_F(CatalogStoreUkTest, SkuLookupIsCaseInsensitive) {
  const auto* p = store_->FindBySku("lmb-001");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->sku, "LMB-001");
  EXPECT_EQ(store_->FindBySku("LmB-001"), p);
  EXPECT_EQ(store_->FindBySku("LMB-999"), nullptr);
  EXPECT_EQ(store_->FindBySku(""), nullptr);
}

TEST_F(CatalogStoreUkTest, FindCategoryMatchesWholeWordsSingularAndPlural) {
  auto id = [&](std::string_view text) {
    const auto* c = store_->FindCategory(text);
    return c ? c->id : std::string("-");
  };
  EXPECT_EQ(id("lamb"), "lamb");
  EXPECT_EQ(id("do you sell lamb"), "lamb");
  EXPECT_EQ(id("any sausage"), "sausages-burgers");
  EXPECT_EQ(id("egg"), "dairy-eggs");
  EXPECT_EQ(id("mutton"), "mutton-goat");
  EXPECT_EQ(id("goat"), "mutton-goat");
  EXPECT_EQ(id("spices"), "spices-groceries");
  EXPECT_EQ(id("mutton goat"), "mutton-goat");
  EXPECT_EQ(id("chicken burgers"), "sausages-burgers");  // the head of the compound
  EXPECT_EQ(id("lamb for a bbq"), "lamb");
  EXPECT_EQ(id("murgh"), "chicken");  // synonym of "whole chicken"
  EXPECT_EQ(id("atta"), "rice-flour");  // synonym of "chapati flour"
  EXPECT_EQ(id("lambada"), "-");
  EXPECT_EQ(id("opening hours"), "-");
  EXPECT_EQ(id(""), "-");
}

TEST_F(CatalogStoreUkTest, FindBundleMatchesKeywordsAsWholeWords) {
  auto id = [&](std::string_view text) {
    const auto* b = store_->FindBundle(text);
    return b ? b->id : std::string("-");
  };
  EXPECT_EQ(id("bbq for 20 people"), "bbq-feast-pack");
  EXPECT_EQ(id("we are having a family curry night"), "family-curry-night");
  EXPECT_EQ(id("eid party for 40"), "eid-party-pack");
  EXPECT_EQ(id("lamb chops"), "-");
  EXPECT_EQ(id("bbqeid"), "-");
  const auto* bbq = store_->FindBundle("bbq");
  ASSERT_NE(bbq, nullptr);
  EXPECT_EQ(bbq->min_people, 4);
  EXPECT_EQ(bbq->max_people, 40);
  ASSERT_EQ(bbq->per_person.size(), 5u);
  EXPECT_EQ(bbq->per_person[0].sku, "LMB-001");
  EXPECT_DOUBLE_EQ(bbq->per_person[0].quantity_per_person, 0.2);
}

TEST_F(CatalogStoreUkTest, RelatedListsRelatedSkusThenTheCategoryNeverItself) {
  auto related = Skus(store_->Related("LMB-001", 6));
  ASSERT_EQ(related.size(), 6u);
  EXPECT_EQ(related[0], "MAR-008");
  EXPECT_EQ(related[1], "LMB-007");
  EXPECT_EQ(related[2], "GRO-005");
  for (size_t i = 3; i < related.size(); ++i) EXPECT_EQ(store_->FindBySku(related[i])->category, "lamb");
  EXPECT_FALSE(Contains(related, "LMB-001"));
  EXPECT_EQ(store_->Related("LMB-001", 2).size(), 2u);
  EXPECT_TRUE(store_->Related("NOPE", 5).empty());
}

TEST_F(CatalogStoreUkTest, SubstitutesAreInStockRelatedFirstThenClosestPrice) {
  // Rack of Lamb (£24.99) is sold out; related: LMB-001, MAR-008.
  auto subs = store_->Substitutes("LMB-007", 5);
  ASSERT_EQ(subs.size(), 5u);
  EXPECT_EQ(subs[0]->sku, "LMB-001");
  EXPECT_EQ(subs[1]->sku, "MAR-008");
  for (const auto* p : subs) {
    EXPECT_TRUE(p->in_stock()) << p->sku;
    EXPECT_NE(p->sku, "LMB-007");
  }
  // Then lamb by closeness to £24.99: Diced Lamb £14.99, Whole Leg £12.49, Mince £11.99.
  EXPECT_EQ(subs[2]->sku, "LMB-005");
  EXPECT_EQ(subs[3]->sku, "LMB-002");
  EXPECT_EQ(subs[4]->sku, "LMB-004");
}

TEST_F(CatalogStoreUkTest, ConcurrentSearchesGiveIdenticalResults) {
  const std::vector<std::string> queries = {"lamb chops", "keema", "chiken", "basmati rice", "halal chicken wings",
                                            "ground beef", "samosas", "paneer", "lamb chopz", "curry cut"};
  std::vector<SearchResult> expected;
  for (const auto& q : queries) expected.push_back(store_->Search(Text(q)));

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 30; ++round) {
        for (size_t i = 0; i < queries.size(); ++i) {
          size_t k = (i + static_cast<size_t>(t)) % queries.size();
          SearchResult got = store_->Search(Text(queries[k]));
          bool same = got.hits.size() == expected[k].hits.size() &&
                      got.corrected_query == expected[k].corrected_query &&
                      got.total_matches == expected[k].total_matches;
          for (size_t h = 0; same && h < got.hits.size(); ++h) {
            same = got.hits[h].product == expected[k].hits[h].product &&
                   got.hits[h].score == expected[k].hits[h].score;
          }
          if (!same) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// ---------------------------------------------------------------------------
// The demo bike shop (US_BIKES).

class CatalogStoreUsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = BuildDemo("US_BIKES", "USD", dir_->path() / "index").release();
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  static TempDir* dir_;
  static CatalogStore* store_;
};

TempDir* CatalogStoreUsTest::dir_ = nullptr;
CatalogStore* CatalogStoreUsTest::store_ = nullptr;

TEST_F(CatalogStoreUsTest, EbikeVariantsFindElectricBikes) {
  for (const auto* text : {"ebike", "e-bike", "electric bike", "E-Bikes"}) {
    auto result = store_->Search(Text(text, 5));
    ASSERT_EQ(result.hits.size(), 5u) << text;
    for (const auto& hit : result.hits) EXPECT_EQ(hit.product->category, "e-bikes") << text << " " << hit.product->sku;
  }
}

TEST_F(CatalogStoreUsTest, BritishSpellingFindsTires) {
  for (const auto* text : {"tyre", "tyres"}) {
    auto result = store_->Search(Text(text, 5));
    ASSERT_EQ(result.hits.size(), 5u) << text;
    for (const auto& hit : result.hits) EXPECT_NE(hit.product->name.find("Tire"), std::string::npos) << hit.product->name;
    EXPECT_TRUE(result.corrected_query.empty());
  }
}

TEST_F(CatalogStoreUsTest, TypoInHelmetIsCorrected) {
  auto result = store_->Search(Text("helmit", 6));
  EXPECT_EQ(result.corrected_query, "helmet");
  ASSERT_EQ(result.hits.size(), 6u);
  for (const auto& hit : result.hits) EXPECT_EQ(hit.product->category, "helmets");
}

TEST_F(CatalogStoreUsTest, BrandNameAndItsTypoFindTheBikes) {
  auto exact = Skus(store_->Search(Text("shimano", 2)));
  EXPECT_TRUE(Contains(exact, "BK-ROAD-002"));
  EXPECT_TRUE(Contains(exact, "BK-ROAD-004"));

  auto typo = store_->Search(Text("shimanno", 2));
  EXPECT_EQ(typo.corrected_query, "shimano");
  EXPECT_EQ(Skus(typo), exact);
}

TEST_F(CatalogStoreUsTest, TypoNextToAKnownWordIsCorrected) {
  auto result = store_->Search(Text("kids helmit"));
  EXPECT_EQ(result.corrected_query, "kids helmet");
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].product->sku, "HLM-004");
}

TEST_F(CatalogStoreUsTest, FindCategoryUsesPluralsAndSynonyms) {
  auto id = [&](std::string_view text) {
    const auto* c = store_->FindCategory(text);
    return c ? c->id : std::string("-");
  };
  EXPECT_EQ(id("helmets"), "helmets");
  EXPECT_EQ(id("need a helmet"), "helmets");
  EXPECT_EQ(id("e bike"), "e-bikes");
  EXPECT_EQ(id("ebike"), "e-bikes");  // synonym of "e-bike"
  EXPECT_EQ(id("tyre"), "tires-tubes");  // synonym of "tire"
  EXPECT_EQ(id("road bikes"), "road-bikes");
  EXPECT_EQ(id("e bike helmet"), "helmets");
  EXPECT_EQ(id("a lock for my e bike"), "locks");
  EXPECT_EQ(id("bike"), "-");
}

TEST_F(CatalogStoreUsTest, BrowseByTagIsCaseInsensitive) {
  SearchQuery q;
  q.tag = "MIPS";
  q.limit = 20;
  auto result = store_->Search(q);
  EXPECT_EQ(result.total_matches, 6u);
  for (const auto& hit : result.hits) EXPECT_TRUE(HasTag(*hit.product, "mips")) << hit.product->sku;
}

// ---------------------------------------------------------------------------
// Small hand-made catalogs.

json SmallCatalog() {
  return json::parse(R"({
    "categories": [
      {"id": "bread", "name": "Breads", "description": "Baked every morning."},
      {"id": "cakes", "name": "Cakes & Pastries"}
    ],
    "products": [
      {"sku": "BR-1", "name": "Sourdough Loaf", "category": "bread", "price": 3.5, "unit": "loaf", "stock": 10,
       "tags": ["Vegan", "fresh"], "description": "Slow fermented with a crisp crust."},
      {"sku": "BR-2", "name": "Rye Loaf", "category": "bread", "price": 3.0, "unit": "loaf", "stock": 0,
       "tags": ["vegan"], "related": ["BR-1", "BR-3", "NOPE"]},
      {"sku": "BR-3", "name": "Seeded Loaf", "category": "bread", "price": 3.2, "unit": "loaf", "stock": 5,
       "active": false},
      {"sku": "BR-4", "name": "Brioche Loaf", "category": "bread", "price": 4.5, "unit": "loaf", "stock": 7,
       "tags": ["fresh"], "related": ["BR-4", "CK-1"], "allergens": ["gluten", "egg"], "unit_size": "400g"},
      {"sku": "CK-1", "name": "Crème Brûlée", "category": "cakes", "price": 2.75, "unit": "each", "stock": 12,
       "tags": ["dessert"]},
      {"sku": "CK-2", "name": "Lemon Tart", "category": "cakes", "price": 12.0, "unit": "each", "stock": 3,
       "tags": ["dessert"]}
    ],
    "bundles": [
      {"id": "tea-party", "name": "Tea Party", "keywords": ["afternoon tea", "Tea Party"],
       "min_people": 2, "max_people": 20, "per_person": [{"sku": "CK-1", "quantity": 1}]}
    ]
  })");
}

json SmallSynonyms() {
  return json::parse(R"({"synonyms": [{"term": "sourdough", "variants": ["sour dough", "levain"]}]})");
}

class CatalogStoreSmallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = BuildOrDie(SmallCatalog(), SmallSynonyms(), "GBP", dir_ / "index");
    ASSERT_NE(store_, nullptr);
  }

  TempDir dir_;
  std::unique_ptr<CatalogStore> store_;
};

TEST_F(CatalogStoreSmallTest, ParsesEveryField) {
  const auto* brioche = store_->FindBySku("BR-4");
  ASSERT_NE(brioche, nullptr);
  EXPECT_EQ(brioche->price.minor, 450);
  EXPECT_EQ(brioche->price.currency, "GBP");
  EXPECT_EQ(brioche->category_name, "Breads");
  EXPECT_EQ(brioche->unit, "loaf");
  EXPECT_EQ(brioche->unit_size, "400g");
  EXPECT_EQ(brioche->allergens, (std::vector<std::string>{"gluten", "egg"}));
  EXPECT_TRUE(brioche->active);
  EXPECT_FALSE(store_->FindBySku("BR-3")->active);
  EXPECT_EQ(store_->categories()[0].description, "Baked every morning.");
  ASSERT_EQ(store_->bundles().size(), 1u);
  EXPECT_EQ(store_->bundles()[0].keywords.size(), 2u);
}

TEST_F(CatalogStoreSmallTest, InactiveProductsAreOnlyFoundBySku) {
  EXPECT_NE(store_->FindBySku("br-3"), nullptr);
  EXPECT_TRUE(store_->Search(Text("seeded")).hits.empty());
  EXPECT_FALSE(Contains(Skus(store_->Search(Text("seeded loaf", 10))), "BR-3"));
  EXPECT_FALSE(Contains(Skus(store_->Search(Text("loaf", 10))), "BR-3"));
  SearchQuery browse;
  browse.category = "bread";
  browse.limit = 10;
  EXPECT_FALSE(Contains(Skus(store_->Search(browse)), "BR-3"));
  EXPECT_FALSE(Contains(Skus(store_->Related("BR-2", 10)), "BR-3"));
  EXPECT_FALSE(Contains(Skus(store_->Substitutes("BR-2", 10)), "BR-3"));
}

TEST_F(CatalogStoreSmallTest, AccentsAndCaseAreIgnored) {
  for (const auto* text : {"creme brulee", "CRÈME BRÛLÉE", "Brûlée"}) {
    auto result = store_->Search(Text(text));
    ASSERT_FALSE(result.hits.empty()) << text;
    EXPECT_EQ(result.hits[0].product->sku, "CK-1") << text;
  }
}

TEST_F(CatalogStoreSmallTest, SynonymsFromJsonWork) {
  EXPECT_EQ(Skus(store_->Search(Text("levain"))), std::vector<std::string>{"BR-1"});
  auto phrase = store_->Search(Text("sour dough"));
  ASSERT_FALSE(phrase.hits.empty());
  EXPECT_EQ(phrase.hits[0].product->sku, "BR-1");
}

TEST_F(CatalogStoreSmallTest, BrowseSortsByNameAndCountsAll) {
  SearchQuery q;
  q.category = "bread";
  q.limit = 2;
  auto result = store_->Search(q);
  EXPECT_EQ(Skus(result), (std::vector<std::string>{"BR-4", "BR-2"}));  // Brioche, Rye
  EXPECT_EQ(result.total_matches, 3u);

  q.category.reset();
  q.tag = "VEGAN";
  q.limit = 10;
  EXPECT_EQ(Skus(store_->Search(q)), (std::vector<std::string>{"BR-2", "BR-1"}));
  q.in_stock_only = true;
  EXPECT_EQ(Skus(store_->Search(q)), std::vector<std::string>{"BR-1"});

  SearchQuery price;
  price.min_price_minor = 300;
  price.max_price_minor = 450;
  price.limit = 10;
  EXPECT_EQ(Skus(store_->Search(price)), (std::vector<std::string>{"BR-4", "BR-2", "BR-1"}));
}

TEST_F(CatalogStoreSmallTest, TextSearchWithPriceAndStockFilters) {
  SearchQuery q = Text("loaf", 10);
  q.max_price_minor = 350;
  EXPECT_EQ(Skus(store_->Search(q)).size(), 2u);  // Rye, Sourdough
  q.in_stock_only = true;
  EXPECT_EQ(Skus(store_->Search(q)), std::vector<std::string>{"BR-1"});
  q.min_price_minor = 400;
  EXPECT_TRUE(store_->Search(q).hits.empty());
}

TEST_F(CatalogStoreSmallTest, RelatedSkipsItselfUnknownAndInactive) {
  EXPECT_EQ(Skus(store_->Related("BR-4", 10)), (std::vector<std::string>{"CK-1", "BR-1", "BR-2"}));
  EXPECT_EQ(Skus(store_->Related("BR-2", 10)), (std::vector<std::string>{"BR-1", "BR-4"}));
  EXPECT_TRUE(store_->Related("BR-1", 0).empty());
}

TEST_F(CatalogStoreSmallTest, SubstitutesAreInStockAndCloseInPrice) {
  // Rye (£3.00, sold out): related Sourdough first, then Brioche.
  EXPECT_EQ(Skus(store_->Substitutes("BR-2", 10)), (std::vector<std::string>{"BR-1", "BR-4"}));
  // Brioche: related CK-1 is another category but related; then bread by price.
  EXPECT_EQ(Skus(store_->Substitutes("BR-4", 10)), (std::vector<std::string>{"CK-1", "BR-1"}));
  EXPECT_TRUE(store_->Substitutes("nope", 10).empty());
}

TEST_F(CatalogStoreSmallTest, FindCategoryAndBundle) {
  EXPECT_EQ(store_->FindCategory("bread")->id, "bread");
  EXPECT_EQ(store_->FindCategory("fresh breads")->id, "bread");
  EXPECT_EQ(store_->FindCategory("a pastry")->id, "cakes");
  EXPECT_EQ(store_->FindCategory("cake")->id, "cakes");
  EXPECT_EQ(store_->FindBundle("afternoon tea for 6")->id, "tea-party");
  EXPECT_EQ(store_->FindBundle("tea parties"), store_->FindBundle("tea party"));
  EXPECT_EQ(store_->FindBundle("tea"), nullptr);
}

TEST(CatalogStoreTest, WorksWithoutSynonyms) {
  TempDir dir;
  auto store = BuildOrDie(SmallCatalog(), json(), "GBP", dir / "index");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Skus(store->Search(Text("sourdough"))), std::vector<std::string>{"BR-1"});
  EXPECT_TRUE(store->Search(Text("levain")).hits.empty());
}

TEST(CatalogStoreTest, IndexFolderIsCreatedAndRemovedOnDestruction) {
  TempDir dir;
  fs::path index = dir / "nested" / "index";
  auto store = BuildOrDie(SmallCatalog(), SmallSynonyms(), "GBP", index);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(fs::is_directory(index));
  EXPECT_FALSE(fs::is_empty(index));
  store.reset();
  EXPECT_FALSE(fs::exists(index));
}

TEST(CatalogStoreTest, UnwritableIndexFolderIsAnErrorValue) {
  TempDir dir;
  testing_support::WriteText(dir / "file", "not a folder");
  auto store = CatalogStore::Build(SmallCatalog(), SmallSynonyms(), "GBP", dir / "file" / "index",
                                   retrieval::TextNormalizer());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kIo);
  EXPECT_FALSE(store.error().UserMessage().empty());
  EXPECT_TRUE(fs::exists(dir / "file"));  // nothing it did not create is touched
}

TEST(CatalogStoreTest, CatalogThatIsNotAnObjectIsAnErrorValue) {
  TempDir dir;
  auto store = CatalogStore::Build(json::array(), json(), "GBP", dir / "index", retrieval::TextNormalizer());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
