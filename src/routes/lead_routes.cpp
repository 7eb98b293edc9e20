#include "routes/lead_routes.h"

#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

nlohmann::json LeadJson(const services::LeadView& l) {
  return {{"id", l.id},
          {"session", l.session},
          {"name", l.name},
          {"phone", l.phone},
          {"email", l.email},
          {"channel", l.channel},
          {"status", l.status},
          {"tags", l.tags},
          {"notes", l.notes},
          {"value_estimate", {{"minor", l.value_estimate_minor}, {"currency", l.currency}}},
          {"handoff", l.handoff},
          {"created_at", core::FormatIsoUtc(l.created_at)},
          {"last_seen", core::FormatIsoUtc(l.last_seen)}};
}

nlohmann::json TurnJson(const services::TranscriptTurn& m) {
  nlohmann::json j = {{"at", core::FormatIsoUtc(m.at)}, {"role", m.role}, {"text", m.text}};
  if (m.role == "bot") {
    auto facts = nlohmann::json::parse(m.facts, nullptr, /*allow_exceptions=*/false);
    j["intent"] = m.intent;
    j["confidence"] = m.confidence;
    j["facts"] = facts.is_discarded() ? nlohmann::json::array() : facts;
  }
  return j;
}

core::Result<int64_t> LeadId(const http::Request& request) {
  auto id = ParsePositiveInt(request.PathParam("id"));
  if (!id) return MakeError(ErrorCode::kNotFound, "bad lead id", "There is no such lead.");
  return *id;
}

core::Result<services::LeadListQuery> ParseLeadQuery(const http::Request& request) {
  services::LeadListQuery query;
  query.search = request.QueryParam("q").value_or("");
  if (query.search.size() > 200) {
    return MakeError(ErrorCode::kInvalidArgument, "search too long", "The search text is too long (200 at most).");
  }
  query.status = request.QueryParam("status").value_or("");
  if (!query.status.empty() && !services::IsLeadStatus(query.status)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad status", "'status' must be new, active, won or lost.");
  }
  query.channel = request.QueryParam("channel").value_or("");
  if (auto sort = request.QueryParam("sort")) {
    auto parsed = services::ParseLeadSort(*sort);
    if (!parsed) {
      return MakeError(ErrorCode::kInvalidArgument, "bad sort",
                       "'sort' must be last_seen_desc, created_desc, created_asc, name_asc or value_desc.");
    }
    query.sort = *parsed;
  }
  auto limit = IntQueryParam(request, "limit", 50, 1, 500);
  if (!limit.ok()) return limit.error();
  auto offset = IntQueryParam(request, "offset", 0, 0, 1'000'000'000);
  if (!offset.ok()) return offset.error();
  query.limit = *limit;
  query.offset = *offset;
  return query;
}

core::Result<services::LeadEdit> ParseLeadEdit(const nlohmann::json& body) {
  services::LeadEdit patch;
  auto bad = [](std::string message) { return MakeError(ErrorCode::kInvalidArgument, message, message); };
  for (const auto& [field, value] : body.items()) {
    if (field == "status") {
      if (!value.is_string()) return bad("\"status\" must be new, active, won or lost.");
      patch.status = value.get<std::string>();
    } else if (field == "tags") {
      if (!value.is_array()) return bad("\"tags\" must be a list of words.");
      std::vector<std::string> tags;
      for (const auto& tag : value) {
        if (!tag.is_string()) return bad("\"tags\" must be a list of words.");
        tags.push_back(tag.get<std::string>());
      }
      patch.tags = std::move(tags);
    } else if (field == "notes") {
      if (!value.is_string()) return bad("\"notes\" must be text.");
      patch.notes = value.get<std::string>();
    } else if (field == "handoff") {
      if (!value.is_boolean()) return bad("\"handoff\" must be true or false.");
      patch.handoff = value.get<bool>();
    } else {
      return bad("Only status, tags, notes and handoff can be changed on a lead.");
    }
  }
  return patch;
}

}  // namespace

void AddLeadRoutes(http::RouteTable& table, services::Authenticator& auth, services::CrmService& crm) {
  const std::string base = "/admin/api/tenants/{tenant}/leads";

  table.Add(http::Method::kGet, base,
            TenantScoped(auth, Permission::kReadLeads,
                         [&crm](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto query = ParseLeadQuery(request);
                           if (!query.ok()) return ErrorToResponse(query.error(), request);
                           auto page = crm.ListLeads(key, *query);
                           if (!page.ok()) return ErrorToResponse(page.error(), request);
                           nlohmann::json leads = nlohmann::json::array();
                           for (const auto& l : page->leads) leads.push_back(LeadJson(l));
                           return JsonOk({{"tenant", key.str()},
                                          {"total", page->total},
                                          {"limit", query->limit},
                                          {"offset", query->offset},
                                          {"leads", leads}});
                         }));

  table.Add(http::Method::kGet, base + "/{id}",
            TenantScoped(auth, Permission::kReadLeads,
                         [&crm](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto id = LeadId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto lead = crm.GetLead(key, *id);
                           if (!lead.ok()) return ErrorToResponse(lead.error(), request);
                           return JsonOk(LeadJson(*lead));
                         }));

  table.Add(http::Method::kPatch, base + "/{id}",
            TenantScoped(auth, Permission::kWriteLeads,
                         [&crm](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           auto id = LeadId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto body = ParseJsonObject(request);
                           if (!body.ok()) return ErrorToResponse(body.error(), request);
                           auto patch = ParseLeadEdit(*body);
                           if (!patch.ok()) return ErrorToResponse(patch.error(), request);
                           auto lead = crm.UpdateLead(key, *id, *patch, who.email);
                           if (!lead.ok()) return ErrorToResponse(lead.error(), request);
                           return JsonOk(LeadJson(*lead));
                         }));

  table.Add(http::Method::kGet, base + "/{id}/transcript",
            TenantScoped(auth, Permission::kReadLeads,
                         [&crm](http::Request& request, const Principal&, const core::TenantKey& key) {
                           auto id = LeadId(request);
                           if (!id.ok()) return ErrorToResponse(id.error(), request);
                           auto transcript = crm.Transcript(key, *id);
                           if (!transcript.ok()) return ErrorToResponse(transcript.error(), request);
                           nlohmann::json turns = nlohmann::json::array();
                           for (const auto& turn : *transcript) turns.push_back(TurnJson(turn));
                           return JsonOk({{"lead", *id}, {"messages", turns}});
                         }));
}

}  // namespace routes
