// Config: everything the server reads from the environment (and optionally a
// KEY=VALUE config file; the environment wins). LoadConfig checks every value
// and reports all problems at once, so bad configuration stops start-up with
// one clear message.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace app {

enum class Mode { kV5, kV6, kV7 };
std::string_view ModeName(Mode mode);

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  unsigned workers = 0;  // 0: one per core
  std::filesystem::path business_dir = "./business";
  std::string business_key;  // default tenant
  Mode mode = Mode::kV5;
  std::filesystem::path data_dir = "./data";
  std::string database_url;  // default sqlite://<data_dir>/aiv7.db
  std::string redis_url;
  std::filesystem::path log_dir = "./logs";
  std::string log_level = "info";
  std::filesystem::path web_dir = "./web";
  std::filesystem::path schemas_dir = "./schemas";
  std::filesystem::path lexicon_dir = "./lexicon";
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 * 1024;
  size_t max_file_body_bytes = 16 << 20;  // tenant data file uploads (a whole catalog)
  size_t max_connections = 10'000;
  size_t max_connections_per_client = 256;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::chrono::milliseconds reload_interval{1'000};
  std::string ops_token;
  std::string port_file;
  // Test servers only: /chat_api takes a turn's time from the X-Test-Now
  // header (for `aiv7 eval --url`). Off in production.
  bool allow_test_clock = false;
  // Admin sign-in (docs/auth.md).
  bool cookie_secure = false;  // add Secure to the session cookies (HTTPS)
  std::chrono::minutes admin_session_idle{12 * 60};
  std::chrono::hours admin_session_max{7 * 24};
  uint32_t argon2_memory_kib = 19456;
  uint32_t argon2_iterations = 2;
  uint32_t argon2_parallelism = 1;
  // Chat turns and the sessions that remember them.
  size_t max_message_bytes = 4000;              // longer shopper messages are refused (413)
  std::chrono::milliseconds turn_timeout{15'000};  // a turn's deadline, model time included
  std::chrono::minutes session_ttl{120};        // longest a store keeps an idle session
  size_t max_sessions = 100'000;                // in-process store: least recently used beyond
  size_t max_session_bytes = 64 * 1024;         // largest session kept in Redis
  // The model for V6/V7 (docs/llm.md): any OpenAI-compatible server.
  std::string llm_base_url;  // empty: no model; V6/V7 need one
  std::string llm_api_key;   // Bearer token; write-only, never logged
  std::string llm_model;
  std::filesystem::path llm_ca_file;             // extra trusted CAs (PEM) for HTTPS
  std::chrono::milliseconds llm_timeout{8'000};  // model time per turn, all calls together
  int llm_max_steps = 4;                         // V7: model calls per turn
  size_t llm_max_concurrency = 16;               // model calls in flight; more are answered V5
  bool llm_stream = false;                       // ask for server-sent events
  // Messaging channels (WhatsApp through Meta or Twilio; docs/whatsapp.md).
  std::string secrets_key;      // SECRETS_KEY: 32 bytes (64 hex or base64); empty: secrets stored unencrypted
  std::string public_base_url;  // how providers reach this server, for Twilio signatures and callbacks
  std::string whatsapp_graph_url = "https://graph.facebook.com/v21.0";
  std::string twilio_api_url = "https://api.twilio.com";
  std::chrono::milliseconds provider_timeout{15'000};  // one send to a provider
  std::chrono::milliseconds outbox_retry_min{1'000};   // first retry of a failed send, doubling
  std::chrono::milliseconds outbox_retry_max{300'000};
  std::chrono::milliseconds outbox_in_doubt{60'000};  // wait before resending a send cut by a crash
  std::chrono::milliseconds channel_poll{500};        // workers look for due work at least this often
  std::string channel_worker_id;                      // names this process's claims; default: the host name

  // The SQLite file when database_url is sqlite://...
  std::filesystem::path SqlitePath() const;
  // True when database_url is postgres://... or postgresql://...
  bool IsPostgres() const;
};

using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment.
EnvLookup ProcessEnv();

// Reads configuration from `env`, falling back to `config_file` (KEY=VALUE
// lines, '#' comments) and then to defaults. kInvalidArgument lists every
// invalid value.
core::Result<Config> LoadConfig(const EnvLookup& env, const std::optional<std::filesystem::path>& config_file);

// One line per setting with secrets redacted, for the start-up log.
std::string DescribeConfig(const Config& config);

// The settings table printed by `aiv7 serve --help`.
std::string ConfigHelp();

}  // namespace app
