#include "app/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "connectors/llm/openai_llm_client.h"
#include "core/tenant_key.h"
#include "db/redis/redis_url.h"
#include "services/secrets/secret_box.h"

namespace app {

namespace fs = std::filesystem;

namespace {

struct Setting {
  const char* name;
  const char* default_text;
  const char* help;
};

constexpr Setting kSettings[] = {
    {"HOST", "127.0.0.1", "address to listen on"},
    {"PORT", "8080", "TCP port (0 picks a free one)"},
    {"WORKERS", "cores", "HTTP worker threads"},
    {"BUSINESS_DIR", "./business", "folder with one sub-folder of data files per tenant"},
    {"BUSINESS_KEY", "first tenant", "default tenant when a request names none"},
    {"MODE", "V5", "reply mode: V5 deterministic, V6 LLM-rephrased, V7 LLM tool use"},
    {"DATA_DIR", "./data", "versions of tenant data and the SQLite database"},
    {"DATABASE_URL", "sqlite://<DATA_DIR>/aiv7.db",
     "operational database (sqlite://<file> or postgres://user@host:port/db)"},
    {"REDIS_URL", "(none)",
     "optional Redis for sessions shared and kept across restarts (redis://[:password@]host[:port][/db])"},
    {"LOG_DIR", "./logs", "chatbot, analytics and errors logs, rotated daily"},
    {"LOG_LEVEL", "info", "trace, debug, info, warn, error, critical or off"},
    {"WEB_DIR", "./web", "static files: dashboard and chat widget"},
    {"SCHEMAS_DIR", "./schemas", "JSON Schemas of the tenant files"},
    {"LEXICON_DIR", "./lexicon", "words the router recognises, one <language>.json per language"},
    {"MAX_BODY_BYTES", "1048576", "largest accepted request body"},
    {"MAX_HEADER_BYTES", "16384", "largest accepted request header block"},
    {"MAX_FILE_BODY_BYTES", "16777216", "largest tenant data file upload (PUT .../files/{file}; a whole catalog)"},
    {"MAX_CONNECTIONS", "10000", "open client connections at once (also kept below the file-descriptor limit)"},
    {"MAX_CONNECTIONS_PER_CLIENT", "256", "open connections from one client address; the oldest idle one makes room"},
    {"READ_TIMEOUT_MS", "10000", "time allowed to receive a whole request"},
    {"IDLE_TIMEOUT_MS", "60000", "keep-alive connections idle longer are closed"},
    {"SHUTDOWN_GRACE_MS", "10000", "time in-flight requests get after SIGTERM"},
    {"RELOAD_INTERVAL_MS", "1000", "how often a tenant is checked for a new version"},
    {"OPS_TOKEN", "(none)", "bearer token for the operator API, at least 32 characters; unset disables it"},
    {"PORT_FILE", "(none)", "write the bound port to this file (for tests and supervisors)"},
    {"ALLOW_TEST_CLOCK", "0", "1: /chat_api obeys an X-Test-Now header (test servers only, never production)"},
    {"COOKIE_SECURE", "0", "1: admin session cookies get Secure (set it when served over HTTPS)"},
    {"ADMIN_SESSION_IDLE_MINUTES", "720", "an admin session ends after this long without use"},
    {"ADMIN_SESSION_MAX_HOURS", "168", "an admin session ends this long after sign-in"},
    {"ARGON2_MEMORY_KIB", "19456", "Argon2id memory per password hash (KiB)"},
    {"ARGON2_ITERATIONS", "2", "Argon2id passes per password hash"},
    {"ARGON2_PARALLELISM", "1", "Argon2id lanes per password hash"},
    {"MAX_MESSAGE_BYTES", "4000", "longest shopper message (413 above)"},
    {"TURN_TIMEOUT_MS", "15000",
     "deadline of one chat turn, model time included (V6/V7 answer deterministically after it)"},
    {"SESSION_TTL_MINUTES", "120",
     "longest a chat session is kept idle (a tenant's session_ttl_minutes may be shorter)"},
    {"MAX_SESSIONS", "100000",
     "chat sessions kept in process memory (without REDIS_URL); least recently used go first"},
    {"MAX_SESSION_BYTES", "65536", "largest chat session stored in Redis"},
    {"LLM_BASE_URL", "(none)",
     "OpenAI-compatible API for V6/V7, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1"},
    {"LLM_API_KEY", "(none)", "bearer token for LLM_BASE_URL (never logged)"},
    {"LLM_MODEL", "(none)", "model name sent with every request (required with LLM_BASE_URL)"},
    {"LLM_CA_FILE", "(none)", "PEM file of extra CAs trusted for an HTTPS LLM_BASE_URL"},
    {"LLM_TIMEOUT_MS", "8000", "model time per turn, all calls together; then the V5 reply is sent"},
    {"LLM_MAX_STEPS", "4", "V7: model calls per turn (tool rounds and one retry)"},
    {"LLM_MAX_CONCURRENCY", "16", "model calls in flight at once; turns beyond it are answered V5"},
    {"LLM_STREAM", "0", "1: ask the model for server-sent events (stream: true)"},
    {"SECRETS_KEY", "(none)",
     "32-byte key (64 hex characters or base64; openssl rand -hex 32) sealing channel secrets with AES-256-GCM; unset: "
     "stored unencrypted (warned)"},
    {"PUBLIC_BASE_URL", "(none)",
     "public https URL of this server as providers call it (Twilio signatures and status callbacks)"},
    {"WHATSAPP_GRAPH_URL", "https://graph.facebook.com/v21.0", "Meta Graph API base for sending WhatsApp messages"},
    {"TWILIO_API_URL", "https://api.twilio.com", "Twilio REST API base for sending WhatsApp messages"},
    {"PROVIDER_TIMEOUT_MS", "15000", "deadline of one send to Meta or Twilio"},
    {"OUTBOX_RETRY_MIN_MS", "1000", "first retry of a send that failed (no answer, 429, 5xx); doubles per attempt"},
    {"OUTBOX_RETRY_MAX_MS", "300000", "longest wait between retries of a send"},
    {"OUTBOX_IN_DOUBT_MS", "60000",
     "after a crash, wait this long for a delivery callback before resending a send that was in flight"},
    {"CHANNEL_POLL_MS", "500", "channel workers look for due messages at least this often"},
    {"CHANNEL_WORKER_ID", "host name",
     "names this process's claims on channel messages; keep it stable across restarts, unique per process"},
};

std::map<std::string, std::string> ReadConfigFile(const fs::path& path, std::vector<std::string>& problems) {
  std::map<std::string, std::string> values;
  std::ifstream in(path);
  if (!in) {
    problems.push_back("cannot read config file " + path.string());
    return values;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      problems.push_back(path.string() + ":" + std::to_string(number) + ": expected KEY=VALUE");
      continue;
    }
    std::string key = line.substr(first, eq - first);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    std::string value = line.substr(eq + 1);
    auto v0 = value.find_first_not_of(" \t");
    value = v0 == std::string::npos ? "" : value.substr(v0);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.pop_back();
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    values[key] = value;
  }
  return values;
}

template <class T>
bool ParseNumber(const std::string& text, T min, T max, T& out) {
  T v{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) return false;
  out = v;
  return true;
}

// 1/true/yes/on or 0/false/no/off, any case.
std::optional<bool> ParseFlag(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  return std::nullopt;
}

std::string RedactUrl(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

std::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kV5: return "V5";
    case Mode::kV6: return "V6";
    case Mode::kV7: return "V7";
  }
  return "V5";
}

