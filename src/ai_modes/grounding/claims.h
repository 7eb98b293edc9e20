// Claims: the checkable statements in a piece of text, found by a
// hand-written scanner (no regular expressions; a reply of a few hundred
// bytes is scanned in a few microseconds). The verifier (verifier.h) scans
// a model's reply and the turn's evidence with the same scanner, so a value
// written the same way on both sides always matches.
//
// What counts as a claim, and its normalised key:
//   money      "£6.99", "$1,299", "6.99 pounds", "50p"       -> "GBP:699", "USD:129900", "GBP:50"
//   percent    "10%", "ten percent"                           -> "10"
//   time       "18:00", "6pm", "6.30 pm", "noon"               -> minutes of the day "1080"
//   date       "2026-12-24", "24th December", "Dec 24", "24/12" -> "12-24" (a year is a number claim)
//   quantity   "2kg", "2 kilos", "3 km", "1-2 days"            -> "2|kg", "3|km", "1|day" and "2|day"
//   stock      "3 left", "5 in stock", "2 available"           -> "3"
//   number     any other number                               -> "15.99", "1299"
//   postcode   "LS6 2AB", "LS6", "bd3"                         -> "LS62AB", "LS6", "BD3"
//   phone      10+ digits in groups, or "+" and 8+              -> the last 9 digits
//   email, url (also bare domains: "shop.example")             -> lower case, no scheme, no "www."
//   sku        "LMB-001", "BK-ROAD-001"                         -> upper case
//   code       letters and digits mixed: "SAVE90", "Di2"       -> upper case
//   name       runs of Capitalised Words (greetings and other common words
//              trimmed); a lone capitalised word at the start of a
//              sentence is not a claim                        -> lower case words
//   concession "discount", "voucher", "half price", "% off", "refund", ...
//   free       "free"
//   action     a sentence saying something was done: added to the basket,
//              removed, order placed, passed to the team, contact details
//              noted, refunded, payment taken, reserved, message sent
// Digits written in Arabic-Indic or Extended Arabic-Indic numerals are read
// as ASCII digits. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ai_modes::grounding {

enum class ClaimKind : uint8_t {
  kMoney,
  kPercent,
  kTime,
  kDate,
  kQuantity,
  kStock,
  kNumber,
  kPostcode,
  kPhone,
  kEmail,
  kUrl,
  kSku,
  kCode,
  kName,
  kConcession,
  kFree,
  kAction,
};
inline constexpr int kClaimKinds = static_cast<int>(ClaimKind::kAction) + 1;
std::string_view ClaimKindName(ClaimKind kind);

enum class Action : uint8_t {
  kCartAdd,
  kCartRemove,
  kOrderPlaced,
  kHandoff,
  kLeadCaptured,
  kRefund,
  kPayment,
  kReservation,
  kMessageSent,
};
std::string_view ActionName(Action action);

struct Claim {
  ClaimKind kind = ClaimKind::kNumber;
  std::string key;   // normalised, see the file comment
  std::string text;  // as written, for messages
  // The plain number inside a money, percent, time, quantity or stock
  // claim ("15.99" in "£15.99"), so evidence also counts as a number.
  std::string number;
  Action action = Action::kCartAdd;  // kAction only
};

// Appends every claim in `text` to `out`, in order.
// Without `actions`, sentences saying something was done are not looked
// for (the costliest part; evidence that cannot vouch for actions skips it).
void ExtractClaims(std::string_view text, std::vector<Claim>& out, bool actions = true);

// `text` lower-cased (ASCII), every character that is not a letter or digit
// (ASCII, or any non-ASCII byte) turned into one space, with a space at
// each end: " lamb chops are 15 99 kg ". Phrases are found in it as
// " word word ".
std::string WordCorpus(std::string_view text);

}  // namespace ai_modes::grounding
