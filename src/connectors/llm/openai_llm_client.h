// OpenAiLlmClient: connectors::LlmClient over the OpenAI-compatible
// `POST {base_url}/chat/completions`, on Boost.Beast, over HTTP or HTTPS
// (OpenSSL; the peer's certificate chain and host name are verified against
// the system trust store, plus `ca_file` when given). One request per call,
// no retries (RetryingLlmClient adds them), `Authorization: Bearer <key>`
// when a key is set. With LlmRequest::stream the body is read as
// server-sent events as it arrives (openai_wire.h).
//
// Each call runs on an io_context of its own on the calling thread and
// returns by the deadline: connect, TLS, write and read all expire at it.
// Name resolution goes through the system resolver and is bounded by the
// deadline too, except that a lookup already in flight is left to finish.
//
// Thread-safe: calls share only the immutable TLS context.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "connectors/llm_client.h"
#include "core/result.h"

namespace connectors::llm {

// "http[s]://host[:port][/base/path]" (IPv6 in brackets). kInvalidArgument
// otherwise.
struct LlmEndpoint {
  bool tls = false;
  std::string host;
  uint16_t port = 80;
  std::string base_path;  // without a trailing '/'; "" for the root
};
core::Result<LlmEndpoint> ParseLlmBaseUrl(std::string_view url);

struct OpenAiOptions {
  std::string base_url;  // e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1
  std::string api_key;   // empty: no Authorization header (local servers)
  std::string model;
  std::string ca_file;  // PEM file of extra trusted CAs; empty: system store only
};

class OpenAiLlmClient final : public LlmClient {
 public:
  // kInvalidArgument for a bad URL or an unreadable CA file.
  static core::Result<std::unique_ptr<OpenAiLlmClient>> Create(OpenAiOptions options);
  ~OpenAiLlmClient() override;

  core::Result<LlmResponse> Complete(const LlmRequest& request,
                                     std::chrono::steady_clock::time_point deadline) override;

 private:
  struct Impl;
  explicit OpenAiLlmClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace connectors::llm
