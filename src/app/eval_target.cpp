#include "app/eval_target.h"

#include "core/clock.h"
#include "services/session/session_store.h"

namespace app {

namespace {

using nlohmann::json;

// A fixed id sequence so eval sessions are reproducible.
class CountingIds final : public core::IdGenerator {
 public:
  std::string NewId() override { return "eval-session-" + std::to_string(++n_); }

 private:
  int n_ = 0;
};

}  // namespace

struct InProcessEvalTarget::Pipeline {
  Pipeline(retrieval::TenantDirectory& tenants, const retrieval::TextNormalizer& normalizer,
           const ai_modes::ReplyMode& mode)
      : sessions(clock, std::chrono::hours(24), 1024),
        handler(tenants, sessions, normalizer, mode, clock, ids, nullptr) {}

  // Only the store's expiry reads this clock: every turn brings its own time.
  core::SystemClock clock;
  CountingIds ids;
  services::InMemorySessionStore sessions;
  services::MessageHandler handler;
};

InProcessEvalTarget::InProcessEvalTarget(retrieval::TenantDirectory& tenants,
                                         const retrieval::TextNormalizer& normalizer, const ai_modes::ReplyMode& mode)
    : pipeline_(std::make_unique<Pipeline>(tenants, normalizer, mode)) {}

InProcessEvalTarget::~InProcessEvalTarget() = default;

core::Result<ObservedTurn> InProcessEvalTarget::Say(const EvalTurn& turn) {
  services::ChatInput input;
  input.message = turn.message;
  input.session_id = turn.session_id;
  input.now = turn.now;
  auto handled = pipeline_->handler.Handle({.tenant = turn.tenant, .channel = core::Channel::kCli}, input);
  if (!handled.ok()) return ObserveRefusal(std::string(core::ErrorCodeName(handled.error().code)));
  return Observe(*handled);
}

HttpEvalTarget::HttpEvalTarget(const http::HttpUrl& url, std::ostream& warnings)
    : client_(url.host, url.port), chat_path_(url.base_path + "/chat_api"), warnings_(warnings) {}

core::Result<ObservedTurn> HttpEvalTarget::Say(const EvalTurn& turn) {
  json body = {{"message", turn.message}, {"tenant", turn.tenant.str()}, {"channel", "api"}};
  if (!turn.session_id.empty()) body["session_id"] = turn.session_id;
  std::string now = core::FormatIsoUtc(turn.now);
  http::ClientRequest request;
  request.method = http::Method::kPost;
  request.target = chat_path_;
  request.headers = {{"X-Test-Now", now}};
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  auto response = client_.Send(request);
  if (!response.ok()) return response.error();

  json answer = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (response->status != 200) {
    if (answer.is_object() && answer.contains("error") && answer["error"].is_object() &&
        answer["error"].contains("code") && answer["error"]["code"].is_string()) {
      return ObserveRefusal(answer["error"]["code"].get<std::string>());
    }
    return core::MakeError(core::ErrorCode::kUnavailable, "POST " + chat_path_ + " answered HTTP " +
                                                              std::to_string(response->status) +
                                                              " without a JSON error body");
  }
  if (!warned_ && response->Header("x-test-now") != now) {
    warned_ = true;
    warnings_ << "warning: the server did not apply X-Test-Now (start it with ALLOW_TEST_CLOCK=1); "
                 "cases run at the server's own time, so time-dependent ones may fail\n";
  }
  return ObserveChatApi(answer);
}

}  // namespace app
