// GeoStore: branches, postcode/ZIP normalisation and nearest-branch lookup for
// one tenant version. Thread-safe (immutable after Build).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "retrieval/postcode.h"

namespace retrieval {

struct Branch {
  std::string id;
  std::string name;
  std::string address;
  std::string city;
  std::string postcode;
  std::string phone;
  std::string email;
  double lat = 0;
  double lon = 0;
  std::vector<std::string> services;
};

struct NearbyBranch {
  const Branch* branch = nullptr;
  double km = 0;
};

class GeoStore {
 public:
  // `branches` is branches.json or null, `postcodes` postcodes.json or null.
  static core::Result<std::unique_ptr<GeoStore>> Build(const nlohmann::json& branches, const nlohmann::json& postcodes,
                                                       PostcodeSystem system);

  PostcodeSystem system() const { return system_; }
  const std::vector<Branch>& branches() const { return branches_; }

  // retrieval::ParsePostcode with this tenant's system.
  std::optional<Postcode> ParsePostcode(std::string_view text) const { return retrieval::ParsePostcode(text, system_); }

  // Approximate location: the full code, else its outward code / ZIP, from
  // postcodes.json or a branch with that (outward) code; nullopt if unknown.
  std::optional<std::pair<double, double>> Locate(const Postcode& postcode) const;

  // Branches by great-circle distance from the postcode; empty if it cannot
  // be located.
  std::vector<NearbyBranch> Nearest(const Postcode& postcode, size_t limit) const;

  // A branch named in `normalized_text` by id, name or city/area word
  // ("harehills", "hawthorne shop"); null if none or ambiguous.
  const Branch* FindBranch(std::string_view normalized_text) const;
  const Branch* BranchById(std::string_view id) const;

  // https://www.google.com/maps/search/?api=1&query=<lat>,<lon>
  static std::string MapLink(const Branch& branch);
  static double DistanceKm(double lat1, double lon1, double lat2, double lon2);

 private:
  GeoStore() = default;
  PostcodeSystem system_ = PostcodeSystem::kUk;
  std::vector<Branch> branches_;
  struct Location {
    double lat, lon;
  };
  std::vector<std::pair<std::string, Location>> locations_;  // sorted by code
  // Normalized word of a branch id, name or city -> indexes of the branches
  // it names (generic words left out). Built once in Build.
  std::map<std::string, std::set<size_t>, std::less<>> branch_words_;
};

}  // namespace retrieval
