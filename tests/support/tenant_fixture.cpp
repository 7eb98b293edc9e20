#include "support/tenant_fixture.h"

#include <cstdio>
#include <cstdlib>

#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "support/temp_dir.h"

namespace testing_support {

using nlohmann::json;

json MinimalStoreInfo(const std::string& name) {
  return {{"name", name}, {"currency", "GBP"},          {"locale", "en-GB"},
          {"country", "GB"}, {"timezone", "Europe/London"}, {"postcode_system", "UK"}};
}

json MinimalCatalog(double price) {
  return {{"categories", {{{"id", "bread"}, {"name", "Bread"}}}},
          {"products",
           {{{"sku", "BR-1"}, {"name", "Sourdough"}, {"category", "bread"}, {"price", price}, {"unit", "loaf"},
             {"stock", 10}},
            {{"sku", "BR-2"}, {"name", "Rye"}, {"category", "bread"}, {"price", 3.0}, {"unit", "loaf"},
             {"stock", 0}, {"related", {"BR-1"}}}}}};
}

retrieval::FileTexts MinimalTenantTexts(double price) {
  json hours = {{"mon", {{{"open", "08:00"}, {"close", "17:00"}}}},
                {"tue", {{{"open", "08:00"}, {"close", "17:00"}}}},
                {"wed", {{{"open", "08:00"}, {"close", "17:00"}}}},
                {"thu", {{{"open", "08:00"}, {"close", "17:00"}}}},
                {"fri", {{{"open", "08:00"}, {"close", "17:00"}}}},
                {"sat", json::array()},
                {"sun", json::array()}};
  json branches = {{"branches",
                    {{{"id", "main"}, {"name", "Main"}, {"address", "1 High St"}, {"postcode", "LS1 1AA"},
                      {"lat", 53.8}, {"lon", -1.55}, {"phone", "0113 496 0000"}, {"hours", hours}}}}};
  json delivery = {{"zones",
                    {{{"id", "z1"}, {"name", "Centre"}, {"postcode_prefixes", {"LS1"}}, {"branch", "main"},
                      {"fee", 2.5}, {"min_order", 10}, {"eta", "same day"}}}}};
  return {{"store_info.json", MinimalStoreInfo().dump(2)},
          {"catalog.json", MinimalCatalog(price).dump(2)},
          {"branches.json", branches.dump(2)},
          {"delivery.json", delivery.dump(2)}};
}

void WriteMinimalTenant(const std::filesystem::path& dir, double price) {
  for (const auto& [name, text] : MinimalTenantTexts(price)) WriteText(dir / name, text);
}

std::shared_ptr<const retrieval::Lexicon> SourceLexicon() {
  static const std::shared_ptr<const retrieval::Lexicon> lexicon = [] {
    retrieval::PosixFileSystem fs;
    auto schemas = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
    auto loaded = schemas.ok()
                      ? retrieval::Lexicon::Load(fs, SourceDir() / "lexicon", **schemas, retrieval::TextNormalizer())
                      : core::Result<std::shared_ptr<const retrieval::Lexicon>>(schemas.error());
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the source lexicon: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return *loaded;
  }();
  return lexicon;
}

}  // namespace testing_support
