// aiv7: the server and its operator commands.
//   aiv7 serve [--config FILE]
//   aiv7 validate <tenant_dir>
//   aiv7 versions <tenant>
//   aiv7 diff <tenant> <from> <to>
//   aiv7 rollback <tenant> <version>
//   aiv7 chat --tenant KEY
//   aiv7 eval <pack.json> [--tenant KEY] [--url http://host:port] [-v] [--min-pass N]
//   aiv7 nlu-bench <data_full.json> [--shots N --seed S]
//   aiv7 user add --email E --role owner|staff|admin [--tenant T] [--password-stdin]
//   aiv7 secret set <tenant> <name> [--stdin] | list <tenant> | delete <tenant> <name>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "app/config.h"
#include "app/container.h"
#include "app/eval_runner.h"
#include "app/eval_target.h"
#include "app/logging_setup.h"
#include "app/nlu_bench.h"
#include "core/clock.h"
#include "http/client.h"
#include "http/server.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/tenant_validation.h"

namespace {

using app::Config;

std::optional<std::filesystem::path> ConfigFile(const std::string& flag) {
  if (!flag.empty()) return std::filesystem::path(flag);
  if (const char* env = std::getenv("AIV7_CONFIG"); env && *env) return std::filesystem::path(env);
  return std::nullopt;
}

core::Result<Config> LoadOrExplain(const std::string& config_flag) {
  auto config = app::LoadConfig(app::ProcessEnv(), ConfigFile(config_flag));
  if (!config.ok()) std::cerr << "aiv7: " << config.error().message << "\n";
  return config;
}

int Serve(const std::string& config_flag) {
  auto config = LoadOrExplain(config_flag);
  if (!config.ok()) return 2;
  auto loggers = app::SetupLogging(config->log_dir, config->log_level);
  if (!loggers.ok()) {
    std::cerr << "aiv7: " << loggers.error().message << "\n";
    return 2;
  }
  const app::Loggers log = *loggers;
  app::PeriodicFlusher flusher(log);
  auto container = app::Container::Create(*config, log);
  if (!container.ok()) {
    log.app->critical("cannot start: {}", container.error().message);
    return 2;
  }
  app::Container& c = **container;
  log.app->info("aiv7 starting: {}", app::DescribeConfig(*config));
  if (!c.secrets_encrypted()) {
    constexpr const char* kSecretsWarning =
        "SECRETS_KEY is not set: channel secrets (WhatsApp and Twilio tokens) in DATA_DIR/secrets are protected by "
        "file permissions only, not encrypted. Set SECRETS_KEY (openssl rand -hex 32) and set the secrets again.";
    log.app->warn("{}", kSecretsWarning);
    log.errors->warn("{}", kSecretsWarning);
  }
  if (auto st = c.StartChannels(); !st.ok()) {
    log.app->critical("cannot start the WhatsApp workers: {}", st.error().message);
    return 2;
  }
  if (config->allow_test_clock) {
    // Loud on purpose: a shopper-facing server with this on answers hours,
    // cut-offs and "today" at whatever time a caller asks for.
    constexpr const char* kTestClockWarning =
        "ALLOW_TEST_CLOCK is ON: /chat_api takes the time of a turn from the X-Test-Now request header. "
        "This is for test servers only; never run it in production.";
    log.app->warn("{}", kTestClockWarning);
    log.errors->warn("{}", kTestClockWarning);
  }

  // Warm the default tenant so the first shopper does not pay for loading
  // and broken data shows up in the log at once; other tenants load lazily.
  if (auto t = c.tenants().Get(c.default_tenant()); t.ok()) {
    log.app->info("default tenant {} ready at version {}", c.default_tenant().str(), (*t)->version());
  } else {
    log.errors->error("default tenant {} cannot be loaded: {}", c.default_tenant().str(), t.error().message);
  }

  http::ServerOptions options;
  options.host = config->host;
  options.port = config->port;
  options.threads = config->workers;
  options.body_limit = config->max_body_bytes;
  options.header_limit = config->max_header_bytes;
  options.max_connections = config->max_connections;
  options.max_connections_per_client = config->max_connections_per_client;
  options.read_timeout = config->read_timeout;
  options.idle_timeout = config->idle_timeout;
  options.shutdown_grace = config->shutdown_grace;

  auto chatbot = log.chatbot;
  auto errors = log.errors;
  http::ErrorLog error_log = [errors](std::string_view rid, std::string_view msg) {
    errors->error("[{}] {}", rid, msg);
  };
  http::AccessLog access_log = [chatbot](const http::AccessRecord& r) {
    chatbot->info("{} {} {} {}B {}us rid={} ip={}", r.method, r.path, r.status, r.bytes_out, r.duration.count(),
                  r.request_id, r.remote);
  };
  http::Server server(options, http::Dispatcher(c.BuildRoutes(), &c.cors(), error_log), access_log, error_log);
  if (auto st = server.Listen(); !st.ok()) {
    log.app->critical("{}", st.error().message);
    return 2;
  }
  if (!config->port_file.empty()) {
    std::ofstream(config->port_file) << server.port() << "\n";
  }
  log.app->info("listening on http://{}:{} (at most {} connections, {} per client)", config->host, server.port(),
                server.connection_limit(), config->max_connections_per_client);
  server.Run();
  // No request is in flight any more: commit what the turns left behind.
  c.DrainRecords();
  log.app->info("stopped");
  log.Flush();
  return 0;
}

int Validate(const std::string& dir, const std::string& schemas_dir) {
  auto schemas = retrieval::SchemaValidator::Load(schemas_dir);
  if (!schemas.ok()) {
    std::cerr << "aiv7: " << schemas.error().message << "\n";
    return 2;
  }
  retrieval::PosixFileSystem fs;
  auto texts = retrieval::ReadTenantDir(fs, dir);
  core::Result<retrieval::FileDocs> docs =
      texts.ok() ? retrieval::ValidateTenantFiles(**schemas, *texts) : texts.error();
  if (!docs.ok()) {
    const auto& e = docs.error();
    if (e.details.empty()) {
      std::cout << dir << ": " << e.message << "\n";
    } else {
      for (const auto& d : e.details) {
        std::cout << (std::filesystem::path(dir) / d.file).string() << " " << (d.pointer.empty() ? "(document)" : d.pointer)
                  << ": " << d.message << "\n";
      }
      std::cout << e.details.size() << " problem" << (e.details.size() == 1 ? "" : "s") << " found\n";
    }
    return 1;
  }
  size_t products = (*docs)["catalog.json"]["products"].size();
  std::cout << dir << ": valid (" << docs->size() << " files, " << products << " products)\n";
  return 0;
}

// A temporary folder for the catalog indexes of CLI commands, removed on exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "aiv7-cli-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

core::Result<std::unique_ptr<app::Container>> StorageContainer(const std::string& config_flag,
                                                               const ScratchDir& scratch) {
  auto config = LoadOrExplain(config_flag);
  if (!config.ok()) return config.error();
  return app::Container::Create(*config, app::ConsoleLoggers("warn"),
                               {.chat = true, .database = false, .index_root = scratch.path()});
}

int Fail(const core::Error& e) {
  std::cerr << "aiv7: " << e.message << "\n";
  for (const auto& d : e.details) std::cerr << "  " << d.file << " " << d.pointer << ": " << d.message << "\n";
  return 1;
}

int Versions(const std::string& config_flag, const std::string& tenant) {
  ScratchDir scratch;
  auto c = StorageContainer(config_flag, scratch);
  if (!c.ok()) return 2;
  auto key = core::TenantKey::Parse(tenant);
  if (!key.ok()) return Fail(key.error());
  auto versions = (*c)->repository().ListVersions(*key);
  if (!versions.ok()) return Fail(versions.error());
  for (const auto& v : *versions) {
    std::printf("%s %6d  %-20s  %-8s  %-14s  %s\n", v.current ? "*" : " ", v.version, v.created_at.c_str(),
                v.source.c_str(), v.author.c_str(), v.note.c_str());
  }
  return 0;
}

int Diff(const std::string& config_flag, const std::string& tenant, int from, int to) {
  ScratchDir scratch;
  auto c = StorageContainer(config_flag, scratch);
  if (!c.ok()) return 2;
  auto key = core::TenantKey::Parse(tenant);
  if (!key.ok()) return Fail(key.error());
  auto diff = (*c)->repository().Diff(*key, from, to);
  if (!diff.ok()) return Fail(diff.error());
  if (diff->files.empty()) std::printf("versions %d and %d are identical\n", from, to);
  for (const auto& f : diff->files) {
    std::printf("%s: %s (%zu change%s)\n", f.file.c_str(), f.change.c_str(), f.operations,
                f.operations == 1 ? "" : "s");
    for (const auto& p : f.paths) std::printf("    %s\n", p.c_str());
  }
  return 0;
}

int Rollback(const std::string& config_flag, const std::string& tenant, int version, const std::string& note) {
  ScratchDir scratch;
  auto c = StorageContainer(config_flag, scratch);
  if (!c.ok()) return 2;
  auto key = core::TenantKey::Parse(tenant);
  if (!key.ok()) return Fail(key.error());
  const char* user = std::getenv("USER");
  auto info = (*c)->repository().Rollback(*key, version, {user ? user : "cli", "cli", note});
  if (!info.ok()) return Fail(info.error());
  std::printf("%s: version %d is now current (a copy of version %d)\n", tenant.c_str(), info->version, version);
  return 0;
}

int Chat(const std::string& config_flag, const std::string& tenant) {
  ScratchDir scratch;
  auto c = StorageContainer(config_flag, scratch);
  if (!c.ok()) return 2;
  auto key = core::TenantKey::Parse(tenant.empty() ? (*c)->default_tenant().str() : tenant);
  if (!key.ok()) return Fail(key.error());
  auto t = (*c)->tenants().Get(*key);
  if (!t.ok()) return Fail(t.error());
  std::cout << (*t)->profile.name << " (" << key->str() << ", version " << (*t)->version()
            << "). Type a message; an empty line or Ctrl-D quits.\n";
  std::string session_id;
  std::string line;
  while (std::cout << "> " << std::flush, std::getline(std::cin, line)) {
    if (line.empty()) break;
    services::ChatInput input{.message = line, .session_id = session_id};
    auto turn = (*c)->messages().Handle({.tenant = *key, .channel = core::Channel::kCli}, input);
    if (!turn.ok()) {
      std::cout << "! " << turn.error().UserMessage() << "\n";
      continue;
    }
    session_id = turn->session_id;
    std::cout << turn->reply.text << "\n";
    if (!turn->reply.quick_replies.empty()) {
      std::cout << "  [";
      for (size_t i = 0; i < turn->reply.quick_replies.size(); ++i) {
        std::cout << (i ? " | " : "") << turn->reply.quick_replies[i];
      }
      std::cout << "]\n";
    }
    std::cout << "  (" << turn->intent << ", " << static_cast<int>(turn->confidence * 100) << "%, "
              << turn->latency_us << " us)\n";
  }
  return 0;
}

// Ratchet mode for CI (min_pass >= 0): the pack may hold cases the engine
// does not pass yet, but the number passing must never go down.
int EvalExit(const core::Result<app::EvalSummary>& summary, int min_pass) {
  if (!summary.ok()) return Fail(summary.error());
  if (min_pass >= 0) {
    if (summary->passed < min_pass) {
      std::cout << "regression: " << summary->passed << " cases pass, at least " << min_pass << " must\n";
      return 1;
    }
    return 0;
  }
  return summary->failed == 0 ? 0 : 1;
}

int NluBench(const std::string& data_path, int shots, uint64_t seed) {
  auto data = app::LoadClinc150(data_path);
  if (!data.ok()) return Fail(data.error());
  app::NluBenchOptions options;
  options.shots = shots;
  options.seed = seed;
  auto result = app::RunNluBench(*data, options, retrieval::TextNormalizer(), &std::cerr);
  std::cout << app::NluBenchJson(result) << std::endl;
  return 0;
}

int Eval(const std::string& config_flag, const std::string& pack, const std::string& tenant, const std::string& url,
         bool verbose, int min_pass) {
  std::optional<core::TenantKey> key;
  if (!tenant.empty()) {
    auto parsed = core::TenantKey::Parse(tenant);
    if (!parsed.ok()) return Fail(parsed.error());
    key = *parsed;
  }
  if (!url.empty()) {
    // Through a running server's HTTP API; no local configuration needed.
    auto endpoint = http::ParseHttpUrl(url);
    if (!endpoint.ok()) return Fail(endpoint.error());
    app::HttpEvalTarget target(*endpoint, std::cerr);
    return EvalExit(app::RunEvalPack(target, pack, key, std::cout, verbose), min_pass);
  }
  ScratchDir scratch;
  auto c = StorageContainer(config_flag, scratch);
  if (!c.ok()) return 2;
  app::InProcessEvalTarget target((*c)->tenants(), (*c)->normalizer(), (*c)->mode());
  return EvalExit(app::RunEvalPack(target, pack, key, std::cout, verbose), min_pass);
}

// Reads one line from stdin without the newline.
std::optional<std::string> ReadLine() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Prompts on the terminal with echo off; nullopt when stdin is not a TTY.
std::optional<std::string> PromptHidden(const char* prompt) {
  if (!::isatty(STDIN_FILENO)) return std::nullopt;
  termios old_mode{};
  ::tcgetattr(STDIN_FILENO, &old_mode);
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::cerr << prompt << std::flush;
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  auto line = ReadLine();
  ::tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  std::cerr << "\n";
  return line;
}

// The password never comes from argv (visible in ps and shell history).
std::optional<std::string> ReadNewPassword(bool from_stdin) {
  if (from_stdin) return ReadLine();
  auto first = PromptHidden("Password: ");
  if (!first) {
    std::cerr << "aiv7: stdin is not a terminal; pipe the password in with --password-stdin\n";
    return std::nullopt;
  }
  auto again = PromptHidden("Password again: ");
  if (!again || *again != *first) {
    std::cerr << "aiv7: the passwords do not match\n";
    return std::nullopt;
  }
  return first;
}

int UserAdd(const std::string& config_flag, const std::string& email, const std::string& role,
            const std::string& tenant, bool password_stdin) {
  auto config = LoadOrExplain(config_flag);
  if (!config.ok()) return 2;
  if (!tenant.empty()) {
    // The tenant must be one this installation serves: an authoring folder
    // or a published version.
    std::error_code ec;
    bool known = core::TenantKey::IsValid(tenant) &&
                 (std::filesystem::is_directory(config->business_dir / tenant, ec) ||
                  std::filesystem::exists(config->data_dir / "tenants" / tenant / "CURRENT", ec));
    if (!known) {
      std::cerr << "aiv7: no tenant '" << tenant << "' in " << config->business_dir.string() << "\n";
      return 1;
    }
  }
  auto password = ReadNewPassword(password_stdin);
  if (!password) return 1;
  auto c = app::Container::Create(*config, app::ConsoleLoggers("warn"), {.chat = false});
  if (!c.ok()) return Fail(c.error());
  std::optional<std::string_view> tenant_arg;
  if (!tenant.empty()) tenant_arg = tenant;
  auto id = (*c)->auth().CreateUser(email, *password, role, tenant_arg);
  if (!id.ok()) {
    std::cerr << "aiv7: " << id.error().UserMessage() << "\n";
    return 1;
  }
  std::cout << "created " << role << " " << services::AuthService::NormalizeEmail(email) << " (id " << *id << ")"
            << (tenant.empty() ? std::string() : " for " + tenant) << "\n";
  return 0;
}

// The tenant must be one this installation serves: an authoring folder or a
// published version.
bool KnownTenant(const Config& config, const std::string& tenant) {
  std::error_code ec;
  return core::TenantKey::IsValid(tenant) &&
         (std::filesystem::is_directory(config.business_dir / tenant, ec) ||
          std::filesystem::exists(config.data_dir / "tenants" / tenant / "CURRENT", ec));
}

// `aiv7 secret set|list|delete`: the value only ever comes in on stdin (or
// a prompt without echo), never from argv, and is never printed.
int SecretCommand(const std::string& config_flag, const std::string& action, const std::string& tenant,
                  const std::string& name, bool from_stdin) {
  auto config = LoadOrExplain(config_flag);
  if (!config.ok()) return 2;
  if (!KnownTenant(*config, tenant)) {
    std::cerr << "aiv7: no tenant '" << tenant << "' in " << config->business_dir.string() << "\n";
    return 1;
  }
  if (action != "list" && !services::IsSecretName(name)) {
    std::cerr << "aiv7: unknown secret '" << name << "' (whatsapp.app_secret, whatsapp.access_token, "
              << "whatsapp.verify_token or twilio.auth_token)\n";
    return 1;
  }
  std::string value;
  if (action == "set") {
    std::optional<std::string> read;
    if (from_stdin) {
      std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      while (!all.empty() && (all.back() == '\n' || all.back() == '\r')) all.pop_back();
      read = all;
    } else {
      read = PromptHidden("Value: ");
      if (!read) {
        std::cerr << "aiv7: stdin is not a terminal; pipe the value in with --stdin\n";
        return 1;
      }
    }
    value = std::move(*read);
  }
  auto c = app::Container::Create(*config, app::ConsoleLoggers("warn"), {.chat = false});
  if (!c.ok()) return Fail(c.error());
  services::SecretAdmin& secrets = (*c)->secrets();
  auto key = core::TenantKey::Parse(tenant);
  const std::string actor = "cli";
  if (action == "set" || action == "delete") {
    auto st = action == "set" ? secrets.Set(*key, name, value, actor) : secrets.Delete(*key, name, actor);
    if (!st.ok()) {
      std::cerr << "aiv7: " << st.error().UserMessage() << "\n";
      return 1;
    }
    std::cout << (action == "set" ? "set " : "deleted ") << name << " for " << tenant
              << (action == "set"
                      ? ((*c)->secrets_encrypted() ? " (encrypted)" : " (NOT encrypted: SECRETS_KEY is unset)")
                      : "")
              << "\n";
    return 0;
  }
  auto list = secrets.List(*key);
  if (!list.ok()) return Fail(list.error());
  for (const auto& s : *list) {
    std::cout << s.name << "  set " << core::FormatIsoUtc(s.set_at) << (s.encrypted ? "  encrypted" : "  not encrypted")
              << "\n";
  }
  if (list->empty()) std::cout << "no secrets set for " << tenant << "\n";
  return 0;
}

int ReplayRejected(const std::string& config_flag) {
  auto config = LoadOrExplain(config_flag);
  if (!config.ok()) return 2;
  auto c = app::Container::Create(*config, app::ConsoleLoggers("warn"), {.chat = false});
  if (!c.ok()) return Fail(c.error());
  auto report = (*c)->ReplayRejectedRecords();
  if (!report.ok()) return Fail(report.error());
  std::cout << "replayed " << report->replayed << " records";
  if (report->damaged) std::cout << "; " << report->damaged << " damaged journal lines skipped";
  std::cout << "\n";
  for (const auto& f : report->finished_files) std::cout << "  done: " << f << "\n";
  for (const auto& refused : report->still_refused) std::cout << "  still refused: " << refused << "\n";
  return report->still_refused.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"AIV7: a multi-tenant AI sales assistant for small businesses"};
  cli.require_subcommand(1);
  std::string config_flag;

