#include "services/channels/inbox_processor.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "services/channels/outbound_content.h"
#include "services/channels/whatsapp_format.h"

namespace services {

using core::ErrorCode;
using core::MakeError;

namespace {

using json = nlohmann::json;

json Payload(const db::InboundMessage& m) {
  auto j = json::parse(m.payload, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : json::object();
}

double Number(const json& j, const char* field) {
  return j.contains(field) && j[field].is_number() ? j[field].get<double>() : 0.0;
}

std::string Str(const json& j, const char* field) {
  return j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : std::string();
}

core::Reply NearestBranchReply(const retrieval::Tenant& t, double lat, double lon, std::string* branch_id) {
  core::Reply r;
  auto fact = [&r](const retrieval::Branch& b, std::string field, std::string value) {
    r.facts.push_back({"geo", b.id, std::move(field), value});
    return value;
  };
  auto nearest = NearestBranches(*t.geo, lat, lon, 2);
  if (nearest.empty()) {
    r.resolved = false;
    r.fallback = true;
    r.text = "Sorry, I don't have branch details to share.";
    return r;
  }
  const retrieval::Branch& b = *nearest.front().branch;
  *branch_id = b.id;
  char km[32];
  std::snprintf(km, sizeof km, "%.1f", nearest.front().km);
  r.text = "Your nearest branch is " + b.name + ": " + fact(b, "address", b.address + ", " + b.postcode) +
           (b.phone.empty() ? "" : ", tel " + fact(b, "phone", b.phone)) + " (" + fact(b, "distance_km", km) +
           " km away) — " + retrieval::GeoStore::MapLink(b);
  r.quick_replies = {"Opening hours", "Delivery"};
  return r;
}

// What the shopper's tap stands for: a quick reply's text, or the name of
// the product on the row (by SKU, in the tenant's current catalog).
std::string ChoiceText(const db::InboundMessage& m, const retrieval::Tenant& t) {
  json payload = Payload(m);
  auto choice = ParseChoiceId(Str(payload, "id"));
  if (!choice) return m.text;
  if (choice->sku) {
    if (const auto* product = t.catalog->FindBySku(*choice->sku)) return product->name;
    return m.text;
  }
  return choice->text;
}

}  // namespace

std::string SessionIdFor(std::string_view shopper_e164) {
  std::string id = "wa-";
  for (char c : shopper_e164) {
    if (c >= '0' && c <= '9') id.push_back(c);
  }
  return id;
}

std::vector<retrieval::NearbyBranch> NearestBranches(const retrieval::GeoStore& geo, double lat, double lon,
                                                     size_t limit) {
  std::vector<retrieval::NearbyBranch> out;
  for (const auto& b : geo.branches()) out.push_back({&b, retrieval::GeoStore::DistanceKm(lat, lon, b.lat, b.lon)});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.km < b.km; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

InboxProcessor::InboxProcessor(db::InboxStore& inbox, ChannelDirectory& directory, retrieval::TenantDirectory& tenants,
                               MessageHandler& handler, TurnSink& direct_sink, SessionStore& sessions,
                               const core::Clock& clock, InboxOptions options, Warn warn)
    : inbox_(inbox),
      directory_(directory),
      tenants_(tenants),
      handler_(handler),
      direct_sink_(direct_sink),
      sessions_(sessions),
      clock_(clock),
      options_(options),
      warn_(std::move(warn)) {}

core::Status InboxProcessor::Retry(const db::InboundMessage& m, const std::string& why) {
  if (m.attempts >= options_.max_attempts)
    return Fail(m, why + " (gave up after " + std::to_string(m.attempts) + " attempts)");
  auto delay = options_.retry_min * (int64_t{1} << std::min<int64_t>(std::max<int64_t>(m.attempts - 1, 0), 20));
  delay = std::min(delay, options_.retry_max);
  return inbox_.RetryInbound(m.id, clock_.Now() + delay, why);
}

core::Status InboxProcessor::Fail(const db::InboundMessage& m, const std::string& why) {
  if (warn_) warn_("WhatsApp message " + std::to_string(m.id) + " of " + m.tenant + " not answered: " + why);
  return inbox_.FailInbound(m.id, why, clock_.Now());
}

core::Result<std::vector<connectors::OutboundMessage>> InboxProcessor::Answer(const db::InboundMessage& m,
                                                                              const std::string& outbox_state) {
  using Replies = std::vector<connectors::OutboundMessage>;
  auto settle = [](core::Status st) -> core::Result<Replies> {
    if (!st.ok()) return st.error();
    return Replies{};
  };
  auto key = core::TenantKey::Parse(m.tenant);
  if (!key.ok()) return settle(Fail(m, "bad tenant key"));
  auto settings = directory_.SettingsOf(*key);
  if (!settings.ok()) return settle(Fail(m, settings.error().message));
  const bool meta = m.provider == kProviderMeta;
  if (meta ? !settings->meta.enabled : !settings->twilio.enabled) {
    return settle(Fail(m, "the tenant's " + m.provider + " channel is switched off"));
  }
  const auto now = clock_.Now();
  if (now - m.sent_at > options_.window) return settle(Fail(m, "older than the 24-hour window"));
  auto tenant = tenants_.Get(*key);
  if (!tenant.ok()) {
    if (tenant.error().code == ErrorCode::kUnknownTenant) return settle(Fail(m, tenant.error().message));
    return settle(Retry(m, "tenant not loaded: " + tenant.error().message));
  }
  auto turn = RunTurn(m, **tenant, *settings);
  if (!turn.ok()) {
    if (turn.error().retryable || turn.error().code == ErrorCode::kUnavailable) {
      return settle(Retry(m, turn.error().message));
    }
    return settle(Fail(m, turn.error().message));
  }
  Replies replies;
  if (turn->answer) replies = FormatReply(turn->reply, settings->texts, meta ? kMetaLimits : kTwilioLimits);
  std::vector<db::OutboxMessage> rows;
  for (size_t i = 0; i < replies.size(); ++i) {
    db::OutboxMessage row;
    row.tenant = m.tenant;
    row.provider = m.provider;
    row.shopper = m.shopper;
    row.session = SessionIdFor(m.shopper);
    row.dedupe_key = "reply:" + std::to_string(m.id) + ":" + std::to_string(i);
    row.inbound_id = m.id;
    row.author = "bot";
    row.content = EncodeOutbound(replies[i]);
    row.state = outbox_state;
    row.next_attempt = now;
    row.created_at = now;
    rows.push_back(std::move(row));
  }
  if (auto st = inbox_.CompleteInbound(m.id, rows, now); !st.ok()) return st.error();
  return replies;
}

core::Result<InboxProcessor::Reply> InboxProcessor::RunTurn(const db::InboundMessage& m,
                                                            const retrieval::Tenant& tenant,
                                                            const ChannelSettings& settings) {
  if (m.kind == "ignored") return Reply{};
  if (m.kind == "location") {
    json p = Payload(m);
    double lat = Number(p, "latitude"), lon = Number(p, "longitude");
    std::string branch_id;
    core::Reply reply = NearestBranchReply(tenant, lat, lon, &branch_id);
    char where[64];
    std::snprintf(where, sizeof where, "%.5f, %.5f", lat, lon);
    std::string label = Str(p, "name").empty() ? Str(p, "address") : Str(p, "name");
    return DirectTurn(m, tenant, "[location " + std::string(where) + (label.empty() ? "" : " " + label) + "]",
                      std::move(reply), "branch_locator", branch_id);
  }
  if (m.kind != "text" && m.kind != "button") {
    core::Reply reply;
    reply.text = settings.texts.unsupported;
    reply.resolved = false;
    std::string type = Str(Payload(m), "type");
    return DirectTurn(m, tenant,
                      "[" + (type.empty() ? std::string("message") : type) + "]" + (m.text.empty() ? "" : " " + m.text),
                      std::move(reply), "unsupported_message", "");
  }
  ChatInput input;
  input.message = m.kind == "button" ? ChoiceText(m, tenant) : m.text;
  input.session_id = SessionIdFor(m.shopper);
  input.now = clock_.Now();
  input.shopper_phone = m.shopper;
  input.shopper_name = m.profile_name;
  core::RequestContext context{"wa-" + std::to_string(m.id), *core::TenantKey::Parse(m.tenant),
                               core::Channel::kWhatsApp, clock_.Monotonic() + options_.turn_timeout};
  auto turn = handler_.Handle(context, input);
  if (!turn.ok()) {
    if (turn.error().code == ErrorCode::kPayloadTooLarge || turn.error().code == ErrorCode::kInvalidArgument) {
      core::Reply reply;
      reply.text =
          turn.error().code == ErrorCode::kPayloadTooLarge ? settings.texts.too_long : settings.texts.unsupported;
      reply.resolved = false;
      return DirectTurn(m, tenant, input.message.substr(0, 500), std::move(reply), "unsupported_message", "");
    }
    return turn.error();
  }
  if (turn->bot_paused) return Reply{};  // staff have the conversation
  return Reply{true, turn->reply};
}

core::Result<InboxProcessor::Reply> InboxProcessor::DirectTurn(const db::InboundMessage& m,
                                                               const retrieval::Tenant& tenant, std::string user_text,
                                                               core::Reply reply, std::string intent,
                                                               const std::string& branch_id) {
  const auto now = clock_.Now();
  const core::TenantKey& key = tenant.key();
  const std::string session_id = SessionIdFor(m.shopper);
  Session session;
  // A store that cannot be read is an error (the message is retried), never
  // "no session": that would overwrite the shopper's basket.
  auto existing = sessions_.Get(key, session_id);
  if (!existing.ok()) return existing.error();
  if (*existing && now - (*existing)->last_seen <= std::chrono::minutes(tenant.settings.session_ttl_minutes)) {
    session = std::move(**existing);
  } else {
    session.id = session_id;
    session.tenant = key.str();
    session.created = now;
  }
  session.last_seen = now;
  ++session.turns;
  const bool had_contact = !session.phone.empty() || !session.email.empty();
  if (session.phone.empty()) session.phone = m.shopper;
  if (session.name.empty()) session.name = m.profile_name;
  if (!branch_id.empty()) session.branch_id = branch_id;
  ChatInput input;
  input.message = std::move(user_text);
  input.session_id = session_id;
  input.now = now;
  ChatTurn turn;
  turn.tenant = key.str();
  turn.tenant_version = tenant.version();
  turn.session_id = session_id;
  turn.intent = std::move(intent);
  turn.confidence = 1.0;
  turn.contact_revealed = !had_contact;
  turn.bot_paused = session.handoff;
  turn.reply = session.handoff ? core::Reply{} : std::move(reply);
  if (session.handoff) turn.reply.resolved = false;
  core::RequestContext context{"wa-" + std::to_string(m.id), key, core::Channel::kWhatsApp,
                               clock_.Monotonic() + options_.turn_timeout};
  if (auto recorded = direct_sink_.Record({context, tenant, input, turn, session}); !recorded.ok()) {
    core::Error e = MakeError(ErrorCode::kUnavailable, "turn not recorded: " + recorded.error().message);
    e.retryable = true;
    return e;
  }
  sessions_.Put(session, std::chrono::minutes(tenant.settings.session_ttl_minutes));
  if (turn.bot_paused) return Reply{};
  return Reply{true, std::move(turn.reply)};
}

}  // namespace services
