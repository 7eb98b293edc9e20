// Postcode scanners: a UK postcode or a US ZIP, by the shop's
// ExtractionContext::postcode_system, parsed with retrieval::ParsePostcode.
// Only one postcode is kept; its tokens become used.
//
// Internal to services/understanding: run by ExtractEntities in its order.
#pragma once

#include "services/understanding/entities/scan_state.h"

namespace services::entities {

// UK shops: the first full postcode in one token ("ls61ab") or two ("LS6
// 1AB"). An inward part that reads as a unit or an ordinal ("a1 2kg", "b1
// 1st") joins only after "to", "in" or a delivery word.
void ScanFullUkPostcode(ScanState& state);

// UK shops without a full postcode: an outward code ("LS6") only when cued,
// because short codes are also product names ("a1 steak"): after "to",
// "in", "near", "around", "deliver 2", "postcode is" or a delivery word,
// before a delivery word (also across a Hinglish postposition: "BS5 mein
// deliver"), alone in the message, or among words that all
// start with a non-ASCII letter (a script we do not read: "هل توصلون إلى
// LS6؟").
void ScanOutwardPostcode(ScanState& state);

// US shops: the first free five-digit token not followed by a unit or a
// people word ("10000 lbs"). A four-digit token after it (the +4 of
// "97214-1234") is used with it.
void ScanZip(ScanState& state);

}  // namespace services::entities
