// OpenAiLlmClient over real sockets against the fake model server: request
// shape, streaming, HTTP errors, wrong content types, deadlines, TLS with
// certificate and host name verification.
#include "connectors/llm/openai_llm_client.h"

#include <gtest/gtest.h>

#include "fakes/fake_llm_replies.h"
#include "fakes/fake_llm_server.h"

namespace connectors::llm {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

std::unique_ptr<OpenAiLlmClient> ClientFor(const std::string& base_url, std::string key = "sk-test-secret",
                                           std::string ca_file = {}) {
  auto client =
      OpenAiLlmClient::Create({.base_url = base_url, .api_key = key, .model = "fake-model", .ca_file = ca_file});
  EXPECT_TRUE(client.ok()) << (client.ok() ? "" : client.error().message);
  return client.ok() ? std::move(client).value() : nullptr;
}

LlmRequest Hello(bool stream = false) {
  LlmRequest r;
  r.messages = {{LlmRole::kSystem, "Be brief.", {}, ""}, {LlmRole::kUser, "hello", {}, ""}};
  r.stream = stream;
  return r;
}

auto Soon(std::chrono::milliseconds d = 5s) { return std::chrono::steady_clock::now() + d; }

TEST(LlmBaseUrlTest, ParsesSchemesPortsAndPaths) {
  auto a = ParseLlmBaseUrl("https://api.openai.com/v1/");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->tls);
  EXPECT_EQ(a->host, "api.openai.com");
  EXPECT_EQ(a->port, 443);
  EXPECT_EQ(a->base_path, "/v1");
  auto b = ParseLlmBaseUrl("http://[::1]:11434/v1");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 11434);
  for (const char* bad : {"ftp://x", "http://", "http://h:0", "http://h:99999", "https://user:key@h/v1",
                          "http://h/v1?x=1", "localhost:8080"}) {
    EXPECT_FALSE(ParseLlmBaseUrl(bad).ok()) << bad;
  }
}

TEST(OpenAiLlmClientTest, PostsTheRequestAndReadsTheCompletion) {
  fakes::FakeLlmServer server;
  server.Script({fakes::Completion("Hi there!", 11, 4)});
  auto client = ClientFor(server.base_url());
  auto r = client->Complete(Hello(), Soon());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "Hi there!");
  EXPECT_EQ(r->tokens.prompt, 11);
  EXPECT_EQ(r->tokens.completion, 4);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/v1/chat/completions");
  EXPECT_EQ(seen[0].Header("authorization"), "Bearer sk-test-secret");
  EXPECT_EQ(seen[0].Header("content-type"), "application/json");
  EXPECT_EQ(seen[0].json["model"], "fake-model");
  EXPECT_EQ(seen[0].json["messages"][1]["content"], "hello");
}

TEST(OpenAiLlmClientTest, NoKeyNoAuthorizationHeader) {
  fakes::FakeLlmServer server;
  server.Script({fakes::Completion("ok")});
  auto client = ClientFor(server.base_url(), "");
  ASSERT_TRUE(client->Complete(Hello(), Soon()).ok());
  EXPECT_EQ(server.requests()[0].Header("authorization"), "");
}

TEST(OpenAiLlmClientTest, StreamsTextAndToolCalls) {
  fakes::FakeLlmServer server;
  server.Script({fakes::StreamedCompletion("Lamb chops are £15.99/kg.", 5),
                 fakes::StreamedToolCalls({{"c1", "get_product", R"({"sku":"LMB-001"})"},
                                           {"c2", "check_delivery", R"({"postcode":"LS6 2AB"})"}})});
  auto client = ClientFor(server.base_url());
  auto text = client->Complete(Hello(true), Soon());
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text->content, "Lamb chops are £15.99/kg.");
  EXPECT_EQ(text->tokens.total(), 130);
  EXPECT_EQ(server.requests()[0].Header("accept"), "text/event-stream");
  EXPECT_EQ(server.requests()[0].json["stream"], true);
  auto calls = client->Complete(Hello(true), Soon());
  ASSERT_TRUE(calls.ok()) << calls.error().message;
  ASSERT_EQ(calls->tool_calls.size(), 2u);
  EXPECT_EQ(calls->tool_calls[0].arguments, R"({"sku":"LMB-001"})");
  EXPECT_EQ(calls->tool_calls[1].arguments, R"({"postcode":"LS6 2AB"})");
}

