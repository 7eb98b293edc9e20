// SelfRepair: a report of what is wrong or missing in one tenant's data
// (what the schemas allow but a shop should still fix), plus suggestions
// built from what shoppers asked and did not get (analytics). Each
// suggestion is an RFC 6902 JSON Patch against one tenant file; it can be
// previewed, and applied only on an explicit call, which publishes a new
// version through TenantDataService (validated, author recorded). Nothing
// is ever changed by Report or Preview. Definitions: docs/analytics.md.
//
// Finding ids are stable: a hash of kind, file, JSON pointer, target and
// patch, so the same problem keeps its id across reports while the data it
// points at is unchanged, and a suggestion computed on data that has since
// changed no longer matches (Apply then fails with kConflict).
//
// Errors: kUnknownTenant and storage errors from TenantDataService; the
// store's errors from AnalyticsService (kUnavailable); kNotFound for an id
// without a suggestion; kConflict for an id not in the current report;
// kInvalidArgument when the suggestion needs owner input (applicable =
// false); kSchemaInvalid when the patched file would not validate.
//
// Thread-safe. Apply calls are serialised by the service; a concurrent edit
// through another path between Apply's read and its publish is not detected
// (the repository has no compare-and-swap yet), but the patch's "test"
// operations make a stale index fail instead of patching the wrong entry.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/storage.h"
#include "retrieval/text_normalizer.h"
#include "services/owner/analytics_service.h"
#include "services/owner/tenant_data_service.h"

namespace services {

enum class Severity { kError, kWarning, kInfo };
// "error", "warning", "info".
std::string_view SeverityName(Severity severity);

struct RepairSuggestion {
  std::string summary;       // "Add 'chikn' as a synonym of 'chicken'"
  std::string file;          // the one file the patch applies to, e.g. "synonyms.json"
  std::string patch = "[]";  // RFC 6902 operations, as compact JSON text
  // False when the owner must supply something first (a new FAQ's answer):
  // Preview works, Apply refuses with kInvalidArgument.
  bool applicable = true;
};

struct RepairFinding {
  std::string id;  // stable, see above
  Severity severity = Severity::kInfo;
  // "duplicate_sku", "zero_price", "empty_category", "product_without_tags",
  // "faq_without_variants", "zone_unreachable", "branch_without_hours",
  // "frequent_zero_result", "frequent_unanswered".
  std::string kind;
  std::string file;     // tenant file the finding is about ("" for none)
  std::string pointer;  // RFC 6901 pointer into `file` ("" for the whole file or none)
  std::string message;  // for the owner
  std::optional<RepairSuggestion> suggestion;
};

struct RepairReport {
  std::string tenant;
  int version = 0;                      // the data version the report was computed on
  std::chrono::system_clock::time_point from{}, to{};  // the analytics window used for suggestions
  std::vector<RepairFinding> findings;  // errors first, then warnings, then info; stable within a severity
};

struct RepairPreview {
  std::string id;
  std::string file;
  int version = 0;     // the version the patch applies to
  std::string before;  // current text of the file ("" when the file does not exist yet)
  std::string after;   // the file as Apply would publish it (2-space indented JSON)
  std::string patch;   // as in RepairSuggestion
  bool applicable = true;
};

struct SelfRepairOptions {
  std::chrono::hours lookback{30 * 24};  // analytics window ending now
  int64_t min_count = 3;                 // a query group must occur this often to become a suggestion
  double faq_overlap = 0.5;              // share of a question's words an FAQ must share to get it as a variant
};

class SelfRepair {
 public:
  // References must outlive the service.
  SelfRepair(TenantDataService& data, const AnalyticsService& analytics, const core::Clock& clock,
             SelfRepairOptions options = {});

  core::Result<RepairReport> Report(const core::TenantKey& key) const;
  // The suggestion applied to the current file, without writing anything.
  core::Result<RepairPreview> Preview(const core::TenantKey& key, std::string_view id) const;
  // Publishes the patched file as a new version authored by `actor`.
  core::Result<retrieval::VersionInfo> Apply(const core::TenantKey& key, std::string_view id, const std::string& actor);

 private:
  // The report plus the texts of the files it read (absent files omitted).
  core::Result<RepairReport> Compute(const core::TenantKey& key, retrieval::FileTexts* texts) const;
  // The finding with `id` and the patched file; kConflict / kNotFound as above.
  core::Result<RepairPreview> Locate(const core::TenantKey& key, std::string_view id) const;

  TenantDataService& data_;
  const AnalyticsService& analytics_;
  const core::Clock& clock_;
  SelfRepairOptions options_;
  retrieval::TextNormalizer normalizer_;
  std::mutex apply_mu_;
};

}  // namespace services
