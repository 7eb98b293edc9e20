#include <gtest/gtest.h>

#include "connectors/llm/circuit_breaker_llm_client.h"
#include "connectors/llm/openai_llm_client.h"
#include "connectors/llm/retrying_llm_client.h"
#include "fakes/fake_clock.h"
#include "fakes/fake_llm_replies.h"
#include "fakes/fake_llm_server.h"
#include "fakes/scripted_llm_client.h"

namespace connectors::llm {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

core::Error Failure(ErrorCode code, bool retryable = true) {
  core::Error e = core::MakeError(code, "scripted failure");
  e.retryable = retryable;
  return e;
}

struct RetryFixture {
  fakes::ScriptedLlmClient inner;
  fakes::FakeClock clock;
  std::vector<std::chrono::milliseconds> waits;
  RetryingLlmClient client{inner, clock,
                           RetryOptions{.max_attempts = 3,
                                        .base_delay = 100ms,
                                        .max_delay = 1000ms,
                                        .seed = 7,
                                        .sleep = [this](std::chrono::milliseconds d) {
                                          waits.push_back(d);
                                          clock.Advance(d);
                                        }}};
  auto Far() { return clock.Monotonic() + 60s; }
};

TEST(RetryingLlmClientTest, RetriesRateLimitsAndServerErrorsThenSucceeds) {
  RetryFixture f;
  f.inner.Push(Failure(ErrorCode::kTooManyRequests));
  f.inner.Push(Failure(ErrorCode::kUnavailable));
  f.inner.PushText("finally");
  auto r = f.client.Complete({}, f.Far());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "finally");
  EXPECT_EQ(r->attempts, 3);
  ASSERT_EQ(f.waits.size(), 2u);
  // Full jitter: within [0, base * 2^(n-1)].
  EXPECT_LE(f.waits[0], 100ms);
  EXPECT_LE(f.waits[1], 200ms);
}

TEST(RetryingLlmClientTest, HonoursRetryAfter) {
  RetryFixture f;
  f.inner.Push(WithRetryAfter(Failure(ErrorCode::kTooManyRequests), 1500ms));
  f.inner.PushText("ok");
  ASSERT_TRUE(f.client.Complete({}, f.Far()).ok());
  ASSERT_EQ(f.waits.size(), 1u);
  EXPECT_EQ(f.waits[0], 1500ms);
}

TEST(RetryingLlmClientTest, NeverWaitsPastTheDeadline) {
  RetryFixture f;
  f.inner.Push(WithRetryAfter(Failure(ErrorCode::kTooManyRequests), 5000ms));
  f.inner.PushText("never asked");
  auto r = f.client.Complete({}, f.clock.Monotonic() + 1s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
  EXPECT_TRUE(f.waits.empty());
  EXPECT_EQ(f.inner.calls(), 1u);
}

TEST(RetryingLlmClientTest, DoesNotRetryWhatARetryCannotFix) {
  RetryFixture f;
  f.inner.Push(Failure(ErrorCode::kUnauthorized, false));
  EXPECT_FALSE(f.client.Complete({}, f.Far()).ok());
  f.inner.Push(Failure(ErrorCode::kInvalidJson, false));
  EXPECT_FALSE(f.client.Complete({}, f.Far()).ok());
  EXPECT_EQ(f.inner.calls(), 2u);
  EXPECT_TRUE(f.waits.empty());
}

TEST(RetryingLlmClientTest, StopsAfterMaxAttempts) {
  RetryFixture f;
  for (int i = 0; i < 5; ++i) f.inner.Push(Failure(ErrorCode::kUnavailable));
  auto r = f.client.Complete({}, f.Far());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(f.inner.calls(), 3u);
}

TEST(RetryingLlmClientTest, OverTheWire429ThenSuccess) {
  fakes::FakeLlmServer server;
  auto limited = fakes::HttpError(429, "slow down");
  limited.headers = {{"Retry-After", "0"}};
  server.Script({limited, fakes::Completion("second time lucky")});
  auto transport = OpenAiLlmClient::Create({.base_url = server.base_url(), .model = "m"});
  ASSERT_TRUE(transport.ok());
  core::SystemClock clock;
  RetryingLlmClient client(**transport, clock, {.base_delay = 10ms, .seed = 1});
  LlmRequest request;
  request.messages = {{LlmRole::kUser, "hi", {}, ""}};
  auto r = client.Complete(request, std::chrono::steady_clock::now() + 5s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "second time lucky");
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(server.request_count(), 2u);
}

struct BreakerFixture {
  fakes::ScriptedLlmClient inner;
  fakes::FakeClock clock;
  CircuitBreakerLlmClient client{inner, clock, {.name = "http://model", .failure_threshold = 3, .open_for = 10s}};
  auto Far() { return clock.Monotonic() + 60s; }
};

TEST(CircuitBreakerTest, OpensAfterConsecutiveFailuresAndFailsFast) {
  BreakerFixture f;
  for (int i = 0; i < 3; ++i) f.inner.Push(Failure(ErrorCode::kTimeout));
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(f.client.Complete({}, f.Far()).ok());
  EXPECT_EQ(f.client.state(), CircuitBreakerLlmClient::State::kOpen);
  f.inner.PushText("not asked");
  auto r = f.client.Complete({}, f.Far());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(IsCircuitOpen(r.error()));
  EXPECT_EQ(f.inner.calls(), 3u);
}

TEST(CircuitBreakerTest, HalfOpenProbeClosesOnSuccessOrReopens) {
  BreakerFixture f;
  for (int i = 0; i < 3; ++i) f.inner.Push(Failure(ErrorCode::kUnavailable));
  for (int i = 0; i < 3; ++i) (void)f.client.Complete({}, f.Far());
  f.clock.Advance(11s);
  f.inner.Push(Failure(ErrorCode::kUnavailable));
  EXPECT_FALSE(f.client.Complete({}, f.Far()).ok());  // the probe fails
  EXPECT_EQ(f.client.state(), CircuitBreakerLlmClient::State::kOpen);
  EXPECT_TRUE(IsCircuitOpen(f.client.Complete({}, f.Far()).error()));
  f.clock.Advance(11s);
  f.inner.PushText("back");
  EXPECT_TRUE(f.client.Complete({}, f.Far()).ok());
  EXPECT_EQ(f.client.state(), CircuitBreakerLlmClient::State::kClosed);
}

TEST(CircuitBreakerTest, SuccessResetsTheCountAndBadRequestsDoNotCount) {
  BreakerFixture f;
  f.inner.Push(Failure(ErrorCode::kTimeout));
  f.inner.Push(Failure(ErrorCode::kTimeout));
  f.inner.PushText("ok");
  f.inner.Push(Failure(ErrorCode::kTimeout));
  f.inner.Push(Failure(ErrorCode::kInvalidJson, false));
  f.inner.Push(Failure(ErrorCode::kUnauthorized, false));
  f.inner.Push(Failure(ErrorCode::kTimeout));
  for (int i = 0; i < 7; ++i) (void)f.client.Complete({}, f.Far());
  EXPECT_EQ(f.client.state(), CircuitBreakerLlmClient::State::kClosed);
}

}  // namespace
}  // namespace connectors::llm