  auto* serve = cli.add_subcommand("serve", "Serve the chat API, webhooks, dashboard and widget");
  serve->add_option("--config", config_flag, "KEY=VALUE config file (the environment wins); also AIV7_CONFIG");
  serve->footer(app::ConfigHelp());

  std::string dir;
  std::string schemas_dir = std::getenv("SCHEMAS_DIR") ? std::getenv("SCHEMAS_DIR") : "./schemas";
  auto* validate = cli.add_subcommand("validate", "Check a tenant folder against the schemas; exit 1 on any problem");
  validate->add_option("tenant_dir", dir, "folder with the tenant's JSON files")->required();
  validate->add_option("--schemas", schemas_dir, "folder with the JSON Schemas");

  std::string tenant;
  int from = 0, to = 0, version = 0;
  std::string note;
  auto* versions = cli.add_subcommand("versions", "List a tenant's data versions (newest first, * = current)");
  versions->add_option("tenant", tenant, "tenant key")->required();
  versions->add_option("--config", config_flag, "config file");

  auto* diff = cli.add_subcommand("diff", "Summarise what changed between two versions");
  diff->add_option("tenant", tenant, "tenant key")->required();
  diff->add_option("from", from, "older version")->required();
  diff->add_option("to", to, "newer version")->required();
  diff->add_option("--config", config_flag, "config file");

