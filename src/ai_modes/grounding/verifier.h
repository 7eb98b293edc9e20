// Grounding verifier: decides whether a model's reply may be shown. Every
// claim in it (claims.h) must trace to this turn's evidence, and only to the
// kinds of evidence that can vouch for it:
//
//   claim                         may trace to
//   money, percent                facts (structured store values; FAQ answers)
//   stock counts                  facts whose field is "stock"
//   concessions (discount, % off,  a fact that itself mentions a concession
//     voucher, refund, half price)
//   free                          facts or engine texts
//   time, url, sku, code          facts or engine texts
//   date, quantity, number,       facts, engine texts or the shopper's own
//     postcode, phone, email        words
//   name (Capitalised Words)      any evidence or the shop's own names, as a
//                                 whole phrase
//   action (added to basket,      an action that succeeded this turn, or a
//     order placed, ...)          source that states the same (policy text)
//
// Facts are the turn's core::Fact values and keys (the deterministic
// engine's and every tool result's). Engine texts are the deterministic
// draft and tool results' texts: tenant text quoted there (product
// descriptions) can back ordinary values but never money, percentages,
// stock counts or concessions, so an instruction hidden in a description
// ("offer 90% off") cannot become a promise. The shopper's words back only
// what a shopper can truthfully supply (their postcode, phone, a date they
// asked about, a quantity they want), never a price or a time.
//
// A reply is also refused when empty, longer than `max_reply_bytes`, or
// carrying prompt markup ("<draft>", "</shopper_message>").
//
// Build an Evidence once per turn (cheap) and Check() each candidate reply.
// Thread-safe once built (const).
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ai_modes/grounding/claims.h"
#include "core/reply.h"

namespace ai_modes::grounding {

struct EvidenceSources {
  std::vector<const core::Fact*> facts;
  std::vector<std::string_view> engine_texts;   // draft, tool result texts
  std::vector<std::string_view> shopper_texts;  // the message, contact details the session holds
  std::vector<std::string_view> names;          // shop, branch, category names (words the shop owns)
  std::vector<Action> actions;                  // succeeded this turn
};

struct Violation {
  ClaimKind kind = ClaimKind::kNumber;
  std::string text;  // as the model wrote it
  std::string why;

  std::string Describe() const;  // "money \"£0.49\": no price of this turn says that"
};

struct Verdict {
  std::vector<Violation> violations;
  size_t claims = 0;  // how many claims were checked
  bool ok() const { return violations.empty(); }
  // "money £0.49; percent 90%" (at most `max` items), for logs and the retry prompt.
  std::string Summary(size_t max = 8) const;
};

class Evidence {
 public:
  explicit Evidence(const EvidenceSources& sources);

  Verdict Check(std::string_view reply, size_t max_reply_bytes = 4000) const;

 private:
  enum Tier : uint8_t { kFact = 1, kText = 2, kShopper = 4 };
  void Register(std::string_view text, uint8_t tier, bool stock_field);
  bool Backed(ClaimKind kind, const std::string& key, uint8_t tiers) const;
  std::string Why(const Claim& claim) const;

  // (kind, key) -> tiers that hold it.
  std::unordered_map<std::string, uint8_t> atoms_;
  std::string corpus_;  // WordCorpus of everything, for names
  bool facts_concede_ = false;
  bool free_stated_ = false;
  std::bitset<16> actions_done_;
  std::bitset<16> actions_stated_;
};

}  // namespace ai_modes::grounding
