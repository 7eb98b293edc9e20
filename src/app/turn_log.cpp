#include "app/turn_log.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace app {

namespace {
std::string_view ChannelName(core::Channel c) {
  switch (c) {
    case core::Channel::kWeb: return "web";
    case core::Channel::kWhatsApp: return "wa";
    case core::Channel::kApi: return "api";
    case core::Channel::kCli: return "cli";
  }
  return "api";
}
}  // namespace

TurnLog::TurnLog(std::shared_ptr<spdlog::logger> chatbot, std::shared_ptr<spdlog::logger> analytics)
    : chatbot_(std::move(chatbot)), analytics_(std::move(analytics)) {}

void TurnLog::Record(const services::ChatInput& input, const services::ChatTurn& turn,
                     const services::Session& session) {
  const core::Reply& r = turn.reply;
  chatbot_->info("turn tenant={} session={} intent={} conf={:.2f} resolved={} clarify={} items={} {}us rid={}",
                 turn.tenant, turn.session_id.substr(0, 8), turn.intent, turn.confidence, r.resolved,
                 r.needs_clarification, r.items.size(), turn.latency_us, input.request_id);
  nlohmann::json event = {{"event", "turn"},
                          {"at", core::FormatIsoUtc(session.last_seen)},
                          {"tenant", turn.tenant},
                          {"session", turn.session_id},
                          {"channel", ChannelName(input.channel)},
                          {"intent", turn.intent},
                          {"confidence", turn.confidence},
                          {"resolved", r.resolved},
                          {"clarifier", r.needs_clarification},
                          {"fallback", r.fallback},
                          {"items", r.items.size()},
                          {"latency_us", turn.latency_us}};
  if (r.cart_changed) event["cart_value"] = r.cart.total.major();
  analytics_->info("{}", event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (turn.order) {
    nlohmann::json order = {{"event", "order_requested"},
                            {"at", core::FormatIsoUtc(session.last_seen)},
                            {"tenant", turn.tenant},
                            {"session", turn.session_id},
                            {"order_id", turn.order->order_id},
                            {"fulfilment", turn.order->fulfilment},
                            {"lines", turn.order->cart.lines.size()},
                            {"total", turn.order->total.major()},
                            {"currency", turn.order->total.currency}};
    analytics_->info("{}", order.dump());
  }
}

}  // namespace app
