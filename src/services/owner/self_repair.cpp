#include "services/owner/self_repair.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace services {

using core::ErrorCode;
using nlohmann::json;

namespace {

// An RFC 6902 patch as the compact JSON text RepairSuggestion keeps.
std::string PatchText(json::initializer_list_t ops) { return json::array(ops).dump(); }

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr size_t kMaxShortText = 200;  // common.schema.json shortText

constexpr std::array<std::string_view, 5> kFiles = {"catalog.json", "branches.json", "delivery.json", "faq.json",
                                                    "synonyms.json"};

const json& Arr(const json& doc, std::string_view key) {
  static const json kEmpty = json::array();
  if (!doc.is_object()) return kEmpty;
  auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

std::string Str(const json& obj, std::string_view key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// FNV-1a: stable across processes and builds, unlike std::hash.
std::string StableId(std::initializer_list<std::string_view> parts) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view part : parts) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // separator, so ("ab","c") != ("a","bc")
    h *= 1099511628211ull;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The empty document a suggestion patches when its file does not exist yet.
json EmptyDoc(std::string_view file) {
  if (file == "synonyms.json") return {{"synonyms", json::array()}};
  if (file == "faq.json") return {{"faqs", json::array()}};
  return json::object();
}

std::string Singular(const std::string& w) { return w.size() > 3 && w.back() == 's' ? w.substr(0, w.size() - 1) : w; }

bool HasDigitOrAt(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '@'; });
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (w.empty() || w == "#") continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// The closest shop word to a word shoppers typed: at most one edit for
// words of four letters, two for five or more, always the same first
// letter; ties go to the word the catalog uses most, then alphabetical.
std::optional<std::string> ClosestWord(const std::string& word, const std::map<std::string, int>& vocabulary) {
  if (word.size() < 4) return std::nullopt;
  int max_distance = word.size() >= 5 ? 2 : 1;
  std::optional<std::string> best;
  int best_distance = max_distance + 1, best_freq = 0;
  for (const auto& [candidate, freq] : vocabulary) {
    if (candidate.empty() || candidate[0] != word[0]) continue;
    int d = retrieval::EditDistance(word, candidate, max_distance);
    if (d > max_distance) continue;
    if (d < best_distance || (d == best_distance && freq > best_freq)) {
      best = candidate;
      best_distance = d;
      best_freq = freq;
    }
  }
  return best;
}

struct Builder {
  std::vector<RepairFinding> findings;
  void Add(Severity severity, std::string kind, std::string file, std::string pointer, std::string message,
           std::string_view target = {}, std::optional<RepairSuggestion> suggestion = std::nullopt) {
    RepairFinding f;
    std::string patch = suggestion ? suggestion->patch : std::string();
    f.id = StableId({kind, file, pointer, target, patch});
    f.severity = severity;
    f.kind = std::move(kind);
    f.file = std::move(file);
    f.pointer = std::move(pointer);
    f.message = std::move(message);
    f.suggestion = std::move(suggestion);
    findings.push_back(std::move(f));
  }
};

void CheckCatalog(const json& catalog, Builder& out) {
  const std::string file = "catalog.json";
  const json& products = Arr(catalog, "products");
  std::unordered_map<std::string, size_t> first_by_sku;
  std::unordered_set<std::string> used_categories;
  for (size_t i = 0; i < products.size(); ++i) {
    const json& p = products[i];
    const std::string base = "/products/" + std::to_string(i);
    std::string sku = Str(p, "sku");
    used_categories.insert(Str(p, "category"));
    // Validation rejects identical SKUs; SKUs that differ only in case pass
    // but are the same code to a person (and to a shopper typing it).
    auto [it, inserted] = first_by_sku.emplace(Lower(sku), i);
    if (!inserted) {
      out.Add(Severity::kError, "duplicate_sku", file, base + "/sku",
              "SKU " + Quote(sku) + " is the same as " + Quote(Str(products[it->second], "sku")) + " (product " +
                  std::to_string(it->second) + ") apart from upper/lower case.",
              sku);
    }
    bool active = !p.contains("active") || !p["active"].is_boolean() || p["active"].get<bool>();
    if (active && p.contains("price") && p["price"].is_number() && p["price"].get<double>() == 0) {
      out.Add(Severity::kWarning, "zero_price", file, base + "/price",
              "Product " + Quote(Str(p, "name")) + " (" + sku + ") has a price of 0.", sku);
    }
    if (!p.contains("tags") || !p["tags"].is_array() || p["tags"].empty()) {
      out.Add(Severity::kInfo, "product_without_tags", file, base,
              "Product " + Quote(Str(p, "name")) + " (" + sku + ") has no tags; tags help shoppers find it.", sku);
    }
  }
  const json& categories = Arr(catalog, "categories");
  for (size_t i = 0; i < categories.size(); ++i) {
    std::string id = Str(categories[i], "id");
    if (used_categories.count(id)) continue;
    const std::string pointer = "/categories/" + std::to_string(i);
    RepairSuggestion s;
    s.summary = "Remove the empty category " + Quote(Str(categories[i], "name"));
    s.file = file;
    s.patch =
        PatchText({{{"op", "test"}, {"path", pointer + "/id"}, {"value", id}}, {{"op", "remove"}, {"path", pointer}}});
    out.Add(Severity::kWarning, "empty_category", file, pointer,
            "Category " + Quote(Str(categories[i], "name")) + " has no products.", id, std::move(s));
  }
}

void CheckFaqs(const json& faq, Builder& out) {
  const json& faqs = Arr(faq, "faqs");
  for (size_t i = 0; i < faqs.size(); ++i) {
    if (!Arr(faqs[i], "variants").empty()) continue;
    out.Add(Severity::kInfo, "faq_without_variants", "faq.json", "/faqs/" + std::to_string(i),
            "FAQ " + Quote(Str(faqs[i], "id")) + " has no variants; other ways of asking help it be found.",
            Str(faqs[i], "id"));
  }
}

bool OpenOn(const json& branch, std::string_view day) {
  const json& hours = branch.is_object() && branch.contains("hours") ? branch["hours"] : json();
  return hours.is_object() && hours.contains(day) && hours[day].is_array() && !hours[day].empty();
}

// A delivery zone is reachable when some branch can dispatch it: the
// zone's own branch, or (zone without one) any branch, that offers delivery
// (its "services" list is absent or names "delivery") and opens on at least
// one of the zone's delivery days (all days when the zone lists none).
void CheckBranchesAndZones(const json& branches_doc, const json& delivery, Builder& out) {
  const json& branches = Arr(branches_doc, "branches");
  for (size_t i = 0; i < branches.size(); ++i) {
    bool any =
        std::any_of(kWeekdays.begin(), kWeekdays.end(), [&](std::string_view d) { return OpenOn(branches[i], d); });
    if (!any) {
      out.Add(Severity::kWarning, "branch_without_hours", "branches.json", "/branches/" + std::to_string(i) + "/hours",
              "Branch " + Quote(Str(branches[i], "name")) + " has no opening hours on any day.",
              Str(branches[i], "id"));
    }
  }
  const json& zones = Arr(delivery, "zones");
  for (size_t z = 0; z < zones.size(); ++z) {
    std::vector<std::string> days;
    for (const json& d : Arr(zones[z], "days")) {
      if (d.is_string()) days.push_back(d.get<std::string>());
    }
    if (days.empty()) days.assign(kWeekdays.begin(), kWeekdays.end());
    std::string named = Str(zones[z], "branch");
    std::string why;
    bool reachable = false;
    int candidates = 0;
    for (const json& b : branches) {
      if (!named.empty() && Str(b, "id") != named) continue;
      ++candidates;
      const json& services = Arr(b, "services");
      bool delivers = !b.contains("services") ||
                      std::any_of(services.begin(), services.end(), [](const json& s) { return s == "delivery"; });
      bool opens = std::any_of(days.begin(), days.end(), [&](const std::string& d) { return OpenOn(b, d); });
      if (delivers && opens) {
        reachable = true;
        break;
      }
      if (!named.empty()) {
        why = !delivers ? "its branch " + Quote(named) + " does not list the delivery service"
                        : "its branch " + Quote(named) + " is closed on every delivery day";
      }
    }
    if (reachable) continue;
    if (candidates == 0) {
      why = named.empty() ? "there are no branches" : "its branch " + Quote(named) + " does not exist";
    } else if (named.empty()) {
      why = "no branch offers delivery and opens on its delivery days";
    }
    out.Add(Severity::kWarning, "zone_unreachable", "delivery.json", "/zones/" + std::to_string(z),
            "Delivery zone " + Quote(Str(zones[z], "name")) + " cannot be served: " + why + ".", Str(zones[z], "id"));
  }
}

// The tenant files a report reads, parsed, by name (absent files left out).
using Docs = std::map<std::string, json, std::less<>>;

const json& Doc(const Docs& docs, std::string_view name) {
  static const json kNull;
  auto it = docs.find(name);
  return it == docs.end() ? kNull : it->second;
}

// Reads and parses every file of kFiles that exists; their texts go to
// `texts` (what Preview patches).
core::Status ReadDocs(TenantDataService& data, const core::TenantKey& key, Docs& docs, retrieval::FileTexts& texts) {
  for (std::string_view file : kFiles) {
    auto text = data.ReadFile(key, file);
    if (!text.ok()) {
      if (text.error().code == ErrorCode::kNotFound) continue;
      return text.error();
    }
    json doc = json::parse(text->text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      return core::MakeError(ErrorCode::kInternal, "published " + std::string(file) + " does not parse",
                             "The business data could not be read.");
    }
    docs.emplace(std::string(file), std::move(doc));
    texts.emplace(std::string(file), std::move(text).value().text);
  }
  return core::Status::Ok();
}

std::string LookbackDays(const SelfRepairOptions& options) { return std::to_string(options.lookback.count() / 24); }

// Words the shop uses (with how often), and words synonyms already cover.
struct ShopWords {
  std::map<std::string, int> vocabulary;
  std::unordered_set<std::string> known;
};

ShopWords CollectShopWords(const Docs& docs, const retrieval::TextNormalizer& normalizer) {
  ShopWords words;
  auto add_words = [&](const std::string& text, bool counts) {
    for (const std::string& w : normalizer.Tokenize(text)) {
      if (counts) ++words.vocabulary[w];
      words.known.insert(w);
      words.known.insert(Singular(w));
    }
  };
  for (const json& p : Arr(Doc(docs, "catalog.json"), "products")) {
    add_words(Str(p, "name"), true);
    for (const json& t : Arr(p, "tags")) add_words(t.is_string() ? t.get<std::string>() : "", true);
  }
  for (const json& c : Arr(Doc(docs, "catalog.json"), "categories")) add_words(Str(c, "name"), true);
  for (const json& s : Arr(Doc(docs, "synonyms.json"), "synonyms")) {
    add_words(Str(s, "term"), false);
    for (const json& v : Arr(s, "variants")) add_words(v.is_string() ? v.get<std::string>() : "", false);
  }
  return words;
}

// "Add `word` as another word for `shop_word`": a variant of the existing
// synonym entry for it (while that has fewer than 50), else a new entry.
RepairSuggestion SynonymSuggestion(const std::string& word, const std::string& shop_word, const json& synonyms,
                                   const retrieval::TextNormalizer& normalizer) {
  RepairSuggestion s;
  s.file = "synonyms.json";
  s.summary = "Add " + Quote(word) + " as another word for " + Quote(shop_word);
  auto existing = std::find_if(synonyms.begin(), synonyms.end(), [&](const json& e) {
    return normalizer.Normalize(Str(e, "term")) == shop_word && Arr(e, "variants").size() < 50;
  });
  if (existing != synonyms.end()) {
    std::string ptr = "/synonyms/" + std::to_string(existing - synonyms.begin());
    s.patch = PatchText({{{"op", "test"}, {"path", ptr + "/term"}, {"value", Str(*existing, "term")}},
                         {{"op", "add"}, {"path", ptr + "/variants/-"}, {"value", word}}});
  } else {
    s.patch =
        PatchText({{{"op", "add"}, {"path", "/synonyms/-"}, {"value", {{"term", shop_word}, {"variants", {word}}}}}});
  }
  return s;
}

// One finding per frequent zero-result query group: a synonym suggestion
// for the first word of the group that is a near miss of a shop word (and
// not suggested yet), else advice only.
void SuggestSynonyms(const std::vector<QueryGroup>& groups, const Docs& docs,
                     const retrieval::TextNormalizer& normalizer, const SelfRepairOptions& options, Builder& out) {
  const ShopWords shop = CollectShopWords(docs, normalizer);
  const json& synonyms = Arr(Doc(docs, "synonyms.json"), "synonyms");
  std::set<std::string> suggested_words;
  for (const QueryGroup& g : groups) {
    if (g.count < options.min_count) continue;
    std::string message = "Shoppers searched " + Quote(g.example) + " " + std::to_string(g.count) +
                          " times in the last " + LookbackDays(options) + " days and found nothing.";
    std::optional<RepairSuggestion> suggestion;
    std::string target = g.key;
    for (const std::string& w : retrieval::SplitTokens(g.key)) {
      if (w == "#" || shop.known.count(w) || shop.known.count(Singular(w)) || suggested_words.count(w)) continue;
      auto close = ClosestWord(w, shop.vocabulary);
      if (!close) continue;
      suggestion = SynonymSuggestion(w, *close, synonyms, normalizer);
      suggested_words.insert(w);
      target = w;
      break;
    }
    if (!suggestion) message += " Consider adding the product, or a synonym for a product you sell.";
    out.Add(Severity::kInfo, "frequent_zero_result", suggestion ? "synonyms.json" : "", "", std::move(message), target,
            std::move(suggestion));
  }
}

// Per FAQ: the singular words of its question and variants, and their
// normalised phrasings; and every FAQ id.
struct FaqIndex {
  std::vector<std::unordered_set<std::string>> words;
  std::vector<std::unordered_set<std::string>> phrasings;
  std::set<std::string> ids;
};

FaqIndex IndexFaqs(const json& faqs, const retrieval::TextNormalizer& normalizer) {
  FaqIndex index;
  index.words.resize(faqs.size());
  index.phrasings.resize(faqs.size());
  for (size_t i = 0; i < faqs.size(); ++i) {
    index.ids.insert(Str(faqs[i], "id"));
    std::vector<std::string> phrasings = {Str(faqs[i], "question")};
    for (const json& v : Arr(faqs[i], "variants")) phrasings.push_back(v.is_string() ? v.get<std::string>() : "");
    for (const std::string& text : phrasings) {
      index.phrasings[i].insert(normalizer.Normalize(text));
      for (const std::string& w : normalizer.Tokenize(text)) index.words[i].insert(Singular(w));
    }
  }
  return index;
}

// The FAQ sharing the largest share of `words` (the first on a tie), and
// that share; faqs.size() and 0 when none shares any.
std::pair<size_t, double> BestFaq(const std::vector<std::string>& words, const FaqIndex& index) {
  size_t best = index.words.size();
  double best_score = 0;
  for (size_t i = 0; i < index.words.size(); ++i) {
    size_t shared = std::count_if(words.begin(), words.end(),
                                  [&](const std::string& w) { return index.words[i].count(Singular(w)) > 0; });
    double score = static_cast<double>(shared) / static_cast<double>(words.size());
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return {best, best_score};
}

// "new-" plus a slug of the words (at most 40 characters), unique among
// `ids`, which it joins.
std::string NewFaqId(const std::vector<std::string>& words, std::set<std::string>& ids) {
  std::string slug;
  for (char c : Join(words)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum)
      slug += c;
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  std::string id = "new-" + (slug.empty() ? std::string("question") : slug);
  for (int n = 2; ids.count(id); ++n) id = "new-" + slug + "-" + std::to_string(n);
  ids.insert(id);
  return id;
}

// One finding per frequent unanswered query group: its phrasing as a new
// variant of the FAQ that shares enough of its words, or (needing the
// owner's answer) a new FAQ. Skipped when the phrasing already is a
// variant: then the matcher, not the data, is at fault.
void SuggestFaqVariants(const std::vector<QueryGroup>& groups, const json& faq_doc,
                        const retrieval::TextNormalizer& normalizer, const SelfRepairOptions& options, Builder& out) {
  const json& faqs = Arr(faq_doc, "faqs");
  FaqIndex index = IndexFaqs(faqs, normalizer);
  for (const QueryGroup& g : groups) {
    if (g.count < options.min_count) continue;
    std::vector<std::string> words;
    for (const std::string& w : retrieval::SplitTokens(g.key)) {
      if (w != "#") words.push_back(w);
    }
    if (words.empty()) continue;
    std::string phrasing = HasDigitOrAt(g.example) ? Join(words) : normalizer.Normalize(g.example);
    if (phrasing.size() > kMaxShortText) phrasing = Join(words).substr(0, kMaxShortText);
    if (phrasing.empty()) continue;

    auto [best, best_score] = BestFaq(words, index);
    std::string message = "Shoppers asked " + Quote(g.example) + " " + std::to_string(g.count) + " times in the last " +
                          LookbackDays(options) + " days and got no answer.";
    RepairSuggestion s;
    s.file = "faq.json";
    if (best < faqs.size() && best_score >= options.faq_overlap) {
      if (index.phrasings[best].count(phrasing)) continue;
      std::string ptr = "/faqs/" + std::to_string(best);
      std::string id = Str(faqs[best], "id");
      s.summary = "Add " + Quote(phrasing) + " as a way of asking FAQ " + Quote(id);
      json add = Arr(faqs[best], "variants").empty() && !faqs[best].contains("variants")
                     ? json{{"op", "add"}, {"path", ptr + "/variants"}, {"value", {phrasing}}}
                     : json{{"op", "add"}, {"path", ptr + "/variants/-"}, {"value", phrasing}};
      s.patch = PatchText({{{"op", "test"}, {"path", ptr + "/id"}, {"value", id}}, add});
    } else {
      // A new entry needs an answer only the owner knows: preview only.
      std::string id = NewFaqId(words, index.ids);
      s.summary = "Add a new FAQ for " + Quote(phrasing) + " (write its answer first)";
      s.applicable = false;
      s.patch = PatchText({{{"op", "add"},
                            {"path", "/faqs/-"},
                            {"value",
                             {{"id", id},
                              {"question", phrasing},
                              {"variants", json::array()},
                              {"answer", "(write the answer here)"}}}}});
    }
    out.Add(Severity::kInfo, "frequent_unanswered", "faq.json", "", std::move(message), g.key, std::move(s));
  }
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "info";
}

SelfRepair::SelfRepair(TenantDataService& data, const AnalyticsService& analytics, const core::Clock& clock,
                       SelfRepairOptions options)
    : data_(data), analytics_(analytics), clock_(clock), options_(options) {}

core::Result<RepairReport> SelfRepair::Report(const core::TenantKey& key) const { return Compute(key, nullptr); }

core::Result<RepairReport> SelfRepair::Compute(const core::TenantKey& key, retrieval::FileTexts* texts_out) const {
  RepairReport report;
  report.tenant = key.str();
  auto versions = data_.ListVersions(key);
  if (!versions.ok()) return versions.error();
  for (const auto& v : *versions) {
    if (v.current) report.version = v.version;
  }

  retrieval::FileTexts texts;
  Docs docs;
  if (auto read = ReadDocs(data_, key, docs, texts); !read.ok()) return read.error();

  Builder out;
  CheckCatalog(Doc(docs, "catalog.json"), out);
  CheckFaqs(Doc(docs, "faq.json"), out);
  CheckBranchesAndZones(Doc(docs, "branches.json"), Doc(docs, "delivery.json"), out);

  report.to = clock_.Now();
  report.from = report.to - options_.lookback;
  auto kpis = analytics_.Kpis(key, report.from, report.to, "");
  if (!kpis.ok()) return kpis.error();
  SuggestSynonyms(kpis->top_zero_result, docs, normalizer_, options_, out);
  SuggestFaqVariants(kpis->top_unanswered, Doc(docs, "faq.json"), normalizer_, options_, out);

  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const RepairFinding& a, const RepairFinding& b) { return a.severity < b.severity; });
  report.findings = std::move(out.findings);
  if (texts_out) *texts_out = std::move(texts);
  return report;
}

