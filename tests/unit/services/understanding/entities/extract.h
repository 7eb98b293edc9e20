// Shared by the entity scanner tests: run the whole extractor on one message
// in a UK (GBP) or US (USD, ZIP) shop on a given day.
#pragma once

#include <string>
#include <string_view>

#include "core/money.h"
#include "retrieval/text_normalizer.h"
#include "services/understanding/entity_extractor.h"

namespace entities_test {

inline services::ExtractionContext Uk() { return services::ExtractionContext{}; }

inline services::ExtractionContext Us() {
  services::ExtractionContext context;
  context.postcode_system = retrieval::PostcodeSystem::kUsZip;
  context.currency = "USD";
  return context;
}

inline services::ExtractionContext On(services::ExtractionContext context, int year, int month, int day) {
  context.current_year = year;
  context.current_month = month;
  context.current_day = day;
  return context;
}

inline services::Entities E(std::string_view raw, const services::ExtractionContext& context = Uk()) {
  return services::ExtractEntities(raw, retrieval::TextNormalizer().Normalize(raw), context);
}

inline bool Nothing(const services::Entities& e) {
  return !(e.postcode || e.email || e.phone || e.name || e.people || e.quantity || e.budget_max || e.budget_min ||
           e.amount || e.weekday || e.date || e.today || e.tomorrow);
}

inline std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

inline core::Money Gbp(int64_t minor) { return core::Money{minor, "GBP"}; }
inline core::Money Usd(int64_t minor) { return core::Money{minor, "USD"}; }

}  // namespace entities_test
