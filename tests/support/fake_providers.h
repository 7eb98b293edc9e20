// FakeProviders: a local stand-in for the two messaging providers' send
// APIs, speaking their wire protocol as documented
// (/work/shared/reference/providers.md), so the real `aiv7` sends to it:
//   Meta:   POST /<version>/<phone_number_id>/messages, Authorization:
//           Bearer <token>, JSON {"messaging_product":"whatsapp",
//           "recipient_type":"individual","to","type",...} -> 200
//           {"messaging_product":"whatsapp","contacts":[...],
//           "messages":[{"id":"wamid..."}]}
//   Twilio: POST /2010-04-01/Accounts/<AccountSid>/Messages.json, HTTP basic
//           auth AccountSid:AuthToken, form From/To/Body -> 201 {"sid":"SM..."}
// A request that breaks the protocol (wrong token, missing field, over a
// documented limit) gets the provider's error shape and is recorded as
// refused. Every request is recorded. Answers can be scripted: the next N
// sends fail with a status (500, 429 + Retry-After) or hang.
//
// Runs an http::Server on 127.0.0.1 on a free port in a thread of the test
// process. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_support {

struct ProviderRequest {
  std::string provider;  // "meta" or "twilio"
  std::string path;
  std::string authorization;
  std::string content_type;
  std::string body;
  nlohmann::json json;  // Meta: the body; Twilio: the form as an object
  int status = 0;       // what the fake answered
  std::string problem;  // why it was refused, when it was
};

class FakeProviders {
 public:
  // Credentials the fake accepts.
  FakeProviders(std::string meta_token, std::string twilio_account_sid, std::string twilio_auth_token);
  ~FakeProviders();
  FakeProviders(const FakeProviders&) = delete;
  FakeProviders& operator=(const FakeProviders&) = delete;

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>/v21.0" and "http://127.0.0.1:<port>".
  std::string graph_url() const;
  std::string twilio_url() const;

  // The next `count` sends answer `status` (Retry-After: `retry_after` when
  // not empty) without being accepted.
  void FailNext(int count, int status, const std::string& retry_after = "");
  // Drops the scripted failures not used yet.
  void ClearFailures();

  std::vector<ProviderRequest> requests() const;
  // Sends the fake accepted (2xx), in order.
  std::vector<ProviderRequest> accepted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

}  // namespace testing_support
