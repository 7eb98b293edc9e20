#include "app/eval_check.h"

#include <algorithm>
#include <cctype>

#include "routes/chat_routes.h"

namespace app {

namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

ObservedTurn Observe(const services::ChatTurn& turn) {
  const core::Reply& r = turn.reply;
  ObservedTurn o;
  o.session_id = turn.session_id;
  o.reply = r.text;
  o.intent = turn.intent;
  o.entities = routes::EntitiesJson(turn.entities);
  o.needs_clarification = r.needs_clarification;
  o.resolved = r.resolved;
  o.fallback = r.fallback;
  o.items = r.items.size();
  for (const auto& line : r.cart.lines) o.cart_skus.push_back(line.sku);
  for (const auto& f : r.facts) o.fact_values.push_back(f.value);
  o.mode_used = r.mode_used;
  return o;
}

ObservedTurn ObserveRefusal(std::string code) {
  ObservedTurn o;
  o.error_code = std::move(code);
  return o;
}

core::Result<ObservedTurn> ObserveChatApi(const json& body) {
  auto missing = [](const std::string& what) {
    return core::MakeError(core::ErrorCode::kInvalidJson, "the /chat_api response has no valid " + what);
  };
  if (!body.is_object()) return missing("JSON object");
  for (const char* key : {"reply", "session_id", "intent"}) {
    if (!body.contains(key) || !body[key].is_string()) return missing(std::string("\"") + key + "\" (string)");
  }
  for (const char* key : {"needs_clarification", "resolved", "fallback"}) {
    if (!body.contains(key) || !body[key].is_boolean()) return missing(std::string("\"") + key + "\" (boolean)");
  }
  for (const char* key : {"items", "facts"}) {
    if (!body.contains(key) || !body[key].is_array()) return missing(std::string("\"") + key + "\" (array)");
  }
  if (!body.contains("entities") || !body["entities"].is_object()) return missing("\"entities\" (object)");
  ObservedTurn o;
  o.session_id = body["session_id"];
  o.reply = body["reply"];
  o.intent = body["intent"];
  o.entities = body["entities"];
  o.needs_clarification = body["needs_clarification"];
  o.resolved = body["resolved"];
  o.fallback = body["fallback"];
  o.items = body["items"].size();
  if (body.contains("mode_used") && body["mode_used"].is_string()) o.mode_used = body["mode_used"];
  for (const auto& f : body["facts"]) {
    if (!f.is_object() || !f.contains("value") || !f["value"].is_string()) return missing("\"facts[].value\"");
    o.fact_values.push_back(f["value"]);
  }
  // "cart" is present only when the reply carries the basket; a turn that
  // does not shows no basket lines, as in process.
  if (body.contains("cart")) {
    const json& cart = body["cart"];
    if (!cart.is_object() || !cart.contains("lines") || !cart["lines"].is_array()) return missing("\"cart.lines\"");
    for (const auto& line : cart["lines"]) {
      if (!line.is_object() || !line.contains("sku") || !line["sku"].is_string()) return missing("\"cart.lines[].sku\"");
      o.cart_skus.push_back(line["sku"]);
    }
  }
  return o;
}

std::vector<std::string> CheckTurn(const json& expect, const ObservedTurn& turn) {
  std::vector<std::string> problems;
  std::string text = Lower(turn.reply);
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
  flag("needs_clarification", turn.needs_clarification);
  flag("resolved", turn.resolved);
  flag("fallback", turn.fallback);
  if (expect.contains("items_min") && turn.items < expect["items_min"].get<size_t>()) {
    problems.push_back(std::to_string(turn.items) + " items, expected at least " + expect["items_min"].dump());
  }
  if (expect.contains("items_max") && turn.items > expect["items_max"].get<size_t>()) {
    problems.push_back(std::to_string(turn.items) + " items, expected at most " + expect["items_max"].dump());
  }
  if (expect.contains("cart_lines") && turn.cart_skus.size() != expect["cart_lines"].get<size_t>()) {
    problems.push_back(std::to_string(turn.cart_skus.size()) + " cart lines, expected " + expect["cart_lines"].dump());
  }
  for (const auto& sku : expect.value("cart_contains", json::array())) {
    if (std::find(turn.cart_skus.begin(), turn.cart_skus.end(), sku.get<std::string>()) == turn.cart_skus.end()) {
      problems.push_back("cart lacks " + sku.get<std::string>());
    }
  }
  if (expect.contains("entities")) {
    for (auto& [k, v] : expect["entities"].items()) {
      if (!turn.entities.contains(k) || turn.entities[k] != v) {
        problems.push_back("entity " + k + " is " + (turn.entities.contains(k) ? turn.entities[k].dump() : "missing") +
                           ", expected " + v.dump());
      }
    }
  }
  for (const auto& amount : UngroundedAmounts(turn)) problems.push_back("ungrounded amount " + amount);
  return problems;
}

std::vector<std::string> UngroundedAmounts(const ObservedTurn& turn) {
  std::vector<std::string> out;
  const std::string& t = turn.reply;
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
    bool backed = std::any_of(turn.fact_values.begin(), turn.fact_values.end(),
                              [&](const std::string& v) { return v.find(amount) != std::string::npos; });
    if (!backed) out.push_back(amount);
    i = j - 1;
  }
  return out;
}

}  // namespace app
