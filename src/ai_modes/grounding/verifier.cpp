#include "ai_modes/grounding/verifier.h"

namespace ai_modes::grounding {

namespace {

std::string AtomKey(ClaimKind kind, std::string_view key) {
  std::string out;
  out.reserve(key.size() + 1);
  out += static_cast<char>('a' + static_cast<int>(kind));
  out.append(key);
  return out;
}

// Which evidence may vouch for a claim of this kind (see verifier.h).
uint8_t AllowedTiers(ClaimKind kind) {
  constexpr uint8_t fact = 1, text = 2, shopper = 4;
  switch (kind) {
    case ClaimKind::kMoney:
    case ClaimKind::kPercent:
    case ClaimKind::kStock: return fact;
    case ClaimKind::kTime:
    case ClaimKind::kUrl:
    case ClaimKind::kSku:
    case ClaimKind::kCode: return fact | text;
    case ClaimKind::kDate:
    case ClaimKind::kQuantity:
    case ClaimKind::kNumber:
    case ClaimKind::kPostcode:
    case ClaimKind::kPhone:
    case ClaimKind::kEmail: return fact | text | shopper;
    default: return 0;
  }
}

bool HasMarkup(std::string_view reply) {
  for (std::string_view tag : {"<draft", "</draft", "<shopper_message", "</shopper_message", "<shop_facts",
                               "</shop_facts", "<tool_result", "<conversation", "</conversation"}) {
    if (reply.find(tag) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string Violation::Describe() const { return std::string(ClaimKindName(kind)) + " \"" + text + "\": " + why; }

std::string Verdict::Summary(size_t max) const {
  std::string out;
  for (size_t i = 0; i < violations.size() && i < max; ++i) {
    if (!out.empty()) out += "; ";
    out += std::string(ClaimKindName(violations[i].kind)) + " " + violations[i].text;
  }
  if (violations.size() > max) out += "; +" + std::to_string(violations.size() - max) + " more";
  return out;
}

Evidence::Evidence(const EvidenceSources& sources) {
  std::string all;
  // Facts are scanned as two texts (stock facts, all others), one value or
  // key a line: a scan costs far more to start than per byte. The ";"
  // between lines keeps a claim from running on into the next value.
  std::string facts, stock;
  for (const core::Fact* f : sources.facts) {
    std::string& into = f->field == "stock" ? stock : facts;
    into += f->value;
    into += "\n;\n";
    facts += f->key;
    facts += "\n;\n";
    all += f->value;
    all += ' ';
    all += f->key;
    all += '\n';
  }
  Register(facts, kFact, false);
  Register(stock, kFact, true);
  for (auto text : sources.engine_texts) {
    Register(text, kText, false);
    all.append(text);
    all += '\n';
  }
  for (auto text : sources.shopper_texts) {
    Register(text, kShopper, false);
    all.append(text);
    all += '\n';
  }
  for (auto name : sources.names) {
    all.append(name);
    all += '\n';
  }
  corpus_ = WordCorpus(all);
  for (Action a : sources.actions) actions_done_.set(static_cast<size_t>(a));
}

void Evidence::Register(std::string_view text, uint8_t tier, bool stock_field) {
  thread_local std::vector<Claim> claims;
  claims.clear();
  // Only the engine's texts can state an action (facts are values; the
  // shopper saying "I've placed an order" proves nothing).
  ExtractClaims(text, claims, /*actions=*/tier == kText);
  for (const Claim& c : claims) {
    switch (c.kind) {
      case ClaimKind::kConcession:
        if (tier == kFact) facts_concede_ = true;
        continue;
      case ClaimKind::kFree:
        if (tier != kShopper) free_stated_ = true;
        continue;
      case ClaimKind::kAction:
        if (tier != kShopper) actions_stated_.set(static_cast<size_t>(c.action));
        continue;
      case ClaimKind::kName: continue;  // names are checked against the corpus
      default: break;
    }
    atoms_[AtomKey(c.kind, c.key)] |= tier;
    if (!c.number.empty()) atoms_[AtomKey(ClaimKind::kNumber, c.number)] |= tier;
    // A stock fact ("5 kg", "12") backs "5 left", "12 in stock".
    if (stock_field && !c.number.empty()) atoms_[AtomKey(ClaimKind::kStock, c.number)] |= tier;
    if (stock_field && c.kind == ClaimKind::kNumber) atoms_[AtomKey(ClaimKind::kStock, c.key)] |= tier;
  }
}

bool Evidence::Backed(ClaimKind kind, const std::string& key, uint8_t tiers) const {
  auto it = atoms_.find(AtomKey(kind, key));
  return it != atoms_.end() && (it->second & tiers) != 0;
}

std::string Evidence::Why(const Claim& c) const {
  switch (c.kind) {
    case ClaimKind::kMoney: return "no price, fee or total of this turn says that";
    case ClaimKind::kPercent: return "no fact of this turn gives that percentage";
    case ClaimKind::kStock: return "no stock fact of this turn gives that count";
    case ClaimKind::kConcession: return "no fact of this turn offers a discount, refund or deal";
    case ClaimKind::kFree: return "nothing of this turn says it is free";
    case ClaimKind::kAction: return "nothing was done this turn to back that";
    case ClaimKind::kName: return "no product, shop or fact of this turn is called that";
    default: return "not in this turn's facts or the shopper's words";
  }
}

Verdict Evidence::Check(std::string_view reply, size_t max_reply_bytes) const {
  Verdict verdict;
  size_t first = reply.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    verdict.violations.push_back({ClaimKind::kName, "", "the reply is empty"});
    return verdict;
  }
  if (reply.size() > max_reply_bytes) {
    verdict.violations.push_back({ClaimKind::kName, std::string(reply.substr(0, 40)) + "...", "the reply is too long"});
    return verdict;
  }
  if (HasMarkup(reply)) {
    verdict.violations.push_back({ClaimKind::kName, "<...>", "the reply repeats the prompt's markup"});
    return verdict;
  }
  thread_local std::vector<Claim> claims;
  claims.clear();
  ExtractClaims(reply, claims);
  verdict.claims = claims.size();
  for (const Claim& c : claims) {
    bool ok = false;
    switch (c.kind) {
      case ClaimKind::kConcession: ok = facts_concede_; break;
      case ClaimKind::kFree: ok = free_stated_; break;
      case ClaimKind::kAction: {
        size_t a = static_cast<size_t>(c.action);
        ok = actions_done_.test(a) || actions_stated_.test(a);
        // An order placed also means the team will be in touch, and a
        // hand-off that someone will reply.
        if (c.action == Action::kLeadCaptured) {
          ok = ok || actions_done_.test(static_cast<size_t>(Action::kOrderPlaced)) ||
               actions_done_.test(static_cast<size_t>(Action::kHandoff));
        }
        break;
      }
      case ClaimKind::kName: ok = corpus_.find(WordCorpus(c.key)) != std::string::npos; break;
      default: ok = Backed(c.kind, c.key, AllowedTiers(c.kind)); break;
    }
    if (!ok) verdict.violations.push_back({c.kind, c.text, Why(c)});
  }
  return verdict;
}

}  // namespace ai_modes::grounding