TEST(OpenAiLlmClientTest, HttpErrorsBecomeCodes) {
  fakes::FakeLlmServer server;
  auto limited = fakes::HttpError(429, "Rate limit reached");
  limited.headers = {{"Retry-After", "2"}};
  server.Script({limited, fakes::HttpError(500, "boom"), fakes::HttpError(401, "Incorrect API key"),
                 fakes::HttpError(400, "bad request")});
  auto client = ClientFor(server.base_url());
  auto a = client->Complete(Hello(), Soon());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kTooManyRequests);
  EXPECT_TRUE(a.error().retryable);
  EXPECT_EQ(RetryAfter(a.error()), std::chrono::milliseconds(2000));
  auto b = client->Complete(Hello(), Soon());
  EXPECT_EQ(b.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(b.error().retryable);
  auto c = client->Complete(Hello(), Soon());
  EXPECT_EQ(c.error().code, ErrorCode::kUnauthorized);
  EXPECT_FALSE(c.error().retryable);
  EXPECT_EQ(c.error().message.find("sk-test-secret"), std::string::npos);
  auto d = client->Complete(Hello(), Soon());
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
}

TEST(OpenAiLlmClientTest, AWrongContentTypeIsNotAnAnswer) {
  fakes::FakeLlmServer server;
  fakes::LlmReply html;
  html.content_type = "text/html";
  html.body = "<html>" + fakes::CompletionJson("looks like JSON inside") + "</html>";
  fakes::LlmReply plain = fakes::Completion("fine");
  plain.content_type = "text/plain";
  server.Script({html, plain});
  auto client = ClientFor(server.base_url());
  for (int i = 0; i < 2; ++i) {
    auto r = client->Complete(Hello(), Soon());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidJson);
    EXPECT_NE(r.error().message.find("content type"), std::string::npos);
  }
}

TEST(OpenAiLlmClientTest, ASlowModelIsATimeoutAtTheDeadline) {
  fakes::FakeLlmServer server;
  auto slow = fakes::Completion("too late");
  slow.delay = 3s;
  server.Script({slow});
  auto client = ClientFor(server.base_url());
  auto r = client->Complete(Hello(), Soon(150ms));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
}

TEST(OpenAiLlmClientTest, ASlowStreamIsCutAtTheDeadline) {
  fakes::FakeLlmServer server;
  auto trickle = fakes::StreamedCompletion("a long answer that trickles in word by word", 20);
  trickle.chunk_delay = 200ms;
  server.Script({trickle});
  auto client = ClientFor(server.base_url());
  auto r = client->Complete(Hello(true), Soon(300ms));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
}

TEST(OpenAiLlmClientTest, AHangUpOrNoServerIsUnavailable) {
  fakes::FakeLlmServer server;
  fakes::LlmReply hangup;
  hangup.close_without_answer = true;
  server.Script({hangup});
  auto client = ClientFor(server.base_url());
  auto r = client->Complete(Hello(), Soon());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(r.error().retryable);
  auto nobody = ClientFor("http://127.0.0.1:1/v1");
  auto refused = nobody->Complete(Hello(), Soon());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
}

TEST(OpenAiLlmClientTest, HttpsVerifiesTheCertificateChainAndTheHostName) {
  fakes::FakeLlmServer server({.tls = true});
  server.SetResponder([](const fakes::RecordedRequest&) { return fakes::Completion("secure hello"); });
  // Trusted CA, matching name: works.
  auto trusted = ClientFor(server.base_url(), "sk-x", fakes::FakeLlmCaFile());
  auto ok = trusted->Complete(Hello(), Soon());
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->content, "secure hello");
  // The system trust store does not know the test CA.
  auto untrusted = ClientFor(server.base_url());
  auto refused = untrusted->Complete(Hello(), Soon());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(refused.error().retryable);
  // Trusted CA, but the certificate does not name 127.0.0.1.
  auto by_ip = ClientFor("https://127.0.0.1:" + std::to_string(server.port()) + "/v1", "sk-x", fakes::FakeLlmCaFile());
  EXPECT_FALSE(by_ip->Complete(Hello(), Soon()).ok());
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(OpenAiLlmClientTest, AnUnreadableCaFileStopsCreation) {
  auto client = OpenAiLlmClient::Create({.base_url = "https://localhost/v1", .ca_file = "/nonexistent/ca.pem"});
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace connectors::llm