  auto* rollback = cli.add_subcommand("rollback", "Make an earlier version current again (as a new version)");
  rollback->add_option("tenant", tenant, "tenant key")->required();
  rollback->add_option("version", version, "version to restore")->required();
  rollback->add_option("--note", note, "why");
  rollback->add_option("--config", config_flag, "config file");

  auto* chat = cli.add_subcommand("chat", "Talk to a tenant's assistant in the terminal");
  chat->add_option("--tenant", tenant, "tenant key (default: BUSINESS_KEY)");
  chat->add_option("--config", config_flag, "config file");

  std::string pack;
  std::string url;
  bool verbose = false;
  int min_pass = -1;
  auto* eval = cli.add_subcommand("eval", "Run a conversation test pack; prints PASS/FAIL per case");
  eval->add_option("pack", pack, "pack JSON file")->required();
  eval->add_option("--tenant", tenant, "tenant key (default: the pack's \"tenant\")");
  eval->add_flag("-v,--verbose", verbose, "print every turn");
  eval->add_option("--min-pass", min_pass, "succeed when at least this many cases pass (CI ratchet)");
  eval->add_option("--url", url,
                   "run every turn through POST /chat_api of the server at http://host:port (the server needs "
                   "ALLOW_TEST_CLOCK=1 for the cases' times)");
  eval->add_option("--config", config_flag, "config file");

