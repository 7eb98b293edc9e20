#include "retrieval/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "retrieval/tenant_files.h"

namespace retrieval {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::MakeError;

struct SchemaValidator::Impl {
  std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> schemas;
};

namespace {

constexpr std::string_view kCommonRef = "common.schema.json#";

// Rewrites "$ref": "common.schema.json#/definitions/x" to a local reference
// so every schema is self-contained and valijson needs no remote fetching.
void LocaliseRefs(nlohmann::json& node) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        std::string ref = value.get<std::string>();
        if (ref.rfind(kCommonRef, 0) == 0) {
          std::string local(1, '#');
          local.append(ref, kCommonRef.size());
          value = local;
        }
      } else {
        LocaliseRefs(value);
      }
    }
  } else if (node.is_array()) {
    for (auto& item : node) LocaliseRefs(item);
  }
}

core::Result<nlohmann::json> ReadJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kInvalidArgument, "cannot read schema " + path.string());
  auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return MakeError(ErrorCode::kInvalidArgument, "schema is not valid JSON: " + path.string());
  return doc;
}

std::string Unbracket(const std::string& s) {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
  return s;
}

std::string EscapePointerToken(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace

std::string ContextToPointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    pointer += '/';
    pointer += EscapePointerToken(Unbracket(part));
  }
  return pointer;
}

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;

core::Result<std::shared_ptr<const SchemaValidator>> SchemaValidator::Load(const fs::path& schemas_dir) {
  auto common = ReadJson(schemas_dir / "common.schema.json");
  if (!common.ok()) return common.error();
  const nlohmann::json& definitions = (*common)["definitions"];

  auto impl = std::make_unique<Impl>();
  std::vector<std::pair<std::string_view, std::string_view>> documents;
  for (const auto& spec : kTenantFiles) documents.emplace_back(spec.name, spec.schema);
  documents.emplace_back(kLexiconDocument, "lexicon.schema.json");
  for (const auto& spec : documents) {
    auto doc = ReadJson(schemas_dir / std::string(spec.second));
    if (!doc.ok()) return doc.error();
    nlohmann::json schema_doc = std::move(doc).value();
    for (auto& [name, def] : definitions.items()) {
      if (!schema_doc["definitions"].contains(name)) schema_doc["definitions"][name] = def;
    }
    LocaliseRefs(schema_doc);
    auto schema = std::make_unique<valijson::Schema>();
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(schema_doc);
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "schema " + std::string(spec.second) + " cannot be compiled: " + e.what());
    }
    impl->schemas.emplace(std::string(spec.first), std::move(schema));
  }
  return std::shared_ptr<const SchemaValidator>(new SchemaValidator(std::move(impl)));
}

std::vector<core::ErrorDetail> SchemaValidator::Validate(std::string_view file_name, const nlohmann::json& doc) const {
  std::vector<core::ErrorDetail> out;
  auto it = impl_->schemas.find(file_name);
  if (it == impl_->schemas.end()) {
    out.push_back({std::string(file_name), "", "not a tenant data file"});
    return out;
  }
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  if (validator.validate(*it->second, adapter, &results)) return out;

  // valijson reports each failure once per enclosing level ("Failed to
  // validate item #3 in array"); those summaries add nothing once the leaf
  // failure is reported, so keep only the most specific messages.
  std::vector<core::ErrorDetail> all;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    all.push_back({std::string(file_name), ContextToPointer(error.context), error.description});
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& d : all) {
    bool summary = d.message.rfind("Failed to validate", 0) == 0;
    bool has_deeper = false;
    if (summary) {
      for (const auto& other : all) {
        if (&other != &d && other.message.rfind("Failed to validate", 0) != 0 &&
            other.pointer.rfind(d.pointer, 0) == 0) {
          has_deeper = true;
          break;
        }
      }
    }
    if (summary && has_deeper) continue;
    if (seen.emplace(d.pointer, d.message).second) out.push_back(d);
  }
  return out;
}

}  // namespace retrieval
