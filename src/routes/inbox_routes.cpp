#include "routes/inbox_routes.h"

#include <memory>

#include "routes/admin_guard.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;
using services::Permission;
using services::Principal;

constexpr int64_t kMaxWaitSeconds = 25;

nlohmann::json MessageJson(const services::TranscriptTurn& m) {
  nlohmann::json j = {{"id", m.id}, {"at", core::FormatIsoUtc(m.at)}, {"role", m.role}, {"text", m.text}};
  return j;
}

http::Response LongPollResponse(std::function<bool()> ready, std::function<http::Response()> respond,
                                int64_t wait_seconds) {
  auto poll = std::make_shared<http::LongPoll>();
  poll->ready = std::move(ready);
  poll->respond = std::move(respond);
  poll->max_wait = std::chrono::seconds(wait_seconds);
  http::Response deferred;
  deferred.long_poll = std::move(poll);
  return deferred;
}

http::Response InboxChanges(http::Request& request, const core::TenantKey& key, services::InboxService& inbox) {
  auto since = IntQueryParam(request, "since", -1, 0, INT64_MAX);
  if (!since.ok()) return ErrorToResponse(since.error(), request);
  auto wait = IntQueryParam(request, "wait", 0, 0, kMaxWaitSeconds);
  if (!wait.ok()) return ErrorToResponse(wait.error(), request);
  const services::InboxFeed& feed = inbox.feed();
  std::string tenant = key.str();
  auto answer = [&feed, tenant] { return JsonOk({{"stamp", feed.TenantStamp(tenant)}}); };
  if (*since < 0 || *wait == 0 || services::InboxFeed::Changed(*since, feed.TenantStamp(tenant))) return answer();
  int64_t seen = *since;
  return LongPollResponse(
      [&feed, tenant, seen] { return services::InboxFeed::Changed(seen, feed.TenantStamp(tenant)); }, answer, *wait);
}

http::Response StaffReply(http::Request& request, const Principal& who, const core::TenantKey& key,
                          services::InboxService& inbox) {
  auto id = ParsePositiveInt(request.PathParam("id"));
  if (!id) return ErrorToResponse(MakeError(ErrorCode::kNotFound, "bad lead id", "There is no such lead."), request);
  auto body = ParseJsonObject(request);
  if (!body.ok()) return ErrorToResponse(body.error(), request);
  for (const auto& [field, value] : body->items()) {
    if (field != "text") {
      return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "unknown field", "Only \"text\" can be sent."),
                             request);
    }
  }
  if (!body->contains("text") || !(*body)["text"].is_string()) {
    return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, "text missing", "\"text\" must be a string."),
                           request);
  }
  auto sent = inbox.Reply(key, *id, (*body)["text"].get<std::string>(), who.email);
  if (!sent.ok()) return ErrorToResponse(sent.error(), request);
  return JsonOk({{"lead", *id}, {"message", MessageJson(*sent)}}, 201);
}

http::Response ThreadJson(const services::ShopperThread& thread, const std::string& session, int64_t after) {
  nlohmann::json messages = nlohmann::json::array();
  int64_t cursor = after;
  for (const auto& m : thread.messages) {
    messages.push_back(MessageJson(m));
    cursor = std::max(cursor, m.id);
  }
  http::Response r =
      JsonOk({{"session_id", session}, {"handoff", thread.handoff}, {"cursor", cursor}, {"messages", messages}});
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

http::Response ShopperMessages(http::Request& request, services::InboxService& inbox,
                               const core::TenantKey& default_tenant) {
  auto key = SelectTenant(request, default_tenant);
  if (!key.ok()) return ErrorToResponse(key.error(), request);
  std::string session = request.QueryParam("session_id").value_or("");
  auto after = IntQueryParam(request, "after", 0, 0, INT64_MAX);
  if (!after.ok()) return ErrorToResponse(after.error(), request);
  auto wait = IntQueryParam(request, "wait", 0, 0, kMaxWaitSeconds);
  if (!wait.ok()) return ErrorToResponse(wait.error(), request);

  const services::InboxFeed& feed = inbox.feed();
  // The stamp is read before the messages, so a change committed between
  // the two is seen by the poll below, never lost.
  const int64_t seen = feed.SessionStamp(key->str(), session);
  auto request_copy = std::make_shared<http::Request>(request);
  auto answer = [&inbox, key = *key, session, after = *after, request_copy]() -> http::Response {
    auto thread = inbox.ShopperMessages(key, session, after);
    if (!thread.ok()) return ErrorToResponse(thread.error(), *request_copy);
    return ThreadJson(*thread, session, after);
  };
  auto first = inbox.ShopperMessages(*key, session, *after);
  if (!first.ok()) return ErrorToResponse(first.error(), request);
  if (*wait == 0 || !first->messages.empty()) return ThreadJson(*first, session, *after);
  std::string tenant = key->str();
  return LongPollResponse(
      [&feed, tenant, session, seen] { return services::InboxFeed::Changed(seen, feed.SessionStamp(tenant, session)); },
      answer, *wait);
}

}  // namespace

void AddInboxRoutes(http::RouteTable& table, services::Authenticator& auth, services::InboxService& inbox,
                    core::TenantKey default_tenant) {
  table.Add(http::Method::kGet, "/admin/api/tenants/{tenant}/inbox/changes",
            TenantScoped(auth, Permission::kReadLeads,
                         [&inbox](http::Request& request, const Principal&, const core::TenantKey& key) {
                           return InboxChanges(request, key, inbox);
                         }));
  table.Add(http::Method::kPost, "/admin/api/tenants/{tenant}/leads/{id}/messages",
            TenantScoped(auth, Permission::kWriteLeads,
                         [&inbox](http::Request& request, const Principal& who, const core::TenantKey& key) {
                           return StaffReply(request, who, key, inbox);
                         }));
  table.Add(
      http::Method::kGet, "/chat_api/messages",
      [&inbox, default_tenant](http::Request& request) { return ShopperMessages(request, inbox, default_tenant); },
      {.cors = true});
}

}  // namespace routes