fs::path Config::SqlitePath() const {
  constexpr std::string_view kScheme = "sqlite://";
  if (database_url.rfind(kScheme, 0) != 0) return {};
  return fs::path(database_url.substr(kScheme.size()));
}

bool Config::IsPostgres() const {
  return database_url.rfind("postgres://", 0) == 0 || database_url.rfind("postgresql://", 0) == 0;
}

EnvLookup ProcessEnv() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

core::Result<Config> LoadConfig(const EnvLookup& env, const std::optional<fs::path>& config_file) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> file_values;
  if (config_file) file_values = ReadConfigFile(*config_file, problems);
  for (const auto& [key, value] : file_values) {
    bool known = false;
    for (const auto& s : kSettings) known = known || key == s.name;
    if (!known) problems.push_back("unknown setting " + key + " in " + config_file->string());
  }
  auto get = [&](const char* name) -> std::optional<std::string> {
    if (auto v = env(name); v && !v->empty()) return v;
    if (auto it = file_values.find(name); it != file_values.end()) return it->second;
    return std::nullopt;
  };
  auto number = [&](const char* name, auto min, auto max, auto& out) {
    if (auto v = get(name)) {
      if (!ParseNumber(*v, min, max, out)) {
        problems.push_back(std::string(name) + "=" + *v + " is not a number between " + std::to_string(min) +
                           " and " + std::to_string(max));
      }
    }
  };
  auto millis = [&](const char* name, std::chrono::milliseconds& out, long long min) {
    long long v = out.count();
    number(name, min, 86'400'000LL, v);
    out = std::chrono::milliseconds(v);
  };

  Config c;
  if (auto v = get("HOST")) c.host = *v;
  number("PORT", uint16_t{0}, uint16_t{65535}, c.port);
  number("WORKERS", 0u, 256u, c.workers);
  if (auto v = get("BUSINESS_DIR")) c.business_dir = *v;
  if (auto v = get("DATA_DIR")) c.data_dir = *v;
  if (auto v = get("LOG_DIR")) c.log_dir = *v;
  if (auto v = get("WEB_DIR")) c.web_dir = *v;
  if (auto v = get("SCHEMAS_DIR")) c.schemas_dir = *v;
  if (auto v = get("LEXICON_DIR")) c.lexicon_dir = *v;
  if (auto v = get("REDIS_URL")) c.redis_url = *v;
  if (auto v = get("OPS_TOKEN")) c.ops_token = *v;
  if (auto v = get("PORT_FILE")) c.port_file = *v;
  if (auto v = get("SECRETS_KEY")) {
    c.secrets_key = *v;
    if (!services::ParseSecretKey(*v).ok()) {
      problems.push_back("SECRETS_KEY must be 32 bytes written as 64 hex characters or base64 (openssl rand -hex 32)");
    }
  }
  auto http_url = [&](const char* name, std::string& out) {
    if (auto v = get(name)) {
      if (v->rfind("https://", 0) != 0 && v->rfind("http://", 0) != 0) {
        problems.push_back(std::string(name) + "=" + *v +
                           " must start with https:// (or http:// for a local test server)");
      }
      out = *v;
      while (!out.empty() && out.back() == '/') out.pop_back();
    }
  };
  http_url("PUBLIC_BASE_URL", c.public_base_url);
  http_url("WHATSAPP_GRAPH_URL", c.whatsapp_graph_url);
  http_url("TWILIO_API_URL", c.twilio_api_url);
  if (auto v = get("CHANNEL_WORKER_ID")) c.channel_worker_id = *v;
  number("MAX_BODY_BYTES", size_t{1024}, size_t{256} << 20, c.max_body_bytes);
  number("MAX_HEADER_BYTES", size_t{1024}, size_t{1} << 20, c.max_header_bytes);
  number("MAX_FILE_BODY_BYTES", size_t{1024}, size_t{1} << 30, c.max_file_body_bytes);
  number("MAX_CONNECTIONS", size_t{16}, size_t{1'000'000}, c.max_connections);
  number("MAX_CONNECTIONS_PER_CLIENT", size_t{1}, size_t{1'000'000}, c.max_connections_per_client);
  if (!c.ops_token.empty() && c.ops_token.size() < 32) {
    problems.push_back("OPS_TOKEN must be at least 32 characters (it guards every tenant's data); got " +
                       std::to_string(c.ops_token.size()));
  }
  millis("READ_TIMEOUT_MS", c.read_timeout, 50);
  millis("IDLE_TIMEOUT_MS", c.idle_timeout, 50);
  millis("SHUTDOWN_GRACE_MS", c.shutdown_grace, 0);
  millis("RELOAD_INTERVAL_MS", c.reload_interval, 0);

  if (auto v = get("ALLOW_TEST_CLOCK")) {
    if (auto flag = ParseFlag(*v)) c.allow_test_clock = *flag;
    else problems.push_back("ALLOW_TEST_CLOCK=" + *v + " must be 1 or 0 (true/false, yes/no, on/off)");
  }
  if (auto v = get("COOKIE_SECURE")) {
    if (auto flag = ParseFlag(*v)) c.cookie_secure = *flag;
    else problems.push_back("COOKIE_SECURE=" + *v + " must be 1 or 0 (true/false, yes/no, on/off)");
  }
  {
    long long idle = c.admin_session_idle.count();
    number("ADMIN_SESSION_IDLE_MINUTES", 1LL, 525'600LL, idle);
    c.admin_session_idle = std::chrono::minutes(idle);
    long long max = c.admin_session_max.count();
    number("ADMIN_SESSION_MAX_HOURS", 1LL, 8'760LL, max);
    c.admin_session_max = std::chrono::hours(max);
  }
  number("ARGON2_MEMORY_KIB", uint32_t{8}, uint32_t{4u << 20}, c.argon2_memory_kib);
  number("ARGON2_ITERATIONS", uint32_t{1}, uint32_t{16}, c.argon2_iterations);
  number("ARGON2_PARALLELISM", uint32_t{1}, uint32_t{16}, c.argon2_parallelism);
  number("MAX_MESSAGE_BYTES", size_t{100}, size_t{64} << 10, c.max_message_bytes);
  millis("TURN_TIMEOUT_MS", c.turn_timeout, 100);
  millis("PROVIDER_TIMEOUT_MS", c.provider_timeout, 100);
  millis("OUTBOX_RETRY_MIN_MS", c.outbox_retry_min, 1);
  millis("OUTBOX_RETRY_MAX_MS", c.outbox_retry_max, 1);
  millis("OUTBOX_IN_DOUBT_MS", c.outbox_in_doubt, 0);
  millis("CHANNEL_POLL_MS", c.channel_poll, 1);
  {
    long long ttl = c.session_ttl.count();
    number("SESSION_TTL_MINUTES", 1LL, 43'200LL, ttl);
    c.session_ttl = std::chrono::minutes(ttl);
  }
  number("MAX_SESSIONS", size_t{100}, size_t{100'000'000}, c.max_sessions);
  number("MAX_SESSION_BYTES", size_t{4096}, size_t{16} << 20, c.max_session_bytes);
  if (c.argon2_memory_kib < 8 * c.argon2_parallelism) {
    problems.push_back("ARGON2_MEMORY_KIB must be at least 8 x ARGON2_PARALLELISM");
  }
  if (auto v = get("MODE")) {
    if (*v == "V5") c.mode = Mode::kV5;
    else if (*v == "V6") c.mode = Mode::kV6;
    else if (*v == "V7") c.mode = Mode::kV7;
    else problems.push_back("MODE=" + *v + " must be V5, V6 or V7");
  }
  if (auto v = get("LLM_BASE_URL")) c.llm_base_url = *v;
  if (auto v = get("LLM_API_KEY")) c.llm_api_key = *v;
  if (auto v = get("LLM_MODEL")) c.llm_model = *v;
  if (auto v = get("LLM_CA_FILE")) c.llm_ca_file = *v;
  millis("LLM_TIMEOUT_MS", c.llm_timeout, 100);
  number("LLM_MAX_STEPS", 1, 16, c.llm_max_steps);
  number("LLM_MAX_CONCURRENCY", size_t{1}, size_t{10'000}, c.llm_max_concurrency);
  if (auto v = get("LLM_STREAM")) {
    if (auto flag = ParseFlag(*v))
      c.llm_stream = *flag;
    else
      problems.push_back("LLM_STREAM=" + *v + " must be 1 or 0 (true/false, yes/no, on/off)");
  }
  if (c.mode != Mode::kV5 && c.llm_base_url.empty()) {
    problems.push_back("MODE=" + std::string(ModeName(c.mode)) + " needs LLM_BASE_URL (an OpenAI-compatible API)");
  }
  if (!c.llm_base_url.empty()) {
    if (auto endpoint = connectors::llm::ParseLlmBaseUrl(c.llm_base_url); !endpoint.ok()) {
      problems.push_back("LLM_BASE_URL: " + endpoint.error().message);
    }
    if (c.llm_model.empty()) problems.push_back("LLM_MODEL must name the model when LLM_BASE_URL is set");
  }
  std::error_code ca_ec;
  if (!c.llm_ca_file.empty() && !fs::is_regular_file(c.llm_ca_file, ca_ec)) {
    problems.push_back("LLM_CA_FILE=" + c.llm_ca_file.string() + " is not a file");
  }
  if (auto v = get("LOG_LEVEL")) {
    static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    bool ok = false;
    for (const char* l : kLevels) ok = ok || *v == l;
    if (ok) c.log_level = *v;
    else problems.push_back("LOG_LEVEL=" + *v + " must be trace, debug, info, warn, error, critical or off");
  }

  std::error_code ec;
  if (!fs::is_directory(c.business_dir, ec)) {
    problems.push_back("BUSINESS_DIR=" + c.business_dir.string() + " is not a folder");
  }
  if (auto v = get("BUSINESS_KEY")) {
    c.business_key = *v;
  } else if (fs::is_directory(c.business_dir, ec)) {
    // Default to the first tenant folder so a fresh checkout just works.
    std::vector<std::string> keys;
    for (fs::directory_iterator it(c.business_dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_directory() && core::TenantKey::IsValid(name)) keys.push_back(name);
    }
    std::sort(keys.begin(), keys.end());
    if (!keys.empty()) c.business_key = keys.front();
  }
  if (c.business_key.empty()) {
    problems.push_back("BUSINESS_KEY is not set and BUSINESS_DIR has no tenant folders");
  } else if (!core::TenantKey::IsValid(c.business_key)) {
    problems.push_back("BUSINESS_KEY=" + c.business_key + " is not a valid tenant key ([A-Za-z0-9_-], up to 64)");
  } else if (fs::is_directory(c.business_dir, ec) && !fs::is_directory(c.business_dir / c.business_key, ec) &&
             !fs::exists(c.data_dir / "tenants" / c.business_key / "CURRENT", ec)) {
    problems.push_back("BUSINESS_KEY=" + c.business_key + " has no folder in " + c.business_dir.string());
  }

  c.database_url = get("DATABASE_URL").value_or("sqlite://" + (c.data_dir / "aiv7.db").string());
  if (c.database_url.rfind("sqlite://", 0) == 0) {
    if (c.SqlitePath().empty()) problems.push_back("DATABASE_URL=sqlite:// needs a file path");
  } else if (c.database_url.rfind("postgres://", 0) == 0 || c.database_url.rfind("postgresql://", 0) == 0) {
    if (c.database_url.find("://") + 3 >= c.database_url.size()) {
      problems.push_back("DATABASE_URL=" + RedactUrl(c.database_url) + " needs a host (postgres://user@host:port/db)");
    }
  } else {
    problems.push_back("DATABASE_URL must start with sqlite://, postgres:// or postgresql:// (got " +
                       RedactUrl(c.database_url) + ")");
  }
  if (!c.redis_url.empty()) {
    if (auto endpoint = db::ParseRedisUrl(c.redis_url); !endpoint.ok()) problems.push_back(endpoint.error().message);
  }

  if (!problems.empty()) {
    std::string msg = "invalid configuration:";
    for (const auto& p : problems) msg += "\n  - " + p;
    return core::MakeError(core::ErrorCode::kInvalidArgument, msg);
  }
  return c;
}

std::string DescribeConfig(const Config& c) {
  std::ostringstream out;
  out << "HOST=" << c.host << " PORT=" << c.port << " WORKERS=" << (c.workers ? std::to_string(c.workers) : "cores")
      << " MODE=" << ModeName(c.mode) << " BUSINESS_DIR=" << c.business_dir.string()
      << " BUSINESS_KEY=" << c.business_key << " DATA_DIR=" << c.data_dir.string()
      << " DATABASE_URL=" << RedactUrl(c.database_url)
      << " REDIS_URL=" << (c.redis_url.empty() ? "(none)" : RedactUrl(c.redis_url)) << " LOG_DIR=" << c.log_dir.string()
      << " LOG_LEVEL=" << c.log_level << " OPS_TOKEN=" << (c.ops_token.empty() ? "(unset)" : "(set)")
      << " ALLOW_TEST_CLOCK=" << (c.allow_test_clock ? "1" : "0") << " COOKIE_SECURE=" << (c.cookie_secure ? "1" : "0")
      << " ADMIN_SESSION_IDLE_MINUTES=" << c.admin_session_idle.count()
      << " ADMIN_SESSION_MAX_HOURS=" << c.admin_session_max.count() << " ARGON2=m" << c.argon2_memory_kib << ",t"
      << c.argon2_iterations << ",p" << c.argon2_parallelism << " MAX_MESSAGE_BYTES=" << c.max_message_bytes
      << " TURN_TIMEOUT_MS=" << c.turn_timeout.count() << " SESSION_TTL_MINUTES=" << c.session_ttl.count()
      << " MAX_SESSIONS=" << c.max_sessions << " MAX_SESSION_BYTES=" << c.max_session_bytes
      << " LLM_BASE_URL=" << (c.llm_base_url.empty() ? "(none)" : RedactUrl(c.llm_base_url))
      << " LLM_API_KEY=" << (c.llm_api_key.empty() ? "(unset)" : "(set)") << " LLM_MODEL=" << c.llm_model
      << " LLM_TIMEOUT_MS=" << c.llm_timeout.count() << " LLM_MAX_STEPS=" << c.llm_max_steps
      << " LLM_MAX_CONCURRENCY=" << c.llm_max_concurrency << " LLM_STREAM=" << (c.llm_stream ? "1" : "0")
      << " SECRETS_KEY=" << (c.secrets_key.empty() ? "(unset)" : "(set)")
      << " PUBLIC_BASE_URL=" << (c.public_base_url.empty() ? "(none)" : c.public_base_url)
      << " WHATSAPP_GRAPH_URL=" << c.whatsapp_graph_url << " TWILIO_API_URL=" << c.twilio_api_url
      << " OUTBOX_RETRY_MIN_MS=" << c.outbox_retry_min.count() << " OUTBOX_IN_DOUBT_MS=" << c.outbox_in_doubt.count();
  return out.str();
}

std::string ConfigHelp() {
  std::ostringstream out;
  out << "Settings come from the environment, else from --config FILE (KEY=VALUE lines), else defaults:\n";
  int name_width = 0;
  for (const auto& s : kSettings) name_width = std::max(name_width, static_cast<int>(std::string_view(s.name).size()));
  for (const auto& s : kSettings) {
    char line[400];
    std::snprintf(line, sizeof line, "  %-*s %-28s %s\n", name_width, s.name, s.default_text, s.help);
    out << line;
  }
  return out.str();
}

}  // namespace app
