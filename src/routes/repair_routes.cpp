#include "routes/repair_routes.h"

#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using services::Permission;
using services::Principal;

nlohmann::json FindingJson(const services::RepairFinding& f) {
  nlohmann::json j = {{"id", f.id},     {"severity", services::SeverityName(f.severity)},
                      {"kind", f.kind}, {"file", f.file},
                      {"pointer", f.pointer}, {"message", f.message}};
  if (f.suggestion) {
    j["suggestion"] = {{"summary", f.suggestion->summary},
                       {"file", f.suggestion->file},
                       {"patch", nlohmann::json::parse(f.suggestion->patch)},
                       {"applicable", f.suggestion->applicable}};
  }
  return j;
}

}  // namespace

void AddRepairRoutes(http::RouteTable& table, services::Authenticator& auth, services::SelfRepair& repair) {
  const std::string base = "/admin/api/tenants/{tenant}/repair";
  table.Add(http::Method::kGet, base,
            TenantScoped(auth, Permission::kReadData,
                         [&repair](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto report = repair.Report(key);
                           if (!report.ok()) return ErrorToResponse(report.error(), request);
                           nlohmann::json findings = nlohmann::json::array();
                           for (const auto& f : report->findings) findings.push_back(FindingJson(f));
                           return JsonOk({{"tenant", report->tenant},
                                          {"version", report->version},
                                          {"from", core::FormatIsoUtc(report->from)},
                                          {"to", core::FormatIsoUtc(report->to)},
                                          {"findings", findings}});
                         }));

  table.Add(http::Method::kGet, base + "/{id}/preview",
            TenantScoped(auth, Permission::kReadData,
                         [&repair](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto preview = repair.Preview(key, request.PathParam("id"));
                           if (!preview.ok()) return ErrorToResponse(preview.error(), request);
                           return JsonOk({{"id", preview->id},
                                          {"file", preview->file},
                                          {"version", preview->version},
                                          {"before", preview->before},
                                          {"after", preview->after},
                                          {"patch", nlohmann::json::parse(preview->patch)},
                                          {"applicable", preview->applicable}});
                         }));

  table.Add(http::Method::kPost, base + "/{id}/apply",
            TenantScoped(auth, Permission::kWriteData,
                         [&repair](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto info = repair.Apply(key, request.PathParam("id"), who.email);
                           if (!info.ok()) return ErrorToResponse(info.error(), request);
                           return JsonOk(VersionJson(*info), 201);
                         }));
}

}  // namespace routes