core::Result<RepairPreview> SelfRepair::Locate(const core::TenantKey& key, std::string_view id) const {
  retrieval::FileTexts texts;
  auto report = Compute(key, &texts);
  if (!report.ok()) return report.error();
  auto it = std::find_if(report->findings.begin(), report->findings.end(),
                         [&](const RepairFinding& f) { return f.id == id; });
  if (it == report->findings.end()) {
    return core::MakeError(ErrorCode::kConflict, "no finding " + std::string(id) + " in the current report",
                           "This suggestion no longer applies: the data or the questions changed. Reload the report.");
  }
  if (!it->suggestion) {
    return core::MakeError(ErrorCode::kNotFound, "finding " + std::string(id) + " has no suggestion",
                           "There is no automatic fix for this finding.");
  }
  const RepairSuggestion& s = *it->suggestion;
  RepairPreview preview;
  preview.id = it->id;
  preview.file = s.file;
  preview.version = report->version;
  preview.patch = s.patch;
  preview.applicable = s.applicable;
  auto text = texts.find(s.file);
  json base = EmptyDoc(s.file);
  if (text != texts.end()) {
    preview.before = text->second;
    base = json::parse(text->second, nullptr, false);
  }
  try {
    preview.after = base.patch(json::parse(s.patch)).dump(2) + "\n";
  } catch (const json::exception& e) {
    return core::MakeError(ErrorCode::kConflict, std::string("patch does not apply: ") + e.what(),
                           "This suggestion no longer applies. Reload the report.");
  }
  return preview;
}

core::Result<RepairPreview> SelfRepair::Preview(const core::TenantKey& key, std::string_view id) const {
  return Locate(key, id);
}

core::Result<retrieval::VersionInfo> SelfRepair::Apply(const core::TenantKey& key, std::string_view id,
                                                       const std::string& actor) {
  std::lock_guard lock(apply_mu_);
  auto preview = Locate(key, id);
  if (!preview.ok()) return preview.error();
  if (!preview->applicable) {
    return core::MakeError(ErrorCode::kInvalidArgument, "suggestion " + std::string(id) + " needs owner input",
                           "This suggestion needs your input (for example an answer) before it can be applied.");
  }
  // Only on top of the version the suggestion was computed on.
  auto info = data_.ReplaceFile(key, preview->file, std::move(preview->after), actor, preview->version);
  if (!info.ok() && info.error().code == ErrorCode::kPreconditionFailed) {
    return core::MakeError(ErrorCode::kConflict, "data changed while applying " + std::string(id),
                           "The business data changed meanwhile; look at the report again.");
  }
  return info;
}

}  // namespace services
