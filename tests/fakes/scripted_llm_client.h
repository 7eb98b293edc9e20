// ScriptedLlmClient: an in-process connectors::LlmClient for unit tests of
// the reply modes and the client decorators. Answers from a queue (a
// response or an error per call), then from an optional function; records
// every request and deadline. Thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "connectors/llm_client.h"

namespace fakes {

class ScriptedLlmClient final : public connectors::LlmClient {
 public:
  using Answer = core::Result<connectors::LlmResponse>;
  using Function = std::function<Answer(const connectors::LlmRequest&)>;

  void Push(Answer answer) {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(answer));
  }
  // A plain text answer with token counts.
  void PushText(std::string text, int64_t prompt = 100, int64_t completion = 30) {
    connectors::LlmResponse r;
    r.content = std::move(text);
    r.finish_reason = "stop";
    r.tokens = {prompt, completion};
    Push(std::move(r));
  }
  void PushCalls(std::vector<connectors::LlmToolCall> calls) {
    connectors::LlmResponse r;
    r.tool_calls = std::move(calls);
    r.finish_reason = "tool_calls";
    r.tokens = {150, 10};
    Push(std::move(r));
  }
  void SetFunction(Function f) {
    std::lock_guard lock(mu_);
    function_ = std::move(f);
  }

  core::Result<connectors::LlmResponse> Complete(const connectors::LlmRequest& request,
                                                 std::chrono::steady_clock::time_point deadline) override {
    std::unique_lock lock(mu_);
    requests_.push_back(request);
    deadlines_.push_back(deadline);
    if (!queue_.empty()) {
      Answer a = std::move(queue_.front());
      queue_.pop_front();
      return a;
    }
    Function f = function_;
    lock.unlock();
    if (f) return f(request);
    return core::MakeError(core::ErrorCode::kUnavailable, "scripted client has no answer left");
  }

  std::vector<connectors::LlmRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::vector<std::chrono::steady_clock::time_point> deadlines() const {
    std::lock_guard lock(mu_);
    return deadlines_;
  }
  size_t calls() const {
    std::lock_guard lock(mu_);
    return requests_.size();
  }

 private:
  mutable std::mutex mu_;
  std::deque<Answer> queue_;
  Function function_;
  std::vector<connectors::LlmRequest> requests_;
  std::vector<std::chrono::steady_clock::time_point> deadlines_;
};

}  // namespace fakes
