// Catalog search costs: a query on the demo butcher (the everyday case), and
// building and querying a generated 100,000-product catalog (the ceiling we
// promise: Search p99 < 2 ms, Build < 10 s on a 2-core machine).
//
// Latency percentiles come from per-query timings collected in the loop and
// are reported as counters (p50_us, p99_us).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "retrieval/catalog_store.h"
#include "retrieval/text_normalizer.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using retrieval::CatalogStore;
using retrieval::SearchQuery;

const fs::path kSource = AIV7_SOURCE_DIR;
constexpr size_t kLargeCatalogSize = 100000;
constexpr uint64_t kSeed = 20240611;

// SplitMix64: tiny, fast and identical on every platform (std distributions
// are not), so the generated catalog is the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  uint64_t state_;
};

struct CategorySpec {
  std::string id;
  std::string name;
  std::vector<std::string> nouns;
};

const std::vector<CategorySpec>& Categories() {
  static const std::vector<CategorySpec> kCategories = {
      {"kitchen", "Kitchen", {"knife", "pan", "kettle", "skillet", "whisk", "grater", "colander", "teapot"}},
      {"bakery", "Bakery", {"loaf", "bagel", "croissant", "muffin", "baguette", "brioche", "scone", "pretzel"}},
      {"butchery", "Butchery", {"sausage", "steak", "mince", "chops", "brisket", "ribs", "burger", "fillet"}},
      {"dairy", "Dairy & Eggs", {"cheese", "yoghurt", "butter", "milk", "cream", "eggs", "paneer", "ghee"}},
      {"drinks", "Drinks", {"juice", "lemonade", "cola", "coffee", "tea", "smoothie", "water", "kombucha"}},
      {"garden", "Garden", {"hose", "rake", "spade", "planter", "trowel", "shears", "sprinkler", "wheelbarrow"}},
      {"cycling", "Cycling", {"helmet", "tire", "tube", "pump", "saddle", "pedals", "lock", "bell"}},
      {"camping", "Camping", {"tent", "lantern", "stove", "sleeping bag", "backpack", "hammock", "cooler", "compass"}},
      {"office", "Office", {"notebook", "pen", "stapler", "folder", "desk lamp", "chair", "binder", "marker"}},
      {"toys", "Toys & Games", {"puzzle", "doll", "robot", "kite", "board game", "blocks", "yo-yo", "teddy bear"}},
      {"clothing", "Clothing", {"jacket", "shirt", "socks", "gloves", "scarf", "hoodie", "jeans", "beanie"}},
      {"footwear", "Footwear", {"boots", "sneakers", "sandals", "slippers", "trainers", "loafers", "clogs", "waders"}},
      {"audio", "Audio", {"headphones", "speaker", "earbuds", "radio", "soundbar", "amplifier", "microphone", "turntable"}},
      {"lighting", "Lighting", {"bulb", "lamp", "lantern", "spotlight", "fairy lights", "torch", "sconce", "chandelier"}},
      {"bath", "Bath & Body", {"soap", "shampoo", "towel", "sponge", "lotion", "bath salts", "razor", "toothbrush"}},
      {"pets", "Pet Supplies", {"collar", "leash", "kibble", "litter", "bowl", "scratcher", "aquarium", "pet bed"}},
      {"tools", "Tools", {"hammer", "drill", "wrench", "screwdriver", "saw", "pliers", "level", "chisel"}},
      {"spices", "Spices", {"cumin", "turmeric", "paprika", "cinnamon", "saffron", "chilli", "pepper", "nutmeg"}},
      {"pantry", "Pantry", {"rice", "flour", "pasta", "lentils", "oats", "honey", "olive oil", "vinegar"}},
      {"frozen", "Frozen Food", {"pizza", "peas", "ice cream", "samosas", "dumplings", "fries", "waffles", "prawns"}},
  };
  return kCategories;
}

const std::vector<std::string> kBrands = {
    "Acme",    "Northwind", "Bluebell", "Harbor",   "Summit",   "Meadow",   "Ironwood", "Copper",
    "Falcon",  "Maple",     "Granite",  "Willow",   "Orchard",  "Atlas",    "Cedar",    "Pioneer",
    "Riverside", "Highland", "Coastal", "Evergreen", "Redwood", "Silverline", "Golden", "Urban",
    "Heritage", "Nordic",   "Sunrise",  "Prairie",  "Lakeside", "Ember"};
