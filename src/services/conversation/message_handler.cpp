#include "services/conversation/message_handler.h"

#include <algorithm>

#include "services/conversation/shop_tools.h"

namespace services {

using core::ErrorCode;
using core::MakeError;

namespace {

bool ValidSessionId(std::string_view id) {
  if (id.size() < 8 || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

MessageHandler::MessageHandler(retrieval::TenantDirectory& tenants, SessionStore& sessions,
                               const retrieval::TextNormalizer& normalizer, const ai_modes::ReplyMode& mode,
                               const core::Clock& clock, core::IdGenerator& ids, TurnSink* sink,
                               MessageHandlerOptions options)
    : tenants_(tenants),
      sessions_(sessions),
      normalizer_(normalizer),
      mode_(mode),
      clock_(clock),
      ids_(ids),
      sink_(sink),
      options_(options),
      router_(normalizer) {}

core::Result<ChatTurn> MessageHandler::Handle(const core::RequestContext& context, const ChatInput& input) {
  auto started = clock_.Monotonic();
  if (!context.tenant) return MakeError(ErrorCode::kInvalidArgument, "turn without a tenant");
  const core::TenantKey& key = *context.tenant;
  if (input.message.empty() || IsBlank(input.message)) {
    return MakeError(ErrorCode::kInvalidArgument, "empty message", "The message is empty.");
  }
  if (input.message.size() > options_.max_message_bytes) {
    return MakeError(
        ErrorCode::kPayloadTooLarge, "message too long",
        "The message is too long (at most " + std::to_string(options_.max_message_bytes) + " characters).");
  }
  if (!input.session_id.empty() && !ValidSessionId(input.session_id)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad session id",
                     "session_id must be 8-128 letters, digits, '-' or '_'.");
  }
  auto tenant = tenants_.Get(key);
  if (!tenant.ok()) return tenant.error();
  const retrieval::Tenant& t = **tenant;

  auto now = input.now.value_or(clock_.Now());
  std::string session_id = input.session_id.empty() ? ids_.NewId() : input.session_id;
  Session session;
  std::optional<Session> existing;
  if (!input.session_id.empty()) {
    auto found = sessions_.Get(key, session_id);
    // A conversation whose memory cannot be read is not answered as a new
    // one: its session would be overwritten when this turn is saved.
    if (!found.ok()) {
      core::Error error = MakeError(ErrorCode::kUnavailable, "session unavailable: " + found.error().message,
                                    "Sorry, we can't take messages right now. Please try again in a moment.");
      error.retryable = true;
      return error;
    }
    existing = std::move(found).value();
  }
  // The tenant's own session lifetime (overrides.json) applies on top of the
  // store's upper bound: an expired conversation starts afresh.
  if (existing && now - existing->last_seen > std::chrono::minutes(t.settings.session_ttl_minutes)) existing.reset();
  if (existing) {
    session = std::move(*existing);
  } else {
    session.id = session_id;
    session.tenant = key.str();
    session.created = now;
  }
  session.last_seen = now;
  ++session.turns;
  const bool had_contact = !session.phone.empty() || !session.email.empty();
  const bool was_handoff = session.handoff;
  if (session.phone.empty()) session.phone = input.shopper_phone;
  if (session.name.empty()) session.name = input.shopper_name;

  ChatTurn turn;
  turn.tenant = key.str();
  turn.tenant_version = t.version();
  turn.session_id = session_id;
  if (was_handoff) {
    turn = Paused(t, session, input.message, std::move(turn));
  } else {
    RoutedTurn routed = router_.Route(t, session, input.message, now);
    std::optional<OrderRequest> order;
    core::Reply deterministic = composer_.Compose(t, session, routed, now, order);
    session.last_intent = std::string(IntentName(routed.intent));
    turn.intent = session.last_intent;
    turn.confidence = routed.confidence;
    turn.entities = routed.entities;
    turn.order = std::move(order);
    // V7's tools act on this turn's session through the same engine.
    ShopTools tools(t, session, router_, composer_, now);
    ai_modes::TurnContext mode_context{input.message, turn.intent, t.profile.name, context.deadline, &t, now, &tools};
    turn.reply = mode_.Finish(mode_context, std::move(deterministic));
    if (!turn.order && tools.order()) turn.order = std::move(tools.order());
  }
  turn.contact_revealed = !had_contact && (!session.phone.empty() || !session.email.empty());
  turn.handoff_started = !was_handoff && session.handoff;
  turn.latency_us =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.Monotonic() - started).count();
  if (sink_) {
    if (auto recorded = sink_->Record({context, t, input, turn, session}); !recorded.ok()) {
      core::Error error = MakeError(ErrorCode::kUnavailable, "turn not recorded: " + recorded.error().message,
                                    "Sorry, we can't take messages right now. Please try again in a moment.");
      error.retryable = true;
      return error;
    }
  }
  sessions_.Put(session, std::chrono::minutes(t.settings.session_ttl_minutes));
  return turn;
}

ChatTurn MessageHandler::Paused(const retrieval::Tenant& t, Session& session, const std::string& message,
                                ChatTurn turn) const {
  // Contact details given to the team are still worth keeping on the lead.
  ExtractionContext ctx;
  ctx.postcode_system = t.geo->system();
  ctx.currency = t.profile.currency;
  Entities e = ExtractEntities(message, normalizer_.Normalize(message), ctx);
  if (e.name) session.name = *e.name;
  if (e.phone) session.phone = *e.phone;
  if (e.email) session.email = *e.email;
  Entities contact;
  contact.name = e.name;
  contact.phone = e.phone;
  contact.email = e.email;
  turn.intent = std::string(IntentName(Intent::kHumanHandoff));
  turn.confidence = 1.0;
  turn.entities = std::move(contact);
  turn.bot_paused = true;
  turn.reply.text =
      t.settings.handoff_message.empty() ? std::string(kDefaultHandoffHolding) : t.settings.handoff_message;
  turn.reply.resolved = false;
  return turn;
}

}  // namespace services
