// TurnLog: the TurnSink that writes each turn to the logs: one line to
// chatbot.log and one JSON event to analytics.log (plus an "order_requested"
// event when a checkout completes). Contact details are never written to
// the logs; they stay in the session (and, with the CRM, in the database).
#pragma once

#include <memory>

#include "services/message_handler.h"

namespace spdlog {
class logger;
}

namespace app {

class TurnLog final : public services::TurnSink {
 public:
  TurnLog(std::shared_ptr<spdlog::logger> chatbot, std::shared_ptr<spdlog::logger> analytics);
  void Record(const services::ChatInput& input, const services::ChatTurn& turn,
              const services::Session& session) override;

 private:
  std::shared_ptr<spdlog::logger> chatbot_;
  std::shared_ptr<spdlog::logger> analytics_;
};

}  // namespace app