  std::string nlu_data;
  int shots = 0;
  uint64_t seed = 0;
  auto* nlu_bench = cli.add_subcommand("nlu-bench", "Measure the intent model on CLINC150; prints a JSON line last");
  nlu_bench->add_option("data", nlu_data, "CLINC150 data_full.json")->required();
  nlu_bench->add_option("--shots", shots, "training examples per intent (default: all)");
  nlu_bench->add_option("--seed", seed, "seed that picks the --shots examples");

  auto* user = cli.add_subcommand("user", "Admin accounts");
  user->require_subcommand(1);
  std::string email, role;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Create an owner, staff member or platform admin");
  user_add->add_option("--email", email, "sign-in email")->required();
  user_add->add_option("--role", role, "owner, staff or admin")->required()->check(CLI::IsMember({"owner", "staff", "admin"}));
  user_add->add_option("--tenant", tenant, "tenant key (owner and staff; not for admin)");
  user_add->add_flag("--password-stdin", password_stdin,
                     "read the password from the first line of stdin (else prompt without echo)");
  user_add->add_option("--config", config_flag, "config file");

  auto* records = cli.add_subcommand("records", "The operational records (events, transcripts, leads, orders)");
  records->require_subcommand(1);
  auto* replay_rejected = records->add_subcommand(
      "replay-rejected",
      "Write the records the database refused (DATA_DIR/journal/rejected-*.jsonl) once the cause is fixed; "
      "each line exactly once, safe while the server runs");
  replay_rejected->add_option("--config", config_flag, "config file");

