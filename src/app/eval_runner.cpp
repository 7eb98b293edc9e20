#include "app/eval_runner.h"

#include <algorithm>
#include <fstream>

#include "services/session_store.h"

namespace app {

namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A fixed id sequence so eval sessions are reproducible.
class CountingIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "eval-session-" + std::to_string(++n_); }

 private:
  int n_ = 0;
};

std::vector<std::string> Check(const json& expect, const services::ChatTurn& turn) {
  std::vector<std::string> problems;
  const core::Reply& r = turn.reply;
  std::string text = Lower(r.text);
  if (expect.contains("intent")) {
    std::vector<std::string> accepted;
    if (expect["intent"].is_array()) accepted = expect["intent"].get<std::vector<std::string>>();
    else accepted.push_back(expect["intent"].get<std::string>());
    if (std::find(accepted.begin(), accepted.end(), turn.intent) == accepted.end()) {
      problems.push_back("intent " + turn.intent + ", expected " + expect["intent"].dump());
    }
  }
  for (const auto& s : expect.value("contains", json::array())) {
    if (text.find(Lower(s.get<std::string>())) == std::string::npos) problems.push_back("missing \"" + s.get<std::string>() + "\"");
  }
  for (const auto& s : expect.value("not_contains", json::array())) {
    if (text.find(Lower(s.get<std::string>())) != std::string::npos) problems.push_back("must not say \"" + s.get<std::string>() + "\"");
  }
  if (expect.contains("contains_any")) {
    bool any = false;
    for (const auto& s : expect["contains_any"]) any = any || text.find(Lower(s.get<std::string>())) != std::string::npos;
    if (!any) problems.push_back("none of " + expect["contains_any"].dump());
  }
  auto flag = [&](const char* key, bool actual) {
    if (expect.contains(key) && expect[key].get<bool>() != actual) {
      problems.push_back(std::string(key) + " is " + (actual ? "true" : "false"));
    }
  };
  flag("needs_clarification", r.needs_clarification);
  flag("resolved", r.resolved);
  flag("fallback", r.fallback);
  if (expect.contains("items_min") && r.items.size() < expect["items_min"].get<size_t>()) {
    problems.push_back(std::to_string(r.items.size()) + " items, expected at least " + expect["items_min"].dump());
  }
  if (expect.contains("items_max") && r.items.size() > expect["items_max"].get<size_t>()) {
    problems.push_back(std::to_string(r.items.size()) + " items, expected at most " + expect["items_max"].dump());
  }
  if (expect.contains("cart_lines") && r.cart.lines.size() != expect["cart_lines"].get<size_t>()) {
    problems.push_back(std::to_string(r.cart.lines.size()) + " cart lines, expected " + expect["cart_lines"].dump());
  }
  for (const auto& sku : expect.value("cart_contains", json::array())) {
    bool found = std::any_of(r.cart.lines.begin(), r.cart.lines.end(), [&](const auto& l) { return l.sku == sku; });
    if (!found) problems.push_back("cart lacks " + sku.get<std::string>());
  }
  if (expect.contains("entities")) {
    for (auto& [k, v] : expect["entities"].items()) {
      if (!turn.entities.contains(k) || turn.entities[k] != v) {
        problems.push_back("entity " + k + " is " + (turn.entities.contains(k) ? turn.entities[k].dump() : "missing") +
                           ", expected " + v.dump());
      }
    }
  }
  for (const auto& amount : UngroundedAmounts(r)) problems.push_back("ungrounded amount " + amount);
  return problems;
}

}  // namespace

