#include "services/channels/whatsapp_conversations.h"

#include <algorithm>

#include "services/channels/inbox_processor.h"
#include "services/channels/outbound_content.h"
#include "services/channels/whatsapp_format.h"

namespace services {

using core::ErrorCode;
using core::MakeError;

namespace {

bool IsE164(std::string_view phone) {
  return phone.size() >= 8 && phone.size() <= 16 && phone.front() == '+' &&
         std::all_of(phone.begin() + 1, phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

core::Error Conflict(const std::string& why) { return MakeError(ErrorCode::kConflict, why, why); }

// The template's body parameters, in the order the channel names them.
std::vector<std::string> TemplateParameters(const TemplateRef& t, std::string_view text, const std::string& name) {
  std::vector<std::string> out;
  for (const std::string& p : t.parameters) {
    if (p == "name")
      out.push_back(name.empty() ? "there" : Clip(name, 60));
    else
      out.push_back(Clip(text, 1024));
  }
  return out;
}

}  // namespace

WhatsAppConversations::WhatsAppConversations(CrmService& crm, db::InboxStore& inbox, db::OutboxStore& outbox,
                                             ChannelDirectory& directory, db::RecordSink& records,
                                             const core::Clock& clock, std::function<void()> wake,
                                             std::chrono::hours window)
    : crm_(crm),
      inbox_(inbox),
      outbox_(outbox),
      directory_(directory),
      records_(records),
      clock_(clock),
      wake_(std::move(wake)),
      window_(window) {}

core::Result<StaffReply> WhatsAppConversations::SendStaffReply(const core::TenantKey& tenant, int64_t lead_id,
                                                               std::string_view text, const std::string& actor,
                                                               const std::string& request_id) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "empty staff reply", "\"text\" must not be empty.");
  }
  if (CountChars(text) > kMetaLimits.max_text) {
    return MakeError(ErrorCode::kPayloadTooLarge, "staff reply too long",
                     "A WhatsApp message is at most 4096 characters.");
  }
  auto lead = crm_.GetLead(tenant, lead_id);
  if (!lead.ok()) return lead.error();
  if (!IsE164(lead->phone)) return Conflict("This lead has no WhatsApp number (an international phone number).");
  auto settings = directory_.SettingsOf(tenant);
  if (!settings.ok()) return settings.error();
  // The same request again (a retry): what it queued, nothing new, no
  // second transcript line.
  const std::string key_prefix = "staff:" + request_id + ":";
  auto earlier = outbox_.ListOutbound(tenant.str(), lead->phone, 1000);
  if (!earlier.ok()) return earlier.error();
  StaffReply repeated;
  for (const db::OutboxMessage& row : *earlier) {
    if (!row.dedupe_key.starts_with(key_prefix)) continue;
    repeated.outbox_ids.push_back(row.id);
    repeated.provider = row.provider;
    auto content = DecodeOutbound(row.content);
    repeated.templated = content.ok() && content->kind == connectors::OutboundMessage::Kind::kTemplate;
  }
  if (!repeated.outbox_ids.empty()) return repeated;
  auto last = inbox_.LastInbound(tenant.str(), lead->phone);
  if (!last.ok()) return last.error();

