#include "app/eval_runner.h"

#include <fstream>

#include "core/clock.h"

namespace app {

using nlohmann::json;

core::Result<EvalSummary> RunEvalPack(EvalTarget& target, const std::filesystem::path& pack_path,
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
    auto now = *default_now;
    if (c.contains("now")) {
      auto t = c["now"].is_string() ? core::ParseIsoUtc(c["now"].get<std::string>()) : std::nullopt;
      if (!t) return core::MakeError(core::ErrorCode::kInvalidArgument, "bad \"now\" in case " + c.value("name", "?"));
      now = *t;
    }
    std::string session_id;
    std::vector<std::string> failures;
    int index = 0;
    for (const auto& turn_spec : c.value("turns", json::array())) {
      ++index;
      ++summary.turns;
      std::string message = turn_spec.value("say", "");
      auto observed = target.Say(EvalTurn{*key, message, session_id, now});
      if (!observed.ok()) return observed.error();
      const ObservedTurn& turn = *observed;
      std::string where = "turn " + std::to_string(index) + " \"" + message.substr(0, 60) + "\": ";
      if (!turn.error_code.empty()) {
        if (turn_spec.contains("error") && turn_spec["error"] == turn.error_code) continue;
        failures.push_back(where + "error " + turn.error_code);
        continue;
      }
      session_id = turn.session_id;
      auto problems = CheckTurn(turn_spec.value("expect", json::object()), turn);
      if (turn_spec.contains("error")) problems.push_back("expected error " + turn_spec["error"].dump());
      for (const auto& p : problems) {
        failures.push_back(where + p + "\n      reply: " + turn.reply.substr(0, 240));
      }
      if (verbose) {
        out << "    > " << message << "\n    < [" << turn.intent << (turn.mode_used == "V5" ? "" : " " + turn.mode_used)
            << "] " << turn.reply << "\n";
      }
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
