#include "app/turn_log.h"

#include <spdlog/spdlog.h>

namespace app {

TurnLog::TurnLog(std::shared_ptr<spdlog::logger> chatbot) : chatbot_(std::move(chatbot)) {}

core::Status TurnLog::Record(const services::CompletedTurn& done) {
  const services::ChatTurn& turn = done.turn;
  const core::Reply& r = turn.reply;
  chatbot_->info("turn tenant={} session={} intent={} conf={:.2f} resolved={} clarify={} items={}{}{} {}us rid={}",
                 turn.tenant, turn.session_id.substr(0, 8), turn.intent, turn.confidence, r.resolved,
                 r.needs_clarification, r.items.size(), turn.bot_paused ? " paused" : "",
                 turn.order ? " order=" + turn.order->order_id : std::string(), turn.latency_us, done.context.request_id);
  return core::Status::Ok();
}

}  // namespace app