  StaffReply out;
  if (*last)
    out.provider = (*last)->provider;
  else if (settings->meta.enabled)
    out.provider = std::string(kProviderMeta);
  else if (settings->twilio.enabled)
    out.provider = std::string(kProviderTwilio);
  const bool meta = out.provider == kProviderMeta;
  if (out.provider.empty() || (meta ? !settings->meta.enabled : !settings->twilio.enabled)) {
    return Conflict("WhatsApp is not set up for this business (channels.json).");
  }
  const auto now = clock_.Now();
  std::vector<connectors::OutboundMessage> messages;
  if (*last && now - (*last)->sent_at < window_) {
    for (std::string& part : SplitText(text, meta ? kMetaLimits.max_text : kTwilioLimits.max_text)) {
      connectors::OutboundMessage m;
      m.text = std::move(part);
      messages.push_back(std::move(m));
    }
  } else {
    const auto& follow_up = meta ? settings->meta.follow_up : settings->twilio.follow_up;
    if (!follow_up) {
      return Conflict(
          "The shopper last wrote more than 24 hours ago, so WhatsApp only allows an approved template, and none is "
          "set: add templates.follow_up to the " +
          std::string(meta ? "whatsapp" : "twilio") + " section of channels.json.");
    }
    connectors::OutboundMessage m;
    m.kind = connectors::OutboundMessage::Kind::kTemplate;
    m.template_name = follow_up->name;
    m.template_language = follow_up->language;
    m.content_sid = follow_up->content_sid;
    std::string name = *last && !(*last)->profile_name.empty() ? (*last)->profile_name : lead->name;
    m.template_parameters = TemplateParameters(*follow_up, text, name);
    messages.push_back(std::move(m));
    out.templated = true;
  }

  const std::string session = SessionIdFor(lead->phone);
  db::RecordBatch transcript;
  for (const auto& m : messages) {
    transcript.messages.push_back({0, tenant.str(), session, now, "staff", OutboundSummary(m), "", 0, "[]"});
  }
  if (auto st = records_.Enqueue(std::move(transcript)); !st.ok()) return st.error();
  for (size_t i = 0; i < messages.size(); ++i) {
    db::OutboxMessage row;
    row.tenant = tenant.str();
    row.provider = out.provider;
    row.shopper = lead->phone;
    row.session = session;
    row.dedupe_key = "staff:" + request_id + ":" + std::to_string(i);
    row.author = "staff:" + actor;
    row.content = EncodeOutbound(messages[i]);
    row.next_attempt = now;
    row.created_at = now;
    auto id = outbox_.EnqueueOutbound(row);
    if (!id.ok()) return id.error();
    out.outbox_ids.push_back(*id);
  }
  if (wake_) wake_();
  if (!lead->handoff) {
    if (auto taken = crm_.SetHandoff(tenant, lead_id, true, actor); !taken.ok()) return taken.error();
  }
  return out;
}

core::Result<std::vector<ConversationEntry>> WhatsAppConversations::Conversation(const core::TenantKey& tenant,
                                                                                 int64_t lead_id, int64_t limit) {
  auto lead = crm_.GetLead(tenant, lead_id);
  if (!lead.ok()) return lead.error();
  std::vector<ConversationEntry> out;
  if (!IsE164(lead->phone)) return out;
  auto in = inbox_.ListInbound(tenant.str(), lead->phone, limit);
  if (!in.ok()) return in.error();
  auto sent = outbox_.ListOutbound(tenant.str(), lead->phone, limit);
  if (!sent.ok()) return sent.error();
  for (const db::InboundMessage& m : *in) {
    ConversationEntry e{m.id, "in", m.sent_at, m.provider, "shopper", m.kind, m.text, m.state, m.error, m.received_at};
    if (e.text.empty()) e.text = "[" + m.kind + "]";
    out.push_back(std::move(e));
  }
  for (const db::OutboxMessage& m : *sent) {
    auto content = DecodeOutbound(m.content);
    std::string kind = "text";
    if (content.ok()) {
      using Kind = connectors::OutboundMessage::Kind;
      kind = content->kind == Kind::kButtons    ? "buttons"
             : content->kind == Kind::kList     ? "list"
             : content->kind == Kind::kTemplate ? "template"
                                                : "text";
    }
    out.push_back({m.id, "out", m.created_at, m.provider, m.author, kind,
                   content.ok() ? OutboundSummary(*content) : std::string(), m.state, m.error, m.updated_at});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ConversationEntry& a, const ConversationEntry& b) { return a.at < b.at; });
  return out;
}

}  // namespace services
