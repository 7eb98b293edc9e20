// Quantity scanners: how much the shopper wants ("2kg", "a dozen", "x2",
// "three") and how many people they are feeding ("for 6", "4 adults and 2
// kids"). Slashed fractions ("1 1/2 lb") are read with the numeric dates
// (dates.h), which tell them from dates.
//
// found().quantity keeps the first quantity set; its unit is the canonical
// lexicon unit ("kg", "lb", "each", "pack"...) or empty for a plain count.
// Internal to services/understanding: run by ExtractEntities in its order.
#pragma once

#include "services/understanding/entities/scan_state.h"

namespace services::entities {

// The largest quantity read; a larger one ("x99999999999999999999", "100001
// burgers") is refused, as are zero, negatives, infinities and NaN.
inline constexpr double kMaxQuantity = 100000;
bool SensibleQuantity(double value);

// The first party size: a whole count 1..1000 followed by a people word ("6
// guests", "5 of us") or preceded by "feeds/serves", "party/group/table of",
// "we are", "we're", or "for" when the next word still fits a party ("bbq box
// for 6 on sunday"; not "3 for 10", "price for 3", "for 2 hours"). "4 adults
// and 2 kids" adds up. A range ("between 10 and 20 people", "10 to 20
// guests", "for 10 or 12") is its upper end. Its tokens become used.
void ScanPeople(ScanState& state);

// Counts with a unit, left to right: "2kg", "2 kilos", "3 packs", "2x",
// "x2", "2 x", "1 and a half kilos", "half a kilo", "quarter of a pound",
// "a kilo". Every match becomes used, even after found().quantity is set or
// when it is refused as not sensible.
void ScanUnitQuantities(ScanState& state);

// If no quantity is set yet: the first free count up to kMaxQuantity ("I want 3",
// "two ribeyes", "a dozen") that is not "one", not a year, not before a time
// word ("2 days", "6 pm") and not after a word that makes it a reference ("order
// 12345", "room 4", "at 6", "in 2").
void ScanBareQuantity(ScanState& state);

}  // namespace services::entities
