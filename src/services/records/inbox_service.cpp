#include "services/records/inbox_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace services {

namespace {

using core::ErrorCode;
using core::MakeError;

bool Blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

}  // namespace

InboxService::InboxService(CrmService& crm, db::LeadStore& leads, db::AuditStore& audit, SessionStore& sessions,
                           InboxFeed& feed, const core::Clock& clock, InboxServiceOptions options)
    : crm_(crm),
      leads_(leads),
      audit_(audit),
      sessions_(sessions),
      feed_(feed),
      clock_(clock),
      options_(std::move(options)) {}

bool InboxService::IsWebSessionId(const std::string& session) {
  return session.size() == 32 && std::all_of(session.begin(), session.end(),
                                             [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

core::Result<TranscriptTurn> InboxService::Reply(const core::TenantKey& tenant, int64_t lead_id,
                                                 const std::string& text, const std::string& actor) {
  if (text.empty() || Blank(text)) {
    return MakeError(ErrorCode::kInvalidArgument, "empty staff reply", "\"text\" is empty: write a reply.");
  }
  if (text.size() > options_.max_reply_bytes) {
    return MakeError(ErrorCode::kPayloadTooLarge, "staff reply too long",
                     "\"text\" is too long (at most " + std::to_string(options_.max_reply_bytes) + " bytes).");
  }
  auto lead = crm_.GetLead(tenant, lead_id);
  if (!lead.ok()) return lead.error();
  const bool web = lead->channel.empty() || lead->channel == "web" || lead->channel == "api";
  StaffReplyChannel* channel = nullptr;
  if (!web) {
    auto it = options_.channels.find(lead->channel);
    if (it == options_.channels.end() || it->second == nullptr) {
      core::Error error = MakeError(ErrorCode::kUnavailable, "no staff reply channel for " + lead->channel,
                                    "Replies on " + lead->channel + " cannot be sent from the dashboard yet.");
      return error;
    }
    channel = it->second;
  }
  if (lead->session.empty()) {
    return MakeError(ErrorCode::kNotFound, "lead without a conversation", "This lead has no conversation to reply to.");
  }
  if (!lead->handoff) {
    auto taken = crm_.SetHandoff(tenant, lead_id, true, actor);
    if (!taken.ok()) return taken.error();
    lead = std::move(taken);
  }
  TranscriptTurn turn;
  turn.at = clock_.Now();
  turn.session = lead->session;
  turn.role = "staff";
  turn.text = text;
  if (channel) {
    if (auto st = channel->SendStaffReply(tenant, *lead, text, actor); !st.ok()) return st.error();
    feed_.Touch(tenant.str(), lead->session);
  } else {
    db::Message message;
    message.tenant = tenant.str();
    message.session = lead->session;
    message.at = turn.at;
    message.role = "staff";
    message.text = text;
    if (auto st = leads_.AppendMessages({message}); !st.ok()) return st.error();
  }
  db::AuditEntry entry;
  entry.tenant = tenant.str();
  entry.user = actor;
  entry.at = turn.at;
  entry.action = "lead.reply";
  entry.target = "lead/" + std::to_string(lead_id);
  entry.detail = nlohmann::json{{"session", lead->session}, {"channel", lead->channel}, {"bytes", text.size()}}.dump();
  // The reply is already with the shopper: a failed audit write must not
  // make staff send it twice.
  (void)audit_.AppendAudit(entry);
  return turn;
}

core::Result<ShopperThread> InboxService::ShopperMessages(const core::TenantKey& tenant, const std::string& session,
                                                          int64_t after) {
  if (!IsWebSessionId(session)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad web session id",
                     "\"session_id\" must be the id this chat was given (32 hex digits).");
  }
  ShopperThread thread;
  auto found = sessions_.Get(tenant, session);
  if (!found.ok()) return found.error();
  thread.handoff = found->has_value() && (*found)->handoff;
  auto messages = leads_.Transcript(tenant.str(), session);
  if (!messages.ok()) return messages.error();
  for (const auto& m : *messages) {
    if (m.id <= after) continue;
    thread.messages.push_back(TranscriptTurn{m.at, m.session, m.role, m.text, m.intent, m.confidence, "[]", m.id});
  }
  return thread;
}

}  // namespace services
