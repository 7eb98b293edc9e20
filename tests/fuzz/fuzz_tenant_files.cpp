// An owner's upload: the first byte picks which tenant file the rest
// replaces in a complete, valid tenant; the texts go through validation
// (JSON, schemas, cross-file integrity) and, when valid, are built into the
// tenant with its stores and catalog index, as publishing does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_pipeline.h"
#include "retrieval/tenant.h"
#include "retrieval/tenant_validation.h"

namespace {

retrieval::FileTexts& Base() {
  static retrieval::FileTexts texts = [] {
    retrieval::PosixFileSystem fs;
    auto read = retrieval::ReadTenantDir(fs, std::filesystem::path(AIV7_SOURCE_DIR) / "business/UK_BUTCHER");
    if (!read.ok()) std::abort();
    return *read;
  }();
  return texts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static fuzzing::Pipeline& p = fuzzing::SharedPipeline();
  retrieval::FileTexts texts = Base();
  const auto& files = retrieval::kTenantFiles;
  const std::string name(files[data[0] % std::size(files)].name);
  texts[name].assign(reinterpret_cast<const char*>(data + 1), size - 1);
  auto docs = retrieval::ValidateTenantFiles(*p.schemas, texts);
  if (!docs.ok()) {
    if (docs.error().details.empty()) __builtin_trap();  // a refusal always says where
    return 0;
  }
  auto data_snapshot = std::make_shared<const retrieval::TenantData>(
      retrieval::TenantData{core::TenantKey::Parse("FUZZ").value(), 1, "", std::move(*docs)});
  auto tenant = retrieval::BuildTenant(data_snapshot, p.normalizer, p.lexicon, p.scratch / "fuzz-index");
  (void)tenant;
  return 0;
}
