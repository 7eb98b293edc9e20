#include "ai_modes/tool_schemas.h"

#include <nlohmann/json.hpp>

namespace ai_modes {

namespace {

using nlohmann::json;

enum class Type { kString, kNumber, kInteger };

struct Param {
  const char* name;
  Type type;
  bool required;
  const char* description;
  double min = 0;    // numbers: smallest value
  double max = 1e6;  // numbers: largest value; strings: longest length
};

struct ToolSpec {
  const char* name;
  const char* description;
  std::vector<Param> params;
};

const std::vector<ToolSpec>& Specs() {
  static const std::vector<ToolSpec> specs = {
      {"search_products",
       "Search the shop's catalog. Returns matching products with price and stock.",
       {{"query", Type::kString, true, "what the shopper is looking for", 0, 200},
        {"max_price", Type::kNumber, false, "highest price in the shop's currency", 0, 1e7},
        {"category", Type::kString, false, "a category name", 0, 100}}},
      {"get_product",
       "One product by SKU: price, stock, options, description.",
       {{"sku", Type::kString, true, "the product's SKU", 0, 64}}},
      {"check_delivery",
       "Whether the shop delivers to a postcode, the fee, minimum order and timing.",
       {{"postcode", Type::kString, true, "postcode or ZIP code", 0, 16}}},
      {"find_branch",
       "The shop's branches, nearest first when a postcode or place is given.",
       {{"postcode", Type::kString, false, "postcode or ZIP code", 0, 16},
        {"place", Type::kString, false, "a town or district", 0, 100}}},
      {"opening_hours",
       "Opening hours of a branch, today or on a date.",
       {{"branch", Type::kString, false, "branch name", 0, 100},
        {"date", Type::kString, false, "ISO date YYYY-MM-DD", 0, 10}}},
      {"answer_faq",
       "The shop's answer to a question about its policies and services.",
       {{"question", Type::kString, true, "the question", 0, 300}}},
      {"cart_add",
       "Add a product to the shopper's basket.",
       {{"sku", Type::kString, true, "the product's SKU", 0, 64},
        {"quantity", Type::kNumber, true, "how many, or the weight in the product's unit", 0.001, 1000},
        {"option", Type::kString, false, "a product option, e.g. a size", 0, 100}}},
      {"cart_remove",
       "Remove a product from the shopper's basket.",
       {{"sku", Type::kString, true, "the product's SKU", 0, 64}}},
      {"cart_view", "The shopper's basket with prices and total.", {}},
      {"start_checkout",
       "Start checkout of the basket (asks for what is missing: contact, delivery or collection).",
       {}},
      {"capture_lead",
       "Keep the shopper's contact details so the shop can get back to them.",
       {{"name", Type::kString, false, "the shopper's name", 0, 100},
        {"phone", Type::kString, false, "phone number", 0, 32},
        {"email", Type::kString, false, "e-mail address", 0, 254},
        {"note", Type::kString, false, "what they want", 0, 500}}},
      {"handoff", "Pass the conversation to a person at the shop.", {{"reason", Type::kString, true, "why", 0, 300}}},
  };
  return specs;
}

const ToolSpec* Find(std::string_view name) {
  for (const auto& s : Specs()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::string SchemaText(const ToolSpec& spec) {
  json properties = json::object();
  json required = json::array();
  for (const Param& p : spec.params) {
    json prop = {{"description", p.description}};
    switch (p.type) {
      case Type::kString:
        prop["type"] = "string";
        prop["maxLength"] = static_cast<int>(p.max);
        break;
      case Type::kNumber:
        prop["type"] = "number";
        prop["minimum"] = p.min;
        prop["maximum"] = p.max;
        break;
      case Type::kInteger:
        prop["type"] = "integer";
        prop["minimum"] = p.min;
        prop["maximum"] = p.max;
        break;
    }
    properties[p.name] = std::move(prop);
    if (p.required) required.push_back(p.name);
  }
  json schema = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema.dump();
}

core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

const std::vector<connectors::LlmTool>& ShopToolDefinitions() {
  static const std::vector<connectors::LlmTool> tools = [] {
    std::vector<connectors::LlmTool> out;
    for (const auto& s : Specs()) out.push_back({s.name, s.description, SchemaText(s)});
    return out;
  }();
  return tools;
}

bool IsShopTool(std::string_view name) { return Find(name) != nullptr; }

core::Result<ToolArguments> ValidateToolArguments(std::string_view tool, std::string_view arguments_json) {
  const ToolSpec* spec = Find(tool);
  if (!spec) return Invalid("unknown tool");
  // Models send "" for a call without arguments.
  std::string_view trimmed = arguments_json;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\n')) trimmed.remove_prefix(1);
  json args = json::object();
  if (!trimmed.empty()) {
    args = json::parse(trimmed, nullptr, /*allow_exceptions=*/false);
    if (args.is_discarded()) return Invalid("arguments are not JSON");
    if (!args.is_object()) return Invalid("arguments must be a JSON object");
  }
  ToolArguments out;
  for (auto it = args.begin(); it != args.end(); ++it) {
    const Param* param = nullptr;
    for (const Param& p : spec->params) {
      if (it.key() == p.name) param = &p;
    }
    if (!param) return Invalid("unknown field \"" + it.key() + "\"");
    const json& v = it.value();
    if (v.is_null() && !param->required) continue;
    if (param->type == Type::kString) {
      if (!v.is_string()) return Invalid(it.key() + ": must be a string");
      const auto& s = v.get_ref<const std::string&>();
      if (s.size() > param->max) return Invalid(it.key() + ": too long");
      out.text[param->name] = s;
    } else {
      if (!v.is_number()) return Invalid(it.key() + ": must be a number");
      double d = v.get<double>();
      if (param->type == Type::kInteger && !v.is_number_integer()) return Invalid(it.key() + ": must be an integer");
      if (!(d >= param->min && d <= param->max)) return Invalid(it.key() + ": out of range");
      out.number[param->name] = d;
    }
  }
  for (const Param& p : spec->params) {
    if (p.required && !out.text.count(p.name) && !out.number.count(p.name)) {
      return Invalid(std::string(p.name) + ": required");
    }
  }
  return out;
}

}  // namespace ai_modes
