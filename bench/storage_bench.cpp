// Tenant data costs: validating a demo tenant (paid on every new version) and
// the per-request change check of the tenant registry.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/clock.h"
#include "retrieval/file_system.h"
#include "retrieval/storage.h"
#include "retrieval/tenant_validation.h"

namespace {

const std::filesystem::path kSource = AIV7_SOURCE_DIR;

void BM_ValidateDemoTenant(benchmark::State& state) {
  auto schemas = retrieval::SchemaValidator::Load(kSource / "schemas").value();
  retrieval::PosixFileSystem fs;
  auto texts = retrieval::ReadTenantDir(fs, kSource / "business/UK_BUTCHER").value();
  for (auto _ : state) {
    auto docs = retrieval::ValidateTenantFiles(*schemas, texts);
    benchmark::DoNotOptimize(docs.ok());
  }
}
BENCHMARK(BM_ValidateDemoTenant)->Unit(benchmark::kMillisecond);

void BM_ChangeToken(benchmark::State& state) {
  auto schemas = retrieval::SchemaValidator::Load(kSource / "schemas").value();
  retrieval::PosixFileSystem fs;
  core::SystemClock clock;
  auto tmp = std::filesystem::temp_directory_path() / "aiv7-bench-data";
  retrieval::TenantRepository repo({kSource / "business", tmp, schemas, &fs, &clock, nullptr});
  auto key = core::TenantKey::Parse("UK_BUTCHER").value();
  if (!repo.Load(key).ok()) state.SkipWithError("load failed");
  for (auto _ : state) benchmark::DoNotOptimize(repo.ChangeToken(key));
  std::filesystem::remove_all(tmp);
}
BENCHMARK(BM_ChangeToken)->Unit(benchmark::kMicrosecond);

}  // namespace
