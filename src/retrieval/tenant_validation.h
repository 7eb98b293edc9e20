// Whole-tenant validation: every file parsed, checked against its schema and
// checked against the other files (a product's category exists, a delivery
// zone's branch exists, SKUs are unique...). Data is either valid as a whole
// or rejected with every problem listed; nothing is ever half-accepted.
#pragma once

#include <filesystem>
#include <vector>

#include "core/result.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/tenant_files.h"

namespace retrieval {

// Reads every tenant file present in `dir`. An unknown *.json file (a typo
// such as "catalogue.json") and an oversized file are reported as details of
// a kSchemaInvalid error; a missing directory is kUnknownTenant.
core::Result<FileTexts> ReadTenantDir(FileSystem& fs, const std::filesystem::path& dir);

// Parses and validates a complete file set. On failure the error is
// kSchemaInvalid (or kInvalidJson when only parsing failed) and `details`
// lists every problem with its file and JSON pointer.
core::Result<FileDocs> ValidateTenantFiles(const SchemaValidator& schemas, const FileTexts& texts);

// Cross-file consistency checks over documents that passed their schemas.
std::vector<core::ErrorDetail> CheckIntegrity(const FileDocs& docs);

// "catalog.json /products/3/price: must be >= 0" lines, one per detail.
std::string FormatDetails(const std::vector<core::ErrorDetail>& details);

}  // namespace retrieval
