#include "fuzz_pipeline.h"

#include <cstdio>
#include <cstdlib>

#include "retrieval/lexicon.h"

namespace fuzzing {

namespace {

template <class T>
T Must(core::Result<T> result, const char* what) {
  if (!result.ok()) {
    std::fprintf(stderr, "fuzz pipeline: %s: %s\n", what, result.error().message.c_str());
    std::abort();
  }
  return std::move(result).value();
}

}  // namespace

Pipeline::Pipeline() {
  const std::filesystem::path source = AIV7_SOURCE_DIR;
  // Catalog indexes are written for every tenant built: in memory when we can.
  std::error_code ec;
  const std::filesystem::path base =
      std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
  std::string tmpl = (base / "aiv7-fuzz-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) std::abort();
  scratch = tmpl;
  schemas = Must(retrieval::SchemaValidator::Load(source / "schemas"), "schemas");
  lexicon = Must(retrieval::Lexicon::Load(fs, source / "lexicon", *schemas, normalizer), "lexicon");
  repository = std::make_unique<retrieval::TenantRepository>(
      retrieval::StorageOptions{source / "business", scratch / "data", schemas, &fs, &clock, nullptr});
  tenants = std::make_unique<app::TenantRegistry>(
      *repository,
      [this](std::shared_ptr<const retrieval::TenantData> data) {
        return retrieval::BuildTenant(std::move(data), normalizer, lexicon, scratch / "index");
      },
      std::chrono::hours(1), nullptr);
  sessions = std::make_unique<services::InMemorySessionStore>(clock, std::chrono::hours(1), 1000);
  handler = std::make_unique<services::MessageHandler>(*tenants, *sessions, normalizer, mode, clock, ids, nullptr);
  for (const char* key : {"UK_BUTCHER", "US_BIKES"}) Must(tenants->Get(core::TenantKey::Parse(key).value()), key);
}

Pipeline::~Pipeline() {
  handler.reset();
  tenants.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
}

Pipeline& SharedPipeline() {
  static Pipeline* pipeline = [] {
    auto* p = new Pipeline();
    // libFuzzer leaves through exit(): remove the scratch folder then.
    std::atexit([] { delete &SharedPipeline(); });
    return p;
  }();
  return *pipeline;
}

}  // namespace fuzzing
