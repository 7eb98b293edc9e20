// EvalTarget: what `aiv7 eval` runs a conversation pack against. One turn in,
// one ObservedTurn out, so the same checks (eval_check.h) judge both targets:
//   InProcessEvalTarget  services::MessageHandler in this process
//   HttpEvalTarget       POST /chat_api of a running server (`--url`)
// Each target runs a turn at the business time it is given: in process
// through ChatInput::now, over HTTP through the X-Test-Now header, which the
// server honours only when started with ALLOW_TEST_CLOCK=1.
#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "app/eval_check.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "http/client.h"
#include "services/conversation/message_handler.h"

namespace app {

struct EvalTurn {
  core::TenantKey tenant;
  std::string message;
  std::string session_id;  // empty: a new conversation
  std::chrono::system_clock::time_point now;
};

class EvalTarget {
 public:
  virtual ~EvalTarget() = default;
  // A refused turn is a value (ObservedTurn::error_code). Errors mean the
  // target could not run the turn at all (server unreachable, a response
  // that is not a chat turn); the run stops.
  virtual core::Result<ObservedTurn> Say(const EvalTurn& turn) = 0;
};

// Sessions live in a store of the target's own, session ids are
// "eval-session-N". All references must outlive the target. Not thread-safe.
class InProcessEvalTarget final : public EvalTarget {
 public:
  InProcessEvalTarget(retrieval::TenantDirectory& tenants, const retrieval::TextNormalizer& normalizer,
                      const ai_modes::ReplyMode& mode);
  ~InProcessEvalTarget() override;
  core::Result<ObservedTurn> Say(const EvalTurn& turn) override;

 private:
  struct Pipeline;
  std::unique_ptr<Pipeline> pipeline_;
};

// Turns go to POST <url.base_path>/chat_api with channel "api". `warnings`
// gets one line if the server does not confirm X-Test-Now (ALLOW_TEST_CLOCK
// off): the pack then runs at the server's real time. Not thread-safe.
class HttpEvalTarget final : public EvalTarget {
 public:
  HttpEvalTarget(const http::HttpUrl& url, std::ostream& warnings);
  core::Result<ObservedTurn> Say(const EvalTurn& turn) override;

 private:
  http::Client client_;
  std::string chat_path_;
  std::ostream& warnings_;
  bool warned_ = false;
};

}  // namespace app
