// The action finder: sentences that say something was done. Phrase lists,
// not grammar: a model that words a promise oddly is caught by the other
// claims (money, concessions) or passes as an ordinary sentence.
#include "ai_modes/grounding/claim_tokens.h"

namespace ai_modes::grounding::detail {

namespace {

bool Has(std::string_view sentence, std::string_view word) { return sentence.find(word) != std::string_view::npos; }

template <size_t N>
bool HasAny(std::string_view sentence, const std::array<std::string_view, N>& words) {
  for (auto w : words) {
    if (Has(sentence, w)) return true;
  }
  return false;
}

}  // namespace

void ExtractActions(std::string_view text, std::vector<Claim>& out) {
  std::string lower = LowerCopy(text);
  size_t start = 0;
  while (start < lower.size()) {
    size_t end = lower.find_first_of(".!?\n", start);
    if (end == std::string::npos) end = lower.size();
    std::string_view s(lower.data() + start, end - start);
    auto add = [&](Action a) {
      Claim c;
      c.kind = ClaimKind::kAction;
      c.action = a;
      c.key = std::string(ActionName(a));
      c.text = std::string(text.substr(start, end - start));
      out.push_back(std::move(c));
    };
    bool basket = HasAny(s, std::array<std::string_view, 4>{"basket", "cart", "trolley", "bag"});
    if (basket && HasAny(s, std::array<std::string_view, 4>{"added", "i've put", "i have put", "put it in"})) {
      add(Action::kCartAdd);
    }
    if (basket && HasAny(s, std::array<std::string_view, 3>{"removed", "taken out", "taken off"})) {
      add(Action::kCartRemove);
    }
    if (Has(s, "order") &&
        HasAny(s, std::array<std::string_view, 8>{"placed", "confirmed", "booked", "submitted", "on its way",
                                                  "dispatched", "shipped", "processed"})) {
      add(Action::kOrderPlaced);
    }
    if ((HasAny(s, std::array<std::string_view, 9>{"pass you", "passed", "passing", "pass this", "pass your",
                                                   "transfer", "hand you", "connect you", "put you through"}) &&
         HasAny(s, std::array<std::string_view, 6>{"team", "colleague", "person", "human", "staff", "someone"})) ||
        Has(s, "member of our team will")) {
      add(Action::kHandoff);
    }
    if ((HasAny(s, std::array<std::string_view, 5>{"noted", "saved", "recorded", "taken down", "got your"}) &&
         HasAny(s, std::array<std::string_view, 5>{"number", "phone", "email", "details", "contact"})) ||
        HasAny(s, std::array<std::string_view, 5>{"will call you", "will contact you", "get back to you", "be in touch",
                                                  "call you back"})) {
      add(Action::kLeadCaptured);
    }
    if (HasAny(s, std::array<std::string_view, 4>{"refunded", "issued a refund", "refund has been", "refund is on"})) {
      add(Action::kRefund);
    }
    if (HasAny(s, std::array<std::string_view, 5>{"charged your", "payment has been", "payment is taken",
                                                  "processed your payment", "taken your payment"})) {
      add(Action::kPayment);
    }
    if (HasAny(s,
               std::array<std::string_view, 4>{"reserved", "held for you", "put aside for you", "set aside for you"})) {
      add(Action::kReservation);
    }
    if (HasAny(s, std::array<std::string_view, 5>{"i've sent", "i have sent", "i've emailed", "i've texted",
                                                  "sent you an email"})) {
      add(Action::kMessageSent);
    }
    start = end + 1;
  }
}

}  // namespace ai_modes::grounding::detail
