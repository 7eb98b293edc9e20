// TurnLog: the TurnSink that writes one line per turn to chatbot.log
// (tenant, short session id, intent, confidence, outcome, latency, request
// id, and the order id when a checkout completed). Analytics events, leads
// and transcripts go to the operational database through the CRM
// (services::CrmService); this line is for operators reading logs. Contact
// details and message text are never written to the logs. Never refuses.
// Thread-safe (spdlog loggers are).
#pragma once

#include <memory>

#include "services/conversation/message_handler.h"

namespace spdlog {
class logger;
}

namespace app {

class TurnLog final : public services::TurnSink {
 public:
  explicit TurnLog(std::shared_ptr<spdlog::logger> chatbot);
  core::Status Record(const services::CompletedTurn& done) override;

 private:
  std::shared_ptr<spdlog::logger> chatbot_;
};

}  // namespace app
