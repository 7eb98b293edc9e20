#include "services/records/crm_views.h"

#include <array>
#include <utility>

#include "db/records.h"

namespace services {

bool IsLeadStatus(std::string_view status) { return db::IsLeadStatus(status); }

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

}  // namespace services
