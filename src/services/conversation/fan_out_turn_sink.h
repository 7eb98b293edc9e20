// FanOutTurnSink: hands each turn to several sinks in order (the CRM
// records, then the chatbot.log line). The first refusal stops the fan-out
// and refuses the turn, so put sinks that may refuse (the CRM) first: a
// later sink never sees a turn that was not recorded.
// Thread-safe when every sink is.
#pragma once

#include <utility>
#include <vector>

#include "services/conversation/message_handler.h"

namespace services {

class FanOutTurnSink final : public TurnSink {
 public:
  // The sinks must outlive this object; null entries are skipped.
  explicit FanOutTurnSink(std::vector<TurnSink*> sinks) : sinks_(std::move(sinks)) {}

  core::Status Record(const CompletedTurn& done) override {
    for (TurnSink* sink : sinks_) {
      if (!sink) continue;
      if (auto st = sink->Record(done); !st.ok()) return st;
    }
    return core::Status::Ok();
  }

 private:
  std::vector<TurnSink*> sinks_;
};

}  // namespace services
