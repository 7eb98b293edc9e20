#include "app/turn_log.h"

#include <spdlog/spdlog.h>

namespace app {

TurnLog::TurnLog(std::shared_ptr<spdlog::logger> chatbot) : chatbot_(std::move(chatbot)) {}

core::Status TurnLog::Record(const services::CompletedTurn& done) {
  const services::ChatTurn& turn = done.turn;
  const core::Reply& r = turn.reply;
  std::string llm;
  if (r.llm.used || !r.llm.rejected_reason.empty()) {
    llm = " llm=" + (r.llm.used ? std::string("used") : "rejected(" + r.llm.rejected_reason + ")") +
          " llm_ms=" + std::to_string(r.llm.latency_ms) + " tokens=" + std::to_string(r.llm.tokens) +
          " tools=" + std::to_string(r.llm.tool_calls);
  }
  chatbot_->info(
      "turn tenant={} session={} intent={} conf={:.2f} resolved={} clarify={} items={} mode={}{}{}{} {}us rid={}",
      turn.tenant, turn.session_id.substr(0, 8), turn.intent, turn.confidence, r.resolved, r.needs_clarification,
      r.items.size(), r.mode_used, llm, turn.bot_paused ? " paused" : "",
      turn.order ? " order=" + turn.order->order_id : std::string(), turn.latency_us, done.context.request_id);
  return core::Status::Ok();
}

}  // namespace app
