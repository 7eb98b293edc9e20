#include "app/container.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "ai_modes/llm_reply_mode.h"
#include "ai_modes/mode_selector.h"
#include "app/tenant_registry.h"
#include "app/turn_log.h"
#include "connectors/llm/circuit_breaker_llm_client.h"
#include "connectors/llm/openai_llm_client.h"
#include "connectors/llm/retrying_llm_client.h"
#include "connectors/whatsapp/graph_sender.h"
#include "connectors/whatsapp/twilio_sender.h"
#include "db/postgres/postgres_database.h"
#include "db/redis/redis_client.h"
#include "db/sqlite/sqlite_database.h"
#include "http/static_files.h"
#include "retrieval/lexicon.h"
#include "retrieval/schema_validator.h"
#include "routes/admin_routes.h"
#include "routes/analytics_routes.h"
#include "routes/auth_routes.h"
#include "routes/chat_routes.h"
#include "routes/health_routes.h"
#include "routes/inbox_routes.h"
#include "routes/lead_routes.h"
#include "routes/ops_routes.h"
#include "routes/repair_routes.h"
#include "routes/secret_routes.h"
#include "routes/whatsapp_routes.h"
#include "routes/team_routes.h"
#include "routes/widget_routes.h"
#include "services/conversation/fan_out_turn_sink.h"
#include "services/session/key_value_session_store.h"

