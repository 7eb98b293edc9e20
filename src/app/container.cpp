#include "app/container.h"

#include <spdlog/spdlog.h>

#include "app/tenant_registry.h"
#include "app/turn_log.h"
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
  if (config_.mode != Mode::kV5) {
    loggers_.app->warn("MODE={} is not available in this build yet; replies are deterministic (V5)",
                       ModeName(config_.mode));
  }
  mode_ = std::make_unique<ai_modes::V5Deterministic>();
  turn_log_ = std::make_unique<TurnLog>(loggers_.chatbot);
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
  // its StaffReplyChannel in InboxOptions::channels.
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
  health_ = std::make_unique<services::HealthService>(*tenants_, default_tenant_, config_.data_dir, std::move(probes));
}

core::Result<db::RejectedReplayReport> Container::ReplayRejectedRecords() {
  const std::filesystem::path journal = config_.data_dir / "journal";
  auto stream = db::RecordQueue::StreamNameFor(journal, "records");
  if (!stream.ok()) return stream.error();
  return db::ReplayRejectedRecords(database_->record_batches(), journal, *stream);
}

void Container::DrainRecords() {
  if (records_) records_->Stop();
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
  auto files = std::make_shared<http::StaticFiles>(config_.web_dir);
  table.Add(http::Method::kGet, "/*", [files](http::Request& request) {
    return files->Serve(request, request.PathParam("*"));
  });
  return table;
}

}  // namespace app
