// A small, valid tenant written from code, for storage and registry tests.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "retrieval/lexicon.h"
#include "retrieval/tenant_files.h"

namespace testing_support {

nlohmann::json MinimalStoreInfo(const std::string& name = "Test Shop");
nlohmann::json MinimalCatalog(double price = 2.5);

// Texts of a complete, valid tenant (store_info, catalog, branches, delivery).
retrieval::FileTexts MinimalTenantTexts(double price = 2.5);

// Writes MinimalTenantTexts into `dir`.
void WriteMinimalTenant(const std::filesystem::path& dir, double price = 2.5);

// The lexicon of the source tree (lexicon/*.json), loaded once; aborts the
// test program when it does not load.
std::shared_ptr<const retrieval::Lexicon> SourceLexicon();

}  // namespace testing_support