namespace app {

Container::Container(Config config, Loggers loggers, core::TenantKey default_tenant)
    : config_(std::move(config)), loggers_(std::move(loggers)), default_tenant_(std::move(default_tenant)) {}

core::Result<std::unique_ptr<Container>> Container::Create(const Config& config, Loggers loggers,
                                                           ContainerParts parts) {
  auto key = core::TenantKey::Parse(config.business_key);
  if (!key.ok()) return key.error();
  std::unique_ptr<Container> c(new Container(config, std::move(loggers), *key));
  if (parts.chat) {
    std::filesystem::path index_root = parts.index_root;
    if (index_root.empty()) {
      index_root = config.data_dir / "index";
      std::error_code ec;
      std::filesystem::remove_all(index_root, ec);
    }
    if (auto st = c->InitTenants(index_root); !st.ok()) return st.error();
  }
  if (parts.database) {
    if (auto st = c->InitDatabase(); !st.ok()) return st.error();
    if (parts.chat) {
      if (auto st = c->InitRecords(); !st.ok()) return st.error();
    }
  }
  if (parts.chat) c->WireServices();
  if (parts.chat && parts.database) c->WireHealth();
  c->WireSecrets();
  if (parts.chat && parts.database) c->WireChannels();
  return c;
}

core::Status Container::InitTenants(const std::filesystem::path& index_root) {
  index_root_ = index_root;
  auto schemas = retrieval::SchemaValidator::Load(config_.schemas_dir);
  if (!schemas.ok()) return schemas.error();
  auto lexicon = retrieval::Lexicon::Load(fs_, config_.lexicon_dir, **schemas, normalizer_);
  if (!lexicon.ok()) return lexicon.error();
  lexicon_ = std::move(lexicon).value();
  auto warn = [errors = loggers_.errors](const std::string& msg) { errors->warn("{}", msg); };
  repository_ = std::make_unique<retrieval::TenantRepository>(
      retrieval::StorageOptions{config_.business_dir, config_.data_dir, *schemas, &fs_, &clock_, warn});
  auto build = [this](std::shared_ptr<const retrieval::TenantData> data) {
    return retrieval::BuildTenant(std::move(data), normalizer_, lexicon_, index_root_);
  };
  tenants_ = std::make_unique<TenantRegistry>(*repository_, build, config_.reload_interval, warn);
  cors_ = std::make_unique<routes::TenantCorsPolicy>(*tenants_, default_tenant_);
  const std::chrono::seconds session_ttl = config_.session_ttl;
  if (config_.redis_url.empty()) {
    sessions_ = std::make_unique<services::InMemorySessionStore>(clock_, session_ttl, config_.max_sessions);
  } else {
    auto endpoint = db::ParseRedisUrl(config_.redis_url);
    if (!endpoint.ok()) return endpoint.error();
    session_kv_ = std::make_unique<db::RedisClient>(std::move(endpoint).value(), db::RedisOptions{});
    sessions_ = std::make_unique<services::KeyValueSessionStore>(
        *session_kv_,
        services::KeyValueSessionStoreOptions{
            .ttl = session_ttl, .max_session_bytes = config_.max_session_bytes, .warn = warn});
  }
  if (auto modes = InitModes(); !modes.ok()) return modes;
  turn_log_ = std::make_unique<TurnLog>(loggers_.chatbot);
  return core::Status::Ok();
}

// V5 always; V6 and V7 over the model when LLM_BASE_URL is set. The
// circuit breaker wraps the retries, so an open circuit fails at once.
core::Status Container::InitModes() {
  v5_ = std::make_unique<ai_modes::V5Deterministic>();
  if (!config_.llm_base_url.empty()) {
    auto http = connectors::llm::OpenAiLlmClient::Create({.base_url = config_.llm_base_url,
                                                          .api_key = config_.llm_api_key,
                                                          .model = config_.llm_model,
                                                          .ca_file = config_.llm_ca_file.string()});
    if (!http.ok()) return http.error();
    llm_http_ = std::move(http).value();
    llm_retrying_ = std::make_unique<connectors::llm::RetryingLlmClient>(*llm_http_, clock_);
    llm_ = std::make_unique<connectors::llm::CircuitBreakerLlmClient>(
        *llm_retrying_, clock_, connectors::llm::BreakerOptions{.name = config_.llm_base_url});
    llm_gate_ = std::make_unique<ai_modes::LlmGate>(config_.llm_max_concurrency);
    ai_modes::LlmModeOptions options;
    options.timeout = config_.llm_timeout;
    options.max_steps = config_.llm_max_steps;
    options.stream = config_.llm_stream;
    options.log = [log = loggers_.app](const std::string& line) { log->warn("{}", line); };
    v6_ = std::make_unique<ai_modes::LlmReplyMode>(*llm_, *llm_gate_, clock_, options);
    options.tools = true;
    v7_ = std::make_unique<ai_modes::LlmReplyMode>(*llm_, *llm_gate_, clock_, options);
  }
  mode_ = std::make_unique<ai_modes::ModeSelector>(*v5_, v6_.get(), v7_.get(), ModeName(config_.mode));
  return core::Status::Ok();
}

core::Status Container::InitDatabase() {
  if (config_.IsPostgres()) {
    auto database = db::PostgresDatabase::Open(config_.database_url);
    if (!database.ok()) return database.error();
    database_ = std::move(database).value();
  } else {
    auto database = db::SqliteDatabase::Open(config_.SqlitePath());
    if (!database.ok()) return database.error();
    database_ = std::move(database).value();
  }
  hasher_ = std::make_unique<services::PasswordHasher>(services::PasswordHasherOptions{
      .memory_kib = config_.argon2_memory_kib,
      .iterations = config_.argon2_iterations,
      .parallelism = config_.argon2_parallelism,
      .random = {}});
  services::AuthOptions auth_options;
  auth_options.session_idle = config_.admin_session_idle;
  auth_options.session_max = config_.admin_session_max;
  auth_ = std::make_unique<services::AuthService>(database_->users(), database_->api_tokens(),
                                                  database_->admin_sessions(), *hasher_, clock_, auth_options);
  analytics_ = std::make_unique<services::AnalyticsService>(database_->events(), database_->orders(),
                                                            database_->leads());
  return core::Status::Ok();
}

// The write path of turns: what a crash left in the journal is queued first
// and replayed while the server serves.
core::Status Container::InitRecords() {
  auto warn = [errors = loggers_.errors](const std::string& msg) { errors->warn("{}", msg); };
  const std::filesystem::path journal = config_.data_dir / "journal";
  auto stream = db::RecordQueue::StreamNameFor(journal, "records");
  if (!stream.ok()) return stream.error();
  feeding_batches_ = std::make_unique<services::FeedingRecordBatchStore>(database_->record_batches(), feed_);
  feeding_leads_ = std::make_unique<services::FeedingLeadStore>(database_->leads(), feed_);
  auto records = db::RecordQueue::Open(
      *feeding_batches_,
      db::RecordQueueOptions{.journal_dir = journal, .stream = *stream, .clock = &clock_, .warn = warn});
  if (!records.ok()) return records.error();
  records_ = std::move(records).value();
  records_->Start();
  crm_ = std::make_unique<services::CrmService>(*records_, *feeding_leads_, database_->orders(), database_->audit(),
                                                *sessions_, clock_);
  // Staff replies on WhatsApp wait for that channel (issue 14): it registers
  // its StaffReplyChannel in InboxServiceOptions::channels.
  inbox_ =
      std::make_unique<services::InboxService>(*crm_, *feeding_leads_, database_->audit(), *sessions_, feed_, clock_);
  turn_sinks_ = std::make_unique<services::FanOutTurnSink>(std::vector<services::TurnSink*>{crm_.get(), turn_log_.get()});
  return core::Status::Ok();
}

void Container::WireServices() {
  // Owner and operator writes are audited when there is a database.
  auto warn = [errors = loggers_.errors](const std::string& msg) { errors->warn("{}", msg); };
  services::TenantDataAudit audit;
  if (database_) audit = {&database_->audit(), &clock_, warn};
  tenant_data_ = std::make_unique<services::TenantDataService>(*repository_, *tenants_, audit);
  if (analytics_) repair_ = std::make_unique<services::SelfRepair>(*tenant_data_, *analytics_, clock_);
  // With a database: CRM records first (may refuse a turn), then the log line.
  services::TurnSink* sink = turn_sinks_ ? turn_sinks_.get() : turn_log_.get();
  messages_ = std::make_unique<services::MessageHandler>(
      *tenants_, *sessions_, normalizer_, *mode_, clock_, ids_, sink,
      services::MessageHandlerOptions{.max_message_bytes = config_.max_message_bytes});
}

void Container::WireHealth() {
  std::vector<services::ReadinessProbe> probes;
  probes.push_back({"database", [db = database_.get()]() -> core::Result<std::string> {
                      if (auto st = db->Ping(); !st.ok()) return st.error();
                      return std::string(db->Kind());
                    }});
  if (session_kv_) {
    probes.push_back({"sessions", [kv = session_kv_.get()]() -> core::Result<std::string> {
                        if (auto st = kv->Ping(); !st.ok()) return st.error();
                        return std::string("redis");
                      }});
  }
  probes.push_back({"records", [queue = records_.get()]() -> core::Result<std::string> {
                      if (auto st = queue->Health(); !st.ok()) return st.error();
                      auto stats = queue->stats();
                      std::string detail =
                          std::to_string(stats.queued) + " queued, " + std::to_string(stats.rejected) + " set aside";
                      if (stats.replaying > 0) detail += ", " + std::to_string(stats.replaying) + " replaying";
                      return detail;
                    }});
  // The WhatsApp backlog: messages not answered yet, replies not sent yet.
  probes.push_back({"whatsapp", [db = database_.get()]() -> core::Result<std::string> {
                      auto inbound = db->inbox().CountPendingInbound();
                      if (!inbound.ok()) return inbound.error();
                      auto outbound = db->outbox().CountUnsentOutbound();
                      if (!outbound.ok()) return outbound.error();
                      return std::to_string(*inbound) + " to answer, " + std::to_string(*outbound) + " to send";
                    }});
  health_ = std::make_unique<services::HealthService>(*tenants_, default_tenant_, config_.data_dir, std::move(probes));
}

core::Result<db::RejectedReplayReport> Container::ReplayRejectedRecords() {
  const std::filesystem::path journal = config_.data_dir / "journal";
  auto stream = db::RecordQueue::StreamNameFor(journal, "records");
  if (!stream.ok()) return stream.error();
  return db::ReplayRejectedRecords(database_->record_batches(), journal, *stream);
}

void Container::DrainRecords() {
  StopChannels();
  if (records_) records_->Stop();
}

void Container::WireSecrets() {
  std::optional<services::SecretKey> key;
  if (!config_.secrets_key.empty()) {
    // LoadConfig checked it.
    if (auto parsed = services::ParseSecretKey(config_.secrets_key); parsed.ok()) key = *parsed;
  }
  secret_store_ = std::make_unique<services::FileSecretStore>(
      services::FileSecretStoreOptions{config_.data_dir / "secrets", key, &clock_});
  secret_admin_ =
      std::make_unique<services::SecretAdmin>(*secret_store_, database_ ? &database_->audit() : nullptr, clock_);
}

namespace {

std::string DefaultWorkerId() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || !host[0]) return "channels";
  return std::string("channels@") + host;
}

}  // namespace

