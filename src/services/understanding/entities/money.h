// Money scanner: amounts, and budgets from the words around them.
//
// Internal to services/understanding: run by ExtractEntities in its order.
#pragma once

#include "services/understanding/entities/scan_state.h"

namespace services::entities {

// Reads free tokens as money and files each amount by its cue:
//   ranges first: "between £10 and £20", "between 10 and 20 dollars"
//     -> budget_min and budget_max;
//   then, left to right, "£10", "10 pounds" (GBP shops only, and not before
//   "of"), "$15", "15 bucks", "50p", "€12.50", "20 quid", "a tenner", "10.50"
//   (two decimals: the shop's currency), and a bare number after a budget cue
//   ("below 10") unless a word says what it counts ("under 5 kg");
//   "under/max/up to/less than/budget/..." before or "max/or less/tops"
//   after -> budget_max; "over/at least/more than/..." before or "plus/or
//   more" after -> budget_min; anything else -> amount.
// Each field keeps the first value filed to it. The money's tokens become
// used, so later scanners do not read "£60" as a count or "10 pounds" as a
// weight.
void ScanMoney(ScanState& state);

}  // namespace services::entities