const std::vector<std::string> kAdjectives = {
    "classic",   "organic",  "premium",  "lightweight", "heavy-duty", "compact",   "deluxe",    "fresh",
    "smoked",    "spicy",    "wireless", "waterproof",  "reflective", "stainless", "ceramic",   "bamboo",
    "cotton",    "leather",  "insulated", "folding",    "rechargeable", "vintage", "rustic",    "mini",
    "large",     "family",   "slim",     "ergonomic",   "portable",   "handmade",  "frozen",    "gluten-free",
    "vegan",     "sparkling", "roasted", "aged",        "wild",       "free-range", "merino",   "carbon"};
const std::vector<std::string> kSizes = {"250g", "500g", "1kg",  "2kg",   "1L",      "1.5L", "Small",
                                         "Medium", "Large", "XL", "2-pack", "10-pack", "", ""};
const std::vector<std::string> kUses = {"everyday use", "the weekend", "families", "beginners", "professionals",
                                        "gifts", "travel", "busy mornings", "outdoor adventures", "small spaces"};
const std::vector<std::string> kMaterials = {"recycled steel", "natural fibres", "British wheat", "sustainable wood",
                                             "food-grade silicone", "aluminium", "organic cotton", "glass"};
const std::vector<std::string> kTags = {"bestseller", "new",      "sale",       "eco",      "local",    "imported",
                                        "gift",       "seasonal", "limited",    "bulk",     "premium",  "budget",
                                        "vegan",      "halal",    "gluten-free", "kids",    "outdoor",  "indoor",
                                        "rechargeable", "waterproof", "handmade", "organic", "family-pack", "compact"};

std::string TitleCase(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

json SynonymsFor100k() {
  return json::parse(R"({"synonyms": [
    {"term": "skillet", "variants": ["frying pan", "fry pan"]},
    {"term": "sneakers", "variants": ["running shoes", "kicks"]},
    {"term": "torch", "variants": ["flashlight"]},
    {"term": "tire", "variants": ["tyre", "tyres"]},
    {"term": "hoodie", "variants": ["hooded sweatshirt", "hoody"]},
    {"term": "chilli", "variants": ["chili", "chile"]},
    {"term": "sleeping bag", "variants": ["sleepingbag", "bedroll"]},
    {"term": "mince", "variants": ["keema", "ground meat"]},
    {"term": "fries", "variants": ["chips", "french fries"]},
    {"term": "headphones", "variants": ["headset", "cans"]}
  ]})");
}

json GenerateCatalog(size_t count) {
  Rng rng(kSeed);
  json categories = json::array();
  for (const auto& c : Categories()) categories.push_back({{"id", c.id}, {"name", c.name}});
  json products = json::array();
  for (size_t i = 0; i < count; ++i) {
    const CategorySpec& c = rng.Pick(Categories());
    const std::string& noun = rng.Pick(c.nouns);
    const std::string& brand = rng.Pick(kBrands);
    const std::string& adjective = rng.Pick(kAdjectives);
    const std::string& size = rng.Pick(kSizes);
    std::string name = brand + " " + TitleCase(adjective) + " " + TitleCase(noun) + (size.empty() ? "" : " " + size);
    std::string description = TitleCase(adjective) + " " + noun + " from " + brand + ", ideal for " + rng.Pick(kUses) +
                              ". Made with " + rng.Pick(kMaterials) + " and a " + rng.Pick(kAdjectives) +
                              " finish. Pairs well with our " + rng.Pick(c.nouns) + " and " +
                              rng.Pick(rng.Pick(Categories()).nouns) + ".";
    json tags = json::array();
    size_t tag_count = 2 + rng.Below(4);
    for (size_t t = 0; t < tag_count; ++t) tags.push_back(rng.Pick(kTags));
    char sku[32];
    std::snprintf(sku, sizeof sku, "GEN-%06zu", i);
    json product = {{"sku", sku},
                    {"name", name},
                    {"category", c.id},
                    {"description", description},
                    {"tags", tags},
                    {"price", static_cast<double>(99 + rng.Below(50000)) / 100.0},
                    {"unit", "each"},
                    {"stock", rng.Below(4) == 0 ? 0 : static_cast<int>(rng.Below(200))}};
    if (rng.Below(50) == 0) product["active"] = false;
    products.push_back(std::move(product));
  }
  return {{"categories", categories}, {"products", products}};
}

// One letter replaced: the typo shoppers make most.
std::string Typo(std::string word, Rng& rng) {
  if (word.size() < 4) return word;
  size_t at = 1 + rng.Below(word.size() - 2);
  word[at] = static_cast<char>('a' + rng.Below(26));
  return word;
}

