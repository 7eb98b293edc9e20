// SchemaValidator: checks tenant files and lexicon files against the JSON
// Schemas in schemas/ (draft-07, via valijson) and reports every violation
// with a JSON pointer.
//
// The schemas' references to common.schema.json are resolved once at load.
// Thread-safe: immutable after Load(); Validate() may run concurrently.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace retrieval {

// Validate() name of a lexicon file (lexicon/<language>.json, checked
// against lexicon.schema.json).
inline constexpr std::string_view kLexiconDocument = "lexicon";

class SchemaValidator {
 public:
  // Loads the schema of every tenant file, and the lexicon's, from
  // `schemas_dir`. A missing or malformed schema is a configuration error
  // (kInvalidArgument).
  static core::Result<std::shared_ptr<const SchemaValidator>> Load(const std::filesystem::path& schemas_dir);

  ~SchemaValidator();

  // Violations of `doc` against the schema of tenant file `file_name` (or
  // kLexiconDocument); empty when valid. Each detail's `file` is `file_name`.
  std::vector<core::ErrorDetail> Validate(std::string_view file_name, const nlohmann::json& doc) const;

 private:
  struct Impl;
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "<root>", "[products]", "[3]" ... as produced by valijson -> "/products/3".
std::string ContextToPointer(const std::vector<std::string>& context);

}  // namespace retrieval
