#include "retrieval/tenant_validation.h"

#include <set>
#include <string>

#include "core/json_depth.h"

namespace retrieval {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::ErrorDetail;
using nlohmann::json;

namespace {

std::string Ptr(std::string_view base, size_t index, std::string_view field = {}) {
  std::string p = std::string(base) + "/" + std::to_string(index);
  if (!field.empty()) p += "/" + std::string(field);
  return p;
}

const json& Array(const json& doc, std::string_view key) {
  static const json kEmpty = json::array();
  if (!doc.is_object()) return kEmpty;
  auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

std::string Str(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int Minutes(const std::string& hhmm) {
  if (hhmm.size() != 5) return -1;
  return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

// Flags repeated values of `field` across the array at `base`.
void CheckUnique(const std::string& file, const json& items, std::string_view base, std::string_view field,
                 std::string_view what, std::vector<ErrorDetail>& out, std::set<std::string>* collected = nullptr) {
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string v = Str(items[i], field);
    if (v.empty()) continue;
    if (!seen.insert(v).second) {
      out.push_back({file, Ptr(base, i, field), "duplicate " + std::string(what) + " '" + v + "'"});
    }
  }
  if (collected) *collected = std::move(seen);
}

void CheckIntervals(const std::string& file, const json& intervals, const std::string& pointer,
                    std::vector<ErrorDetail>& out) {
  int previous_close = -1;
  for (size_t k = 0; k < intervals.size(); ++k) {
    int open = Minutes(Str(intervals[k], "open"));
    int close = Minutes(Str(intervals[k], "close"));
    if (open >= close) {
      out.push_back({file, Ptr(pointer, k), "closing time must be after opening time"});
    } else if (open < previous_close) {
      out.push_back({file, Ptr(pointer, k), "opening hours overlap the previous interval"});
    }
    previous_close = close;
  }
}

}  // namespace

std::string FormatDetails(const std::vector<ErrorDetail>& details) {
  std::string out;
  for (const auto& d : details) {
    out += d.file;
    out += ' ';
    out += d.pointer.empty() ? "(document)" : d.pointer;
    out += ": ";
    out += d.message;
    out += '\n';
  }
  return out;
}

core::Result<FileTexts> ReadTenantDir(FileSystem& fs, const fs::path& dir) {
  if (!fs.Exists(dir)) {
    return core::MakeError(ErrorCode::kUnknownTenant, "no tenant folder " + dir.string(), "Unknown business.");
  }
  FileTexts texts;
  std::vector<ErrorDetail> problems;
  for (const std::string& name : fs.List(dir)) {
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) continue;
    if (!FindTenantFile(name)) {
      problems.push_back({name, "",
                          "unknown tenant file (expected one of store_info.json, catalog.json, "
                          "branches.json, delivery.json, postcodes.json, faq.json, synonyms.json, "
                          "branding.json, overrides.json, channels.json)"});
      continue;
    }
    auto text = fs.ReadFile(dir / name);
    if (!text.ok()) return text.error();
    if (text->size() > kMaxTenantFileBytes) {
      problems.push_back({name, "", "file is larger than " + std::to_string(kMaxTenantFileBytes) + " bytes"});
      continue;
    }
    texts.emplace(name, std::move(text).value());
  }
  if (!problems.empty()) {
    core::Error e = core::MakeError(ErrorCode::kSchemaInvalid, "tenant folder " + dir.string() + " is invalid",
                                    "The business data is invalid.");
    e.details = std::move(problems);
    return e;
  }
  return texts;
}

core::Result<FileDocs> ValidateTenantFiles(const SchemaValidator& schemas, const FileTexts& texts) {
  std::vector<ErrorDetail> details;
  FileDocs docs;
  bool parse_failed = false;
  for (const auto& spec : kTenantFiles) {
    auto it = texts.find(spec.name);
    if (it == texts.end()) {
      if (spec.required) details.push_back({std::string(spec.name), "", "required file is missing"});
      continue;
    }
    if (it->second.size() > kMaxTenantFileBytes) {
      details.push_back({it->first, "", "file is larger than " + std::to_string(kMaxTenantFileBytes) + " bytes"});
      continue;
    }
    if (!core::JsonNestingWithin(it->second)) {
      details.push_back({it->first, "", "invalid JSON: nested more than " + std::to_string(core::kMaxJsonDepth) +
                                            " levels deep"});
      parse_failed = true;
      continue;
    }
    json doc;
    try {
      doc = json::parse(it->second);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number like 1e400
      // what() is "[json.exception.parse_error.101] parse error at line 3, column 7: ...".
      std::string msg = e.what();
      if (auto pos = msg.find("] "); pos != std::string::npos) msg = msg.substr(pos + 2);
      details.push_back({it->first, "", "invalid JSON: " + msg});
      parse_failed = true;
      continue;
    }
    auto errors = schemas.Validate(spec.name, doc);
    details.insert(details.end(), errors.begin(), errors.end());
    docs.emplace(std::string(spec.name), std::move(doc));
  }
  for (const auto& [name, text] : texts) {
    if (!FindTenantFile(name)) details.push_back({name, "", "unknown tenant file"});
  }
  if (details.empty()) {
    auto integrity = CheckIntegrity(docs);
    details.insert(details.end(), integrity.begin(), integrity.end());
  }
  if (!details.empty()) {
    bool only_parse = parse_failed && details.size() == 1;
    core::Error e = core::MakeError(only_parse ? ErrorCode::kInvalidJson : ErrorCode::kSchemaInvalid,
                                    "tenant data rejected:\n" + FormatDetails(details),
                                    "The data was rejected; nothing was changed. See details.");
    e.details = std::move(details);
    return e;
  }
  return docs;
}

std::vector<ErrorDetail> CheckIntegrity(const FileDocs& docs) {
  std::vector<ErrorDetail> out;
  auto doc = [&](std::string_view name) -> const json& {
    static const json kNull;
    auto it = docs.find(name);
    return it == docs.end() ? kNull : it->second;
  };

  const std::string catalog_file = "catalog.json";
  const json& catalog = doc(catalog_file);
  std::set<std::string> category_ids, skus, branch_ids;
  CheckUnique(catalog_file, Array(catalog, "categories"), "/categories", "id", "category id", out, &category_ids);
  const json& products = Array(catalog, "products");
  CheckUnique(catalog_file, products, "/products", "sku", "SKU", out, &skus);
  for (size_t i = 0; i < products.size(); ++i) {
    std::string category = Str(products[i], "category");
    if (!category_ids.count(category)) {
      out.push_back({catalog_file, Ptr("/products", i, "category"), "unknown category '" + category + "'"});
    }
    const json& related = Array(products[i], "related");
    for (size_t k = 0; k < related.size(); ++k) {
      if (related[k].is_string() && !skus.count(related[k].get<std::string>())) {
        out.push_back({catalog_file, Ptr("/products/" + std::to_string(i) + "/related", k),
                       "unknown SKU '" + related[k].get<std::string>() + "'"});
      }
    }
  }
  const json& bundles = Array(catalog, "bundles");
  CheckUnique(catalog_file, bundles, "/bundles", "id", "bundle id", out);
  for (size_t i = 0; i < bundles.size(); ++i) {
    const json& items = Array(bundles[i], "per_person");
    for (size_t k = 0; k < items.size(); ++k) {
      std::string sku = Str(items[k], "sku");
      if (!skus.count(sku)) {
        out.push_back({catalog_file, Ptr("/bundles/" + std::to_string(i) + "/per_person", k, "sku"),
                       "unknown SKU '" + sku + "'"});
      }
    }
    if (bundles[i].contains("min_people") && bundles[i].contains("max_people") &&
        bundles[i]["min_people"].get<int>() > bundles[i]["max_people"].get<int>()) {
      out.push_back({catalog_file, Ptr("/bundles", i, "max_people"), "max_people is below min_people"});
    }
  }

  const std::string branches_file = "branches.json";
  const json& branches = Array(doc(branches_file), "branches");
  CheckUnique(branches_file, branches, "/branches", "id", "branch id", out, &branch_ids);
  for (size_t i = 0; i < branches.size(); ++i) {
    const json& hours = branches[i]["hours"];
    for (auto& [day, intervals] : hours.items()) {
      CheckIntervals(branches_file, intervals, "/branches/" + std::to_string(i) + "/hours/" + day, out);
    }
    const json& closures = Array(branches[i], "closures");
    for (size_t k = 0; k < closures.size(); ++k) {
      if (closures[k].contains("hours")) {
        CheckIntervals(branches_file, closures[k]["hours"],
                       "/branches/" + std::to_string(i) + "/closures/" + std::to_string(k) + "/hours", out);
      }
    }
  }

  const std::string delivery_file = "delivery.json";
  const json& zones = Array(doc(delivery_file), "zones");
  std::set<std::string> zone_ids;
  CheckUnique(delivery_file, zones, "/zones", "id", "zone id", out, &zone_ids);
  for (size_t i = 0; i < zones.size(); ++i) {
    std::string branch = Str(zones[i], "branch");
    if (!branch.empty() && !branch_ids.count(branch)) {
      out.push_back({delivery_file, Ptr("/zones", i, "branch"), "unknown branch '" + branch + "'"});
    }
    const json& ranges = Array(zones[i], "postcode_ranges");
    for (size_t k = 0; k < ranges.size(); ++k) {
      if (Str(ranges[k], "from") > Str(ranges[k], "to")) {
        out.push_back({delivery_file, Ptr("/zones/" + std::to_string(i) + "/postcode_ranges", k),
                       "'from' is after 'to'"});
      }
    }
  }
  const json& exceptions = Array(doc(delivery_file), "exceptions");
  for (size_t i = 0; i < exceptions.size(); ++i) {
    const json& ids = Array(exceptions[i], "zones");
    for (size_t k = 0; k < ids.size(); ++k) {
      if (!zone_ids.count(ids[k].get<std::string>())) {
        out.push_back({delivery_file, Ptr("/exceptions/" + std::to_string(i) + "/zones", k),
                       "unknown zone '" + ids[k].get<std::string>() + "'"});
      }
    }
  }

  CheckUnique("faq.json", Array(doc("faq.json"), "faqs"), "/faqs", "id", "FAQ id", out);
  return out;
}

}  // namespace retrieval