std::vector<SearchQuery> QueryMix(size_t count) {
  Rng rng(kSeed + 1);
  std::vector<std::string> variants = {"frying pan", "kicks", "flashlight", "tyres", "hoody", "chili",
                                       "sleepingbag", "keema", "chips", "headset"};
  std::vector<SearchQuery> queries;
  for (size_t i = 0; i < count; ++i) {
    const CategorySpec& c = rng.Pick(Categories());
    const std::string& noun = rng.Pick(c.nouns);
    SearchQuery q;
    q.limit = 5;
    size_t kind = rng.Below(20);
    if (kind < 8) {
      q.text = noun;
    } else if (kind < 13) {
      q.text = rng.Pick(kAdjectives) + " " + noun;
    } else if (kind < 15) {
      q.text = rng.Pick(kBrands) + " " + noun;
    } else if (kind < 17) {
      q.text = Typo(noun, rng);
    } else if (kind < 18) {
      q.text = rng.Pick(variants);
    } else {
      q.text = noun;
      q.category = c.id;
      q.in_stock_only = true;
      q.max_price_minor = 10000;
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

fs::path IndexDir(const std::string& name) {
  return fs::temp_directory_path() / ("aiv7-catalog-bench-" + std::to_string(getpid()) + "-" + name);
}

const json& LargeCatalog() {
  static const json kCatalog = GenerateCatalog(kLargeCatalogSize);
  return kCatalog;
}

// Built once per process: Google Benchmark calls a benchmark several times.
const CatalogStore& LargeStore() {
  static const std::unique_ptr<CatalogStore> kStore = [] {
    auto store =
        CatalogStore::Build(LargeCatalog(), SynonymsFor100k(), "GBP", IndexDir("100k"), retrieval::TextNormalizer());
    return store.ok() ? std::move(store).value() : nullptr;
  }();
  return *kStore;
}

const CatalogStore* DemoStore() {
  static const std::unique_ptr<CatalogStore> kStore = []() -> std::unique_ptr<CatalogStore> {
    auto read = [](const fs::path& path) {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      return json::parse(text.str());
    };
    fs::path folder = kSource / "business/UK_BUTCHER";
    auto store = CatalogStore::Build(read(folder / "catalog.json"), read(folder / "synonyms.json"), "GBP",
                                     IndexDir("demo"), retrieval::TextNormalizer());
    return store.ok() ? std::move(store).value() : nullptr;
  }();
  return kStore.get();
}

void RunSearches(benchmark::State& state, const CatalogStore& store, const std::vector<SearchQuery>& queries) {
  std::vector<double> micros;
  micros.reserve(1 << 16);
  size_t i = 0;
  size_t hits = 0;
  for (auto _ : state) {
    const SearchQuery& q = queries[i++ % queries.size()];
    auto start = std::chrono::steady_clock::now();
    auto result = store.Search(q);
    auto end = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(result);
    hits += result.hits.size();
    micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double p) { return micros[std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
  state.counters["hits_per_query"] = static_cast<double>(hits) / static_cast<double>(micros.size());
}

void BM_CatalogSearchDemo(benchmark::State& state) {
  const CatalogStore* store = DemoStore();
  if (!store) {
    state.SkipWithError("demo catalog failed to build");
    return;
  }
  std::vector<SearchQuery> queries;
  for (const char* text : {"lamb chops", "keema", "chiken", "basmati rice", "halal chicken wings", "ground beef",
                           "samosas", "paneer", "lamb chopz", "i want some curry cut please"}) {
    SearchQuery q;
    q.text = text;
    queries.push_back(q);
  }
  RunSearches(state, *store, queries);
}
BENCHMARK(BM_CatalogSearchDemo)->Unit(benchmark::kMicrosecond);

void BM_CatalogSearch100k(benchmark::State& state) {
  static const std::vector<SearchQuery> kQueries = QueryMix(2000);
  RunSearches(state, LargeStore(), kQueries);
}
BENCHMARK(BM_CatalogSearch100k)->Unit(benchmark::kMicrosecond)->MinTime(3.0);

void BM_CatalogBuild100k(benchmark::State& state) {
  const json& catalog = LargeCatalog();
  json synonyms = SynonymsFor100k();
  for (auto _ : state) {
    auto store = CatalogStore::Build(catalog, synonyms, "GBP", IndexDir("build"), retrieval::TextNormalizer());
    if (!store.ok()) {
      state.SkipWithError(store.error().message.c_str());
      break;
    }
    std::unique_ptr<CatalogStore> built = std::move(store).value();
    state.PauseTiming();
    built.reset();  // removes the index folder outside the timing
    state.ResumeTiming();
  }
  state.counters["products"] = static_cast<double>(kLargeCatalogSize);
}
BENCHMARK(BM_CatalogBuild100k)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