std::vector<std::string> UngroundedAmounts(const core::Reply& reply) {
  std::vector<std::string> out;
  const std::string& t = reply.text;
  for (size_t i = 0; i < t.size(); ++i) {
    size_t sym = 0;
    if (t.compare(i, 2, "£") == 0) sym = 2;
    else if (t.compare(i, 3, "€") == 0) sym = 3;
    else if (t[i] == '$') sym = 1;
    if (!sym) continue;
    size_t j = i + sym;
    auto digit_at = [&](size_t k) { return k < t.size() && std::isdigit(static_cast<unsigned char>(t[k])); };
    while (digit_at(j) || ((t[j] == '.' || t[j] == ',') && digit_at(j + 1) && j > i + sym)) {
      ++j;
    }
    if (j == i + sym) continue;
    std::string amount = t.substr(i, j - i);
    bool backed = std::any_of(reply.facts.begin(), reply.facts.end(),
                              [&](const core::Fact& f) { return f.value.find(amount) != std::string::npos; });
    if (!backed) out.push_back(amount);
    i = j - 1;
  }
  return out;
}

core::Result<EvalSummary> RunEvalPack(services::TenantDirectory& tenants, const retrieval::TextNormalizer& normalizer,
                                      const ai_modes::ReplyMode& mode, const std::filesystem::path& pack_path,
                                      const std::optional<core::TenantKey>& tenant_override, std::ostream& out,
                                      bool verbose) {
  std::ifstream in(pack_path);
  if (!in) return core::MakeError(core::ErrorCode::kNotFound, "cannot read pack " + pack_path.string());
  json pack = json::parse(in, nullptr, false);
  if (!pack.is_object() || !pack.contains("cases") || !pack["cases"].is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidJson, pack_path.string() + " is not a pack (needs \"cases\")");
  }
  std::string tenant_text = tenant_override ? tenant_override->str() : pack.value("tenant", "");
  auto key = core::TenantKey::Parse(tenant_text);
  if (!key.ok()) return key.error();

  auto default_now = core::ParseIsoUtc(pack.value("now", "2026-12-01T10:00:00Z"));
  if (!default_now) return core::MakeError(core::ErrorCode::kInvalidArgument, "bad \"now\" in pack");
  EvalSummary summary;
  for (const auto& c : pack["cases"]) {
    core::ManualClock clock(*default_now);
    if (c.contains("now")) {
      auto t = core::ParseIsoUtc(c["now"].get<std::string>());
      if (!t) return core::MakeError(core::ErrorCode::kInvalidArgument, "bad \"now\" in case " + c.value("name", "?"));
      clock.Set(*t);
    }
    CountingIds ids;
    services::InMemorySessionStore sessions(clock, std::chrono::hours(24), 16);
    services::MessageHandler handler(tenants, sessions, normalizer, mode, clock, ids, nullptr);
    std::string session_id;
    std::vector<std::string> failures;
    int index = 0;
    for (const auto& turn_spec : c.value("turns", json::array())) {
      ++index;
      ++summary.turns;
      services::ChatInput input;
      input.message = turn_spec.value("say", "");
      input.session_id = session_id;
      input.channel = core::Channel::kCli;
      auto turn = handler.Handle(*key, input);
      if (!turn.ok()) {
        if (turn_spec.contains("error") && turn_spec["error"] == core::ErrorCodeName(turn.error().code)) continue;
        failures.push_back("turn " + std::to_string(index) + " \"" + input.message + "\": error " +
                           std::string(core::ErrorCodeName(turn.error().code)));
        continue;
      }
      session_id = turn->session_id;
      auto problems = Check(turn_spec.value("expect", json::object()), *turn);
      if (turn_spec.contains("error")) problems.push_back("expected error " + turn_spec["error"].dump());
      for (const auto& p : problems) {
        failures.push_back("turn " + std::to_string(index) + " \"" + input.message.substr(0, 60) + "\": " + p +
                           "\n      reply: " + turn->reply.text.substr(0, 240));
      }
      if (verbose) out << "    > " << input.message << "\n    < [" << turn->intent << "] " << turn->reply.text << "\n";
    }
    if (failures.empty()) {
      ++summary.passed;
      out << "PASS " << c.value("name", "?") << "\n";
    } else {
      ++summary.failed;
      out << "FAIL " << c.value("name", "?") << "\n";
      for (const auto& f : failures) out << "    " << f << "\n";
    }
  }
  out << summary.passed << " passed, " << summary.failed << " failed\n";
  return summary;
}

}  // namespace app