  auto* secret = cli.add_subcommand("secret", "Channel credentials (write-only: values are never shown)");
  secret->require_subcommand(1);
  std::string secret_name;
  bool secret_stdin = false;
  auto* secret_set = secret->add_subcommand("set", "Set a secret; the value comes from stdin or a prompt, never argv");
  secret_set->add_option("tenant", tenant, "tenant key")->required();
  secret_set
      ->add_option("name", secret_name,
                   "whatsapp.app_secret, whatsapp.access_token, whatsapp.verify_token or twilio.auth_token")
      ->required();
  secret_set->add_flag("--stdin", secret_stdin, "read the value from stdin (else prompt without echo)");
  secret_set->add_option("--config", config_flag, "config file");
  auto* secret_list = secret->add_subcommand("list", "The secrets set for a tenant: names and when, never values");
  secret_list->add_option("tenant", tenant, "tenant key")->required();
  secret_list->add_option("--config", config_flag, "config file");
  auto* secret_delete = secret->add_subcommand("delete", "Remove a secret");
  secret_delete->add_option("tenant", tenant, "tenant key")->required();
  secret_delete->add_option("name", secret_name, "secret name")->required();
  secret_delete->add_option("--config", config_flag, "config file");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*serve) return Serve(config_flag);
    if (*validate) return Validate(dir, schemas_dir);
    if (*versions) return Versions(config_flag, tenant);
    if (*diff) return Diff(config_flag, tenant, from, to);
    if (*rollback) return Rollback(config_flag, tenant, version, note);
    if (*chat) return Chat(config_flag, tenant);
    if (*eval) return Eval(config_flag, pack, tenant, url, verbose, min_pass);
    if (*nlu_bench) return NluBench(nlu_data, shots, seed);
    if (*user_add) return UserAdd(config_flag, email, role, tenant, password_stdin);
    if (*replay_rejected) return ReplayRejected(config_flag);
    if (*secret_set) return SecretCommand(config_flag, "set", tenant, secret_name, secret_stdin);
    if (*secret_list) return SecretCommand(config_flag, "list", tenant, "", false);
    if (*secret_delete) return SecretCommand(config_flag, "delete", tenant, secret_name, false);
  } catch (const std::exception& e) {
    std::cerr << "aiv7: fatal: " << e.what() << "\n";
    return 3;
  }
  return 2;
}
