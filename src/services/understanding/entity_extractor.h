// EntityExtractor: the structured facts in one shopper message that do not
// depend on the catalog: postcodes/ZIPs, contact details, the shopper's name,
// amounts of money, quantities, party size and days. Product and category
// mentions are found by the catalog store, not here.
//
// Hand-written scanners (no std::regex): a message is scanned in a few
// microseconds. Pure and thread-safe. The scanners live in entities/, one
// file per entity family; ExtractEntities runs them in a fixed order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/money.h"
#include "retrieval/geo_store.h"
#include "retrieval/text_normalizer.h"

namespace services {

struct Entities {
  // Postcode or ZIP as typed, parsed with GeoStore::ParsePostcode rules;
  // UK outward-only codes ("LS6") are accepted only next to a delivery word
  // ("deliver", "delivery", "postcode", "area", "to", "in") or alone in the
  // message, so "a1 steak" is not a postcode.
  std::optional<retrieval::Postcode> postcode;
  std::optional<std::string> email;  // lower-cased
  std::optional<std::string> phone;  // digits with a leading '+' if given: "+447700900123", "01134960123"
  std::optional<std::string> name;   // "my name is adam" / "I'm Sara" / "this is Jo" / "call me Sam" -> "Adam", "Sara"
  std::optional<int> people;         // "for 6 people", "for six", "feeds 8", "party of 10", "6 guests"
  std::optional<double> quantity;    // "2kg" -> 2 (unit "kg"), "500g" -> 500 ("g"), "two" -> 2, "a dozen" -> 12
  std::string quantity_unit;         // "kg", "g", "lb", "each", ... or empty
  // The tokens of `normalized` the quantity was read from, [first, last]
  // (unset for slashed fractions), so the router can tell a number inside a
  // product's name ("one 12-inch pizza base") from a count.
  std::optional<std::pair<size_t, size_t>> quantity_tokens;
  bool quantity_marked = false;           // counted explicitly: "2x", "x2", "2 x"
  std::optional<core::Money> budget_max;  // "under £20", "less than 15 dollars", "max $50", "below 10"
  std::optional<core::Money> budget_min;  // "over £20", "more than $100", "at least 30"
  std::optional<core::Money> amount;      // any other money mentioned: "£10", "15 dollars"
  std::optional<int> weekday;             // 0 = Monday .. 6 = Sunday ("on sunday", "sun", "this weds")
  bool today = false;                     // "today", "tonight", "now", "right now"
  bool tomorrow = false;                  // "tomorrow", "tmrw", "tmr"
  std::optional<std::string>
      date;  // ISO date from "2026-12-24", "24/12", "24th december", "dec 24"; year = next occurrence
};

struct ExtractionContext {
  retrieval::PostcodeSystem postcode_system = retrieval::PostcodeSystem::kUk;
  std::string currency = "GBP";  // for amounts without a symbol
  int current_year = 2026;       // to complete dates without a year
  int current_month = 1;
  int current_day = 1;
};

// One entity as a name and a value, for encoders (the chat API, the turn's
// records): "postcode" (normalized), "email", "phone", "name", "people",
// "quantity" with "quantity_unit", "budget_max", "budget_min", "amount"
// (formatted money), "weekday" (0 = Monday), "today", "tomorrow" (true),
// "date" (ISO). Only the entities found, in that order.
struct EntityField {
  std::string_view name;
  std::variant<std::string, int64_t, double, bool> value;
};
std::vector<EntityField> EntityFields(const Entities& e);

// `raw` is the message as typed (for emails, phones, names' capitals);
// `normalized` is TextNormalizer::Normalize(raw).
Entities ExtractEntities(std::string_view raw, std::string_view normalized, const ExtractionContext& context);

}  // namespace services
