#include "retrieval/geo_store.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

#include "retrieval/text_normalizer.h"

namespace retrieval {

using core::ErrorCode;
using nlohmann::json;

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

// Words that name no particular branch even when a tenant happens to put
// them in a branch name or city ("Portland, OR" must not match "or").
const std::set<std::string, std::less<>> kGenericWords = {
    "a",    "an",    "and",      "at",     "branch", "branches", "by",   "for", "from", "in",
    "is",   "it",    "location", "my",     "near",   "of",       "on",   "or",  "our",  "outlet",
    "shop", "shops", "store",    "stores", "the",    "to",       "with", "your"};

std::string Compact(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Fixed 6 decimals (about 0.1 m) without trailing zeros: "53.8128".
std::string Coordinate(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed, 6);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

}  // namespace

core::Result<std::unique_ptr<GeoStore>> GeoStore::Build(const json& branches, const json& postcodes,
                                                        PostcodeSystem system) {
  std::unique_ptr<GeoStore> store(new GeoStore());
  store->system_ = system;
  try {
    if (branches.is_object() && branches.contains("branches")) {
      for (const json& b : branches.at("branches")) {
        Branch branch;
        branch.id = b.at("id").get<std::string>();
        branch.name = b.at("name").get<std::string>();
        branch.address = Str(b, "address");
        branch.city = Str(b, "city");
        branch.postcode = Str(b, "postcode");
        branch.phone = Str(b, "phone");
        branch.email = Str(b, "email");
        branch.lat = b.at("lat").get<double>();
        branch.lon = b.at("lon").get<double>();
        if (b.contains("services")) branch.services = b.at("services").get<std::vector<std::string>>();
        store->branches_.push_back(std::move(branch));
      }
    }
    if (postcodes.is_object() && postcodes.contains("locations")) {
      for (const auto& [code, where] : postcodes.at("locations").items()) {
        store->locations_.emplace_back(Compact(code), Location{where.at(0).get<double>(), where.at(1).get<double>()});
      }
    }
  } catch (const json::exception& e) {
    return core::MakeError(ErrorCode::kInvalidArgument, std::string("branches/postcodes data: ") + e.what(),
                           "The branch data is invalid.");
  }
  // Stable so that, should a file repeat a key, the first entry wins.
  std::stable_sort(store->locations_.begin(), store->locations_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  TextNormalizer normalizer;
  for (size_t i = 0; i < store->branches_.size(); ++i) {
    const Branch& b = store->branches_[i];
    for (const std::string& w : normalizer.Tokenize(b.id + " " + b.name + " " + b.city)) {
      if (w.size() < 2 || kGenericWords.count(w)) continue;
      store->branch_words_[w].insert(i);
    }
  }
  return store;
}

std::optional<std::pair<double, double>> GeoStore::Locate(const Postcode& postcode) const {
  auto lookup = [this](const std::string& code) -> std::optional<std::pair<double, double>> {
    if (code.empty()) return std::nullopt;
    auto it = std::lower_bound(locations_.begin(), locations_.end(), code,
                               [](const auto& entry, const std::string& key) { return entry.first < key; });
    if (it == locations_.end() || it->first != code) return std::nullopt;
    return std::make_pair(it->second.lat, it->second.lon);
  };
  // A branch's own coordinates beat a centroid for its exact code, and stand
  // in for an outward code / ZIP the tenant listed no location for.
  auto branch_with = [this](const std::string& code, bool whole) -> std::optional<std::pair<double, double>> {
    for (const Branch& b : branches_) {
      auto parsed = retrieval::ParsePostcode(b.postcode, system_);
      if (!parsed) continue;
      const std::string& key = whole ? parsed->normalized : parsed->outward;
      if (Compact(key) == code) return std::make_pair(b.lat, b.lon);
    }
    return std::nullopt;
  };

  const std::string outward = Compact(postcode.outward.empty() ? postcode.normalized : postcode.outward);
  if (system_ == PostcodeSystem::kUk && postcode.full) {
    const std::string whole = Compact(postcode.normalized);
    if (auto hit = lookup(whole)) return hit;
    if (auto hit = branch_with(whole, true)) return hit;
  }
  if (auto hit = lookup(outward)) return hit;
  return branch_with(outward, false);
}

std::vector<NearbyBranch> GeoStore::Nearest(const Postcode& postcode, size_t limit) const {
  std::vector<NearbyBranch> out;
  auto where = Locate(postcode);
  if (!where) return out;
  out.reserve(branches_.size());
  for (const Branch& b : branches_) {
    out.push_back({&b, DistanceKm(where->first, where->second, b.lat, b.lon)});
  }
  std::stable_sort(out.begin(), out.end(), [](const NearbyBranch& a, const NearbyBranch& b) { return a.km < b.km; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

const Branch* GeoStore::FindBranch(std::string_view normalized_text) const {
  if (branches_.empty()) return nullptr;
  const auto& index = branch_words_;

  // A word every branch shares (the brand, a common city) tells them apart
  // no better than no word at all.
  std::set<size_t> strong;                 // branches named by a word only they carry
  std::optional<std::set<size_t>> shared;  // intersection of words several carry
  for (const std::string& token : SplitTokens(normalized_text)) {
    auto it = index.find(token);
    if (it == index.end()) continue;
    const std::set<size_t>& owners = it->second;
    if (branches_.size() > 1 && owners.size() == branches_.size()) continue;
    if (owners.size() == 1) {
      strong.insert(*owners.begin());
      continue;
    }
    if (!shared) {
      shared = owners;
    } else {
      std::set<size_t> both;
      std::set_intersection(shared->begin(), shared->end(), owners.begin(), owners.end(),
                            std::inserter(both, both.end()));
      shared = std::move(both);
    }
  }
  if (strong.size() == 1) return &branches_[*strong.begin()];
  if (strong.size() > 1) return nullptr;
  if (shared && shared->size() == 1) return &branches_[*shared->begin()];
  return nullptr;
}

const Branch* GeoStore::BranchById(std::string_view id) const {
  for (const Branch& b : branches_) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

std::string GeoStore::MapLink(const Branch& branch) {
  return "https://www.google.com/maps/search/?api=1&query=" + Coordinate(branch.lat) + "," + Coordinate(branch.lon);
}

double GeoStore::DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace retrieval
