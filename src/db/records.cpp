#include "db/records.h"

#include <array>
#include <utility>

namespace db {

bool IsLeadStatus(std::string_view status) {
  return status == "new" || status == "active" || status == "won" || status == "lost";
}

bool IsUserRole(std::string_view role) { return role == "owner" || role == "staff" || role == "admin"; }

std::optional<LeadSort> ParseLeadSort(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, LeadSort>, 5> kSorts = {{
      {"last_seen_desc", LeadSort::kLastSeenDesc},
      {"created_desc", LeadSort::kCreatedDesc},
      {"created_asc", LeadSort::kCreatedAsc},
      {"name_asc", LeadSort::kNameAsc},
      {"value_desc", LeadSort::kValueDesc},
  }};
  for (const auto& [n, sort] : kSorts) {
    if (n == name) return sort;
  }
  return std::nullopt;
}

}  // namespace db
