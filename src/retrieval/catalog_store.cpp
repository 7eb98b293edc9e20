#include "retrieval/catalog_store.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "retrieval/catalog_index.h"

namespace retrieval {

namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

template <class T>
T Number(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<T>() : fallback;
}

const json& Array(const json& j, const char* key) {
  static const json kEmpty = json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A crude English singular, applied to both sides of a comparison so that
// "helmet" and "helmets", "sausage" and "sausages" meet.
std::string Singular(std::string word) {
  if (word.size() > 4 && EndsWith(word, "ies")) return word.substr(0, word.size() - 3) + "y";
  if (word.size() > 4 && (EndsWith(word, "sses") || EndsWith(word, "xes") || EndsWith(word, "zes") ||
                          EndsWith(word, "ches") || EndsWith(word, "shes"))) {
    return word.substr(0, word.size() - 2);
  }
  if (word.size() > 2 && word.back() == 's' && !EndsWith(word, "ss") && !EndsWith(word, "us") &&
      !EndsWith(word, "is")) {
    word.pop_back();
  }
  return word;
}

std::vector<std::string> KeyWords(std::string_view normalized) {
  std::vector<std::string> words = SplitTokens(normalized);
  for (auto& w : words) w = Singular(std::move(w));
  return words;
}

// Word sequences ("mutton", "e bike") naming a target (category or bundle index).
class PhraseMatcher {
 public:
  struct Match {
    size_t start = 0;
    size_t end = 0;
    size_t target = 0;
  };

  void Add(std::vector<std::string> words, size_t target) {
    if (words.empty()) return;
    std::string key;
    for (const auto& w : words) key += w + ' ';
    if (!seen_.insert(key).second) return;
    by_first_[words.front()].push_back(entries_.size());
    entries_.push_back({std::move(words), target});
  }

  // Left to right, the longest phrase at each position; matches do not overlap.
  std::vector<Match> FindAll(const std::vector<std::string>& words) const {
    std::vector<Match> out;
    for (size_t i = 0; i < words.size();) {
      const Entry* best = nullptr;
      if (auto it = by_first_.find(words[i]); it != by_first_.end()) {
        for (size_t e : it->second) {
          const Entry& entry = entries_[e];
          if (i + entry.words.size() > words.size()) continue;
          if (!std::equal(entry.words.begin(), entry.words.end(), words.begin() + i)) continue;
          if (!best || entry.words.size() > best->words.size()) best = &entry;
        }
      }
      if (best) {
        out.push_back({i, i + best->words.size(), best->target});
        i += best->words.size();
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  struct Entry {
    std::vector<std::string> words;
    size_t target;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;
  std::unordered_set<std::string> seen_;
};

// The shop's category named by a message: the first match, unless the next
// one follows it directly, as the head of a compound ("chicken burgers",
// "e bike helmet"), which names what the shopper wants.
std::optional<size_t> PickCategory(const std::vector<PhraseMatcher::Match>& matches) {
  if (matches.empty()) return std::nullopt;
  size_t chosen = 0;
  while (chosen + 1 < matches.size() && matches[chosen + 1].start == matches[chosen].end) ++chosen;
  return matches[chosen].target;
}

// "Mutton & Goat" -> "mutton", "goat"; "Tires, Tubes & Pumps" -> three parts.
std::vector<std::string> NameParts(const std::string& name, const TextNormalizer& normalizer) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    std::string part;
    for (const auto& w : normalizer.Tokenize(current)) {
      if (w == "and") {
        if (!part.empty()) parts.push_back(std::move(part));
        part.clear();
      } else {
        part += (part.empty() ? "" : " ") + w;
      }
    }
    if (!part.empty()) parts.push_back(std::move(part));
    current.clear();
  };
  for (char c : name) {
    if (c == '&' || c == ',' || c == '/' || c == '+') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return parts;
}

}  // namespace

struct CatalogStore::Impl {
  const Product* Find(std::string_view sku) const {
    auto it = sku_index.find(UpperAscii(sku));
    return it == sku_index.end() ? nullptr : &products[it->second];
  }

  SearchResult Browse(const SearchQuery& q, const std::optional<std::string>& tag) const;
  void ParseCatalog(const json& catalog, const std::string& currency);
  void BuildLookups(const std::vector<SynonymGroup>& synonyms);

  TextNormalizer normalizer;
  std::vector<Product> products;
  std::vector<Category> categories;
  std::vector<Bundle> bundles;
  std::vector<std::vector<std::string>> normalized_tags;  // per product
  std::unordered_map<std::string, uint32_t> sku_index;    // upper-case SKU
  std::unordered_map<std::string, std::vector<uint32_t>> category_members;  // catalog order
  // Active products sorted by name, overall and per category and tag.
  std::vector<uint32_t> by_name;
  std::unordered_map<std::string, std::vector<uint32_t>> category_by_name;
  std::unordered_map<std::string, std::vector<uint32_t>> tag_by_name;
  PhraseMatcher category_words;
  PhraseMatcher category_synonyms;
  PhraseMatcher bundle_keywords;
  std::unique_ptr<CatalogIndex> index;
};

void CatalogStore::Impl::ParseCatalog(const json& catalog, const std::string& currency) {
  for (const auto& c : Array(catalog, "categories")) {
    categories.push_back({Str(c, "id"), Str(c, "name"), Str(c, "description")});
  }
  std::unordered_map<std::string, std::string> category_names;
  for (const auto& c : categories) category_names.emplace(c.id, c.name);

  for (const auto& j : Array(catalog, "products")) {
    Product p;
    p.sku = Str(j, "sku");
    p.name = Str(j, "name");
    p.category = Str(j, "category");
    if (auto it = category_names.find(p.category); it != category_names.end()) p.category_name = it->second;
    p.description = Str(j, "description");
    p.unit = Str(j, "unit");
    p.unit_size = Str(j, "unit_size");
    p.price = core::Money::FromMajor(Number<double>(j, "price", 0.0), currency);
    p.stock = Number<int>(j, "stock", 0);
    auto active = j.find("active");
    p.active = active == j.end() || !active->is_boolean() || active->get<bool>();
    p.tags = Strings(j, "tags");
    p.allergens = Strings(j, "allergens");
    p.related = Strings(j, "related");
    for (const auto& o : Array(j, "options")) p.options.push_back({Str(o, "name"), Strings(o, "values")});
    products.push_back(std::move(p));
  }

  for (const auto& j : Array(catalog, "bundles")) {
    Bundle b;
    b.id = Str(j, "id");
    b.name = Str(j, "name");
    b.description = Str(j, "description");
    b.keywords = Strings(j, "keywords");
    b.min_people = Number<int>(j, "min_people", 1);
    b.max_people = Number<int>(j, "max_people", 1000);
    for (const auto& item : Array(j, "per_person")) {
      b.per_person.push_back({Str(item, "sku"), Number<double>(item, "quantity", 0.0)});
    }
    bundles.push_back(std::move(b));
  }
}

void CatalogStore::Impl::BuildLookups(const std::vector<SynonymGroup>& synonyms) {
  normalized_tags.reserve(products.size());
  std::vector<std::string> name_keys;
  name_keys.reserve(products.size());
  for (uint32_t i = 0; i < products.size(); ++i) {
    const Product& p = products[i];
    sku_index.emplace(UpperAscii(p.sku), i);
    category_members[p.category].push_back(i);
    std::vector<std::string> tags;
    for (const auto& t : p.tags) tags.push_back(normalizer.Normalize(t));
    normalized_tags.push_back(std::move(tags));
    name_keys.push_back(normalizer.Normalize(p.name));
    if (p.active) by_name.push_back(i);
  }
  std::stable_sort(by_name.begin(), by_name.end(),
                   [&](uint32_t a, uint32_t b) { return name_keys[a] < name_keys[b]; });
  for (uint32_t i : by_name) {
    category_by_name[products[i].category].push_back(i);
    std::unordered_set<std::string> seen;
    for (const auto& t : normalized_tags[i]) {
      if (seen.insert(t).second) tag_by_name[t].push_back(i);
    }
  }

  for (size_t c = 0; c < categories.size(); ++c) {
    category_words.Add(KeyWords(normalizer.Normalize(categories[c].id)), c);
    category_words.Add(KeyWords(normalizer.Normalize(categories[c].name)), c);
    for (const auto& part : NameParts(categories[c].name, normalizer)) category_words.Add(KeyWords(part), c);
  }
  // A variant of a word that names a category names it too ("tyre" -> tires).
  for (const auto& group : synonyms) {
    std::optional<size_t> category = PickCategory(category_words.FindAll(KeyWords(group.term)));
    if (!category) continue;
    for (const auto& variant : group.variants) category_synonyms.Add(KeyWords(variant), *category);
  }
  for (size_t b = 0; b < bundles.size(); ++b) {
    for (const auto& keyword : bundles[b].keywords) bundle_keywords.Add(KeyWords(normalizer.Normalize(keyword)), b);
  }
}

SearchResult CatalogStore::Impl::Browse(const SearchQuery& q, const std::optional<std::string>& tag) const {
  static const std::vector<uint32_t> kNone;
  const std::vector<uint32_t>* candidates = &by_name;
  if (q.category) {
    auto it = category_by_name.find(*q.category);
    candidates = it == category_by_name.end() ? &kNone : &it->second;
  }
  if (tag) {
    auto it = tag_by_name.find(*tag);
    const std::vector<uint32_t>* tagged = it == tag_by_name.end() ? &kNone : &it->second;
    if (tagged->size() < candidates->size()) candidates = tagged;
  }
  SearchResult result;
  for (uint32_t i : *candidates) {
    const Product& p = products[i];
    if (q.category && p.category != *q.category) continue;
    if (tag && std::find(normalized_tags[i].begin(), normalized_tags[i].end(), *tag) == normalized_tags[i].end()) {
      continue;
    }
    if (q.min_price_minor && p.price.minor < *q.min_price_minor) continue;
    if (q.max_price_minor && p.price.minor > *q.max_price_minor) continue;
    if (q.in_stock_only && !p.in_stock()) continue;
    ++result.total_matches;
    if (result.hits.size() < q.limit) result.hits.push_back({&p, 1.0});
  }
  return result;
}

CatalogStore::CatalogStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CatalogStore::~CatalogStore() = default;

core::Result<std::unique_ptr<CatalogStore>> CatalogStore::Build(const json& catalog, const json& synonyms,
                                                                const std::string& currency,
                                                                const std::filesystem::path& index_dir,
                                                                const TextNormalizer& normalizer) {
  auto impl = std::make_unique<Impl>();
  impl->normalizer = normalizer;
  std::vector<SynonymGroup> synonym_groups;
  try {
    if (!catalog.is_object()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, "catalog.json is not an object",
                             "The product catalogue is invalid.");
    }
    impl->ParseCatalog(catalog, currency);
    for (const auto& entry : Array(synonyms, "synonyms")) {
      SynonymGroup group{normalizer.Normalize(Str(entry, "term")), {}};
      for (const auto& v : Strings(entry, "variants")) group.variants.push_back(normalizer.Normalize(v));
      if (!group.term.empty()) synonym_groups.push_back(std::move(group));
    }
  } catch (const json::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, std::string("catalog.json: ") + e.what(),
                           "The product catalogue is invalid.");
  }
  impl->BuildLookups(synonym_groups);

  std::unordered_map<std::string, std::string> category_names;
  for (const auto& c : impl->categories) category_names.emplace(c.id, normalizer.Normalize(c.name));
  std::vector<IndexDocument> documents;
  documents.reserve(impl->products.size());
  for (uint32_t i = 0; i < impl->products.size(); ++i) {
    const Product& p = impl->products[i];
    if (!p.active) continue;
    auto category = category_names.find(p.category);
    documents.push_back({i, normalizer.Normalize(p.name), p.category,
                         category == category_names.end() ? std::string() : category->second,
                         normalizer.Normalize(p.description), impl->normalized_tags[i], p.price.minor, p.stock});
  }
  auto index = CatalogIndex::Build(documents, synonym_groups, index_dir);
  if (!index.ok()) return index.error();
  impl->index = std::move(index).value();
  return std::unique_ptr<CatalogStore>(new CatalogStore(std::move(impl)));
}

const std::vector<Product>& CatalogStore::products() const { return impl_->products; }
const std::vector<Category>& CatalogStore::categories() const { return impl_->categories; }
const std::vector<Bundle>& CatalogStore::bundles() const { return impl_->bundles; }

const Product* CatalogStore::FindBySku(std::string_view sku) const { return impl_->Find(sku); }

const Category* CatalogStore::FindCategory(std::string_view normalized_text) const {
  std::vector<std::string> words = KeyWords(normalized_text);
  std::optional<size_t> c = PickCategory(impl_->category_words.FindAll(words));
  if (!c) c = PickCategory(impl_->category_synonyms.FindAll(words));
  return c ? &impl_->categories[*c] : nullptr;
}

const Bundle* CatalogStore::FindBundle(std::string_view normalized_text) const {
  // The longest keyword is the most specific ("family curry" over "curry").
  const PhraseMatcher::Match* best = nullptr;
  auto matches = impl_->bundle_keywords.FindAll(KeyWords(normalized_text));
  for (const auto& m : matches) {
    if (!best || m.end - m.start > best->end - best->start) best = &m;
  }
  return best ? &impl_->bundles[best->target] : nullptr;
}

SearchResult CatalogStore::Search(const SearchQuery& query) const {
  try {
    std::string text = impl_->normalizer.Normalize(query.text);
    std::optional<std::string> tag;
    if (query.tag) tag = impl_->normalizer.Normalize(*query.tag);
    if (text.empty()) {
      bool filtered = query.category || query.tag || query.min_price_minor || query.max_price_minor ||
                      query.in_stock_only;
      return filtered ? impl_->Browse(query, tag) : SearchResult{};
    }
    IndexFilter filter{query.category, tag, query.min_price_minor, query.max_price_minor, query.in_stock_only};
    IndexResult found = impl_->index->Search(text, filter, query.limit);
    SearchResult result;
    result.total_matches = found.total_matches;
    result.corrected_query = std::move(found.corrected_query);
    for (const auto& hit : found.hits) {
      if (hit.product_index < impl_->products.size()) {
        result.hits.push_back({&impl_->products[hit.product_index], hit.score});
      }
    }
    return result;
  } catch (const std::exception&) {
    return SearchResult{};
  }
}

std::vector<const Product*> CatalogStore::Related(std::string_view sku, size_t limit) const {
  std::vector<const Product*> out;
  const Product* product = impl_->Find(sku);
  if (!product) return out;
  auto add = [&](const Product* p) {
    if (out.size() >= limit || !p || !p->active || p == product) return;
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  for (const auto& r : product->related) add(impl_->Find(r));
  if (auto it = impl_->category_members.find(product->category); it != impl_->category_members.end()) {
    for (uint32_t i : it->second) add(&impl_->products[i]);
  }
  return out;
}

std::vector<const Product*> CatalogStore::Substitutes(std::string_view sku, size_t limit) const {
  std::vector<const Product*> out;
  const Product* product = impl_->Find(sku);
  if (!product) return out;
  auto usable = [&](const Product* p) {
    return p && p->active && p->in_stock() && p != product && std::find(out.begin(), out.end(), p) == out.end();
  };
  for (const auto& r : product->related) {
    const Product* p = impl_->Find(r);
    if (out.size() < limit && usable(p)) out.push_back(p);
  }
  if (auto it = impl_->category_members.find(product->category); it != impl_->category_members.end()) {
    std::vector<const Product*> same;
    for (uint32_t i : it->second) {
      if (usable(&impl_->products[i])) same.push_back(&impl_->products[i]);
    }
    auto distance = [&](const Product* p) { return std::llabs(p->price.minor - product->price.minor); };
    std::stable_sort(same.begin(), same.end(),
                     [&](const Product* a, const Product* b) { return distance(a) < distance(b); });
    for (const Product* p : same) {
      if (out.size() >= limit) break;
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace retrieval