void Container::WireChannels() {
  auto warn = [errors = loggers_.errors](const std::string& msg) { errors->warn("{}", msg); };
  const std::string worker_id = config_.channel_worker_id.empty() ? DefaultWorkerId() : config_.channel_worker_id;
  channel_directory_ =
      std::make_unique<services::ChannelDirectory>(*repository_, clock_, config_.reload_interval, warn);
  graph_sender_ =
      std::make_unique<connectors::whatsapp::GraphSender>(config_.whatsapp_graph_url, config_.provider_timeout);
  twilio_sender_ =
      std::make_unique<connectors::whatsapp::TwilioSender>(config_.twilio_api_url, config_.provider_timeout);
  services::InboxOptions inbox_options;
  inbox_options.turn_timeout = config_.turn_timeout;
  // Location and "not text" answers are recorded like the handler's turns.
  inbox_processor_ =
      std::make_unique<services::InboxProcessor>(database_->inbox(), *channel_directory_, *tenants_, *messages_,
                                                 *turn_sinks_, *sessions_, clock_, inbox_options, warn);
  services::OutboxOptions outbox_options;
  outbox_options.retry_min = config_.outbox_retry_min;
  outbox_options.retry_max = config_.outbox_retry_max;
  outbox_options.public_base_url = config_.public_base_url;
  outbox_sender_ = std::make_unique<services::OutboxSender>(
      database_->outbox(), *channel_directory_, *secret_store_,
      services::OutboxSender::Senders{{std::string(services::kProviderMeta), graph_sender_.get()},
                                      {std::string(services::kProviderTwilio), twilio_sender_.get()}},
      clock_, outbox_options, warn);
  services::ChannelWorkerOptions worker_options;
  worker_options.worker_id = worker_id;
  worker_options.poll = config_.channel_poll;
  worker_options.in_doubt_delay = config_.outbox_in_doubt;
  worker_options.inbox_lease =
      std::max<std::chrono::milliseconds>(std::chrono::milliseconds(60'000), config_.turn_timeout * 4);
  worker_options.send_lease =
      std::max<std::chrono::milliseconds>(std::chrono::milliseconds(120'000), config_.provider_timeout * 4);
  channel_workers_ = std::make_unique<services::ChannelWorkers>(
      database_->inbox(), database_->outbox(), *inbox_processor_, *outbox_sender_, clock_, worker_options, warn);
  auto wake = [workers = channel_workers_.get()] { workers->Wake(); };
  services::WebhookOptions webhook_options;
  webhook_options.public_base_url = config_.public_base_url;
  webhook_options.worker_id = worker_id;
  webhook_options.claim_lease = worker_options.inbox_lease;
  webhooks_ = std::make_unique<services::WhatsAppWebhooks>(*channel_directory_, *secret_store_, database_->inbox(),
                                                           *inbox_processor_, clock_, wake, webhook_options);
  conversations_ = std::make_unique<services::WhatsAppConversations>(*crm_, database_->inbox(), database_->outbox(),
                                                                     *channel_directory_, *records_, clock_, wake);
}

core::Status Container::StartChannels() {
  if (!channel_workers_) return core::Status::Ok();
  return channel_workers_->Start();
}

void Container::StopChannels() {
  if (channel_workers_) channel_workers_->Stop();
}

http::RouteTable Container::BuildRoutes() {
  http::RouteTable table;
  routes::AddHealthRoutes(table, *health_);
  routes::AddWidgetRoutes(table, *tenants_, default_tenant_);
  routes::AddChatRoutes(table, *messages_, clock_, default_tenant_,
                        {.allow_test_clock = config_.allow_test_clock, .turn_timeout = config_.turn_timeout});
  routes::AddOpsRoutes(table, *tenant_data_, config_.ops_token, config_.max_file_body_bytes);
  routes::AddAuthRoutes(table, *auth_, {.secure_cookies = config_.cookie_secure});
  routes::AddAdminDataRoutes(table, *auth_, *tenant_data_, config_.max_file_body_bytes);
  routes::AddLeadRoutes(table, *auth_, *crm_);
  routes::AddInboxRoutes(table, *auth_, *inbox_, default_tenant_);
  routes::AddTeamRoutes(table, *auth_);
  routes::AddRepairRoutes(table, *auth_, *repair_);
  routes::AddAnalyticsRoutes(table, *auth_, *analytics_, *tenants_, clock_);
  routes::AddSecretRoutes(table, *auth_, *secret_admin_);
  routes::AddWhatsAppWebhookRoutes(table, *webhooks_);
  routes::AddWhatsAppStaffRoutes(table, *auth_, *conversations_);
  auto files = std::make_shared<http::StaticFiles>(config_.web_dir);
  table.Add(http::Method::kGet, "/*", [files](http::Request& request) {
    return files->Serve(request, request.PathParam("*"));
  });
  return table;
}

}  // namespace app
