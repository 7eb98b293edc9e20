// Contact scanners: the shopper's email, phone number and name. All three
// read the raw text, where the "@", the digit grouping and the capitals are
// still there.
//
// Internal to services/understanding: run by ExtractEntities in its order.
#pragma once

#include "services/understanding/entities/scan_state.h"

namespace services::entities {

// The first well-formed address ("sara.k@example.com"): a local part, "@",
// and a domain with a dot, no "..", two or more characters after its last
// dot and a letter at the end. Stored lower-cased in found().email; its bytes
// and tokens become used.
void ScanEmail(ScanState& state);

// The first run of 10-15 digits in groups ("07700 900123", "+44 (0)7700
// 900123", "(503) 555-0134") that starts after a space or punctuation other
// than a currency sign, "$", ".", ",", "/", ":", "-" or "+", skips used raw
// bytes, and is not glued to a letter or followed by decimals (a price).
// Stored as digits, with '+' when typed, in found().phone; its bytes and
// tokens become used.
void ScanPhone(ScanState& state);

// A name after a cue in the raw text: "my name is", "name is", "name:",
// "call me" (any case), "I'm", "I am", "im", "this is" (capitalised words
// only). Up to two further capitalised words on the same line join it ("Sara
// Khan"); a word in the not-a-name list ("looking", "from", "vegetarian"...)
// or with a digit is no name. Without a cue, one to three capitalised words
// opening a message that gives a phone or an email, ended by a comma or the
// number ("Sara Khan, 07700 900123", "it's Tom Reed, 07700 900555"). Stored
// capitalised in found().name. Reads used marks (for the last case) and sets
// none.
void ScanName(ScanState& state);

}  // namespace services::entities
