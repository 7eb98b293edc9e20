// FakeLlmServer: a local OpenAI-compatible chat completions server for tests
// (no network, no model). It speaks the wire protocol of
// /work/shared/reference/providers.md: POST <base>/chat/completions with a
// JSON body; answers are JSON completions or text/event-stream chunks
// ending with "data: [DONE]" (fake_llm_replies.h builds them, in the shape
// of the provider's documented examples; openai_documented_test.cpp holds
// them side by side).
//
// Scripted per test: Script() queues replies answered in order, one per
// request; once the queue is empty the responder (if any) answers, else a
// 500. A reply can delay its status line, stream its body in chunks with a
// delay between them, use any status, content type and headers, or close
// the connection without answering. Every request is recorded.
//
// Runs on 127.0.0.1, port 0, on threads of its own (several requests are
// served at once); HTTPS with the test certificates in tests/fakes/tls when
// asked. Thread-safe. The destructor stops it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakes {

struct LlmReply {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When not empty: sent one after the other as a chunked body (the body
  // field is then ignored), `chunk_delay` before each.
  std::vector<std::string> chunks;
  std::chrono::milliseconds delay{0};  // before the status line
  std::chrono::milliseconds chunk_delay{0};
  bool close_without_answer = false;  // read the request, then hang up
};

struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  nlohmann::json json;  // the parsed body (discarded when not JSON)

  std::string Header(std::string_view name) const;
};

class FakeLlmServer {
 public:
  using Responder = std::function<LlmReply(const RecordedRequest&)>;

  struct Options {
    bool tls = false;  // HTTPS with tests/fakes/tls/server.{pem,key}
    unsigned threads = 4;
  };

  FakeLlmServer();
  explicit FakeLlmServer(Options options);
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  uint16_t port() const;
  // "http://127.0.0.1:PORT/v1", or "https://localhost:PORT/v1" with TLS.
  std::string base_url() const;

  void Script(std::vector<LlmReply> replies);
  void SetResponder(Responder responder);
  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The CA that signed the fake's HTTPS certificate (for LLM_CA_FILE).
std::string FakeLlmCaFile();

}  // namespace fakes
