// TenantDataService: reading and publishing tenant data files, versions,
// diffs and rollbacks, for operators (ops API, CLI) and owners (admin API).
// Every write is validated as a whole tenant and published as a new version;
// the running tenant switches to it on the next request. With an audit store
// every successful write also leaves an audit entry (who, when, what).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/tenant_key.h"
#include "db/audit_store.h"
#include "retrieval/storage.h"
#include "retrieval/tenant.h"

namespace services {

struct TenantDataAudit {
  db::AuditStore* store = nullptr;               // not owned; null: no audit (CLI)
  const core::Clock* clock = nullptr;            // not owned; required with `store`
  std::function<void(const std::string&)> warn;  // an audit write that failed
};

// One audit log entry, as owners read it.
struct AuditRecord {
  std::chrono::system_clock::time_point at{};
  std::string user;           // who (email or "system")
  std::string action;         // "file.replace", "product.patch", "version.rollback", "lead.update", ...
  std::string target;         // the file, SKU, version or lead
  std::string detail = "{}";  // JSON object, as text
};

// A change to one product; nullopt leaves the field as it is.
struct ProductPatch {
  std::optional<double> price;
  std::optional<int64_t> stock;
};

class TenantDataService {
 public:
  // References must outlive the service.
  TenantDataService(retrieval::TenantRepository& repository, retrieval::TenantDirectory& tenants,
                    TenantDataAudit audit = {});

  // The file's text in the current version, and that version's number (for
  // an If-Match on the write that follows).
  struct VersionedText {
    std::string text;
    int version = 0;
  };
  core::Result<VersionedText> ReadFile(const core::TenantKey& key, std::string_view file_name);

  // Every write below publishes a new version on top of the current one,
  // atomically (retrieval::TenantRepository: no change is ever lost to a
  // concurrent one). With `expected_version` (the version the caller read,
  // an HTTP If-Match) it is written only on top of that version, else
  // kPreconditionFailed.

  // kNotFound (not a tenant file), kInvalidJson / kSchemaInvalid with details.
  core::Result<retrieval::VersionInfo> ReplaceFile(const core::TenantKey& key, std::string_view file_name,
                                                   std::string text, const std::string& author,
                                                   std::optional<int> expected_version = std::nullopt);
  // Changes one product of catalog.json and publishes the catalog as a new
  // version. kNotFound for an unknown SKU; kSchemaInvalid (with the JSON
  // pointer of the product field) for a value the schema refuses;
  // kInvalidArgument for an empty patch.
  core::Result<retrieval::VersionInfo> PatchProduct(const core::TenantKey& key, std::string_view sku,
                                                    const ProductPatch& patch, const std::string& author,
                                                    std::optional<int> expected_version = std::nullopt);
  core::Result<std::vector<retrieval::VersionInfo>> ListVersions(const core::TenantKey& key);
  core::Result<retrieval::VersionDiff> Diff(const core::TenantKey& key, int from, int to);
  core::Result<retrieval::VersionInfo> Rollback(const core::TenantKey& key, int version, const std::string& author,
                                                std::optional<int> expected_version = std::nullopt);
  // Newest first; kInvalidArgument without an audit store.
  core::Result<std::vector<AuditRecord>> Audit(const core::TenantKey& key, int64_t limit);

 private:
  void Record(const core::TenantKey& key, const std::string& author, std::string action, std::string target,
              std::string detail);

  retrieval::TenantRepository& repository_;
  retrieval::TenantDirectory& tenants_;
  TenantDataAudit audit_;
};

}  // namespace services
