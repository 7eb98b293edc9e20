// Container: the composition root. The only place that names concrete
// implementations (SQLite, POSIX file system, the caching tenant registry)
// and wires them behind their interfaces. Owns everything it builds; lives as
// long as the process serves.
#pragma once

#include <memory>

#include "ai_modes/llm_gate.h"
#include "ai_modes/reply_mode.h"
#include "app/config.h"
#include "app/logging_setup.h"
#include "connectors/llm_client.h"
#include "connectors/message_sender.h"
#include "core/clock.h"
#include "db/database.h"
#include "db/journal/record_queue.h"
#include "db/journal/rejected_records.h"
#include "db/key_value_store.h"
#include "db/record_sink.h"
#include "http/route_table.h"
#include "retrieval/file_system.h"
#include "retrieval/storage.h"
#include "retrieval/tenant.h"
#include "retrieval/text_normalizer.h"
#include "routes/tenant_cors_policy.h"
#include "services/auth/auth_service.h"
#include "services/auth/password_hasher.h"
#include "services/channels/channel_directory.h"
#include "services/channels/channel_workers.h"
#include "services/channels/inbox_processor.h"
#include "services/channels/outbox_sender.h"
#include "services/channels/whatsapp_conversations.h"
#include "services/channels/whatsapp_webhooks.h"
#include "services/conversation/message_handler.h"
#include "services/health/health_service.h"
#include "services/owner/analytics_service.h"
#include "services/owner/self_repair.h"
#include "services/owner/tenant_data_service.h"
#include "services/records/crm_service.h"
#include "services/secrets/secret_admin.h"
#include "services/secrets/secret_store.h"
#include "services/records/inbox_feed.h"
#include "services/records/inbox_service.h"
#include "services/session/session_store.h"

namespace app {

// Which parts a process needs. The server takes everything; CLI commands
// take less (`aiv7 versions` needs no database, `aiv7 user add` no tenants).
struct ContainerParts {
  // Tenant data, stores, sessions and the chat pipeline.
  bool chat = true;
  // The operational database and what lives on it: the record queue, the
  // CRM, admin accounts, analytics, self-repair and readiness.
  bool database = true;
  // Where catalog indexes go. Empty: DATA_DIR/index, which the process then
  // owns (cleared at start: indexes left by a crash are removed).
  std::filesystem::path index_root;
};

class Container {
 public:
  // Builds the parts asked for, each once, in one path. kInvalidArgument for
  // bad schemas, kSchemaInvalid for a bad lexicon file (details name the
  // file and JSON pointer), kUnavailable when the database or the record
  // journal cannot be opened. Accessors for a part that was not built must
  // not be called; BuildRoutes needs every part.
  static core::Result<std::unique_ptr<Container>> Create(const Config& config, Loggers loggers,
                                                         ContainerParts parts = {});

  const Config& config() const { return config_; }
  const Loggers& loggers() const { return loggers_; }
  const core::TenantKey& default_tenant() const { return default_tenant_; }
  retrieval::TenantDirectory& tenants() { return *tenants_; }
  services::TenantDataService& tenant_data() { return *tenant_data_; }
  retrieval::TenantRepository& repository() { return *repository_; }
  services::MessageHandler& messages() { return *messages_; }
  // Null without the database part.
  services::CrmService* crm() { return crm_.get(); }
  const retrieval::TextNormalizer& normalizer() const { return normalizer_; }
  const ai_modes::ReplyMode& mode() const { return *mode_; }
  const http::CorsPolicy& cors() const { return *cors_; }
  // Where turns hand their events, messages, lead updates and orders: the
  // group-commit queue over the database (journal in DATA_DIR/journal).
  // REQUIRES: the database part.
  db::RecordSink& records() { return *records_; }

  // Graceful shutdown, after the HTTP server has stopped: commits everything
  // the record queue accepted (or leaves it in the journal when the database
  // stays down) and refuses more. Also done by the destructor.
  void DrainRecords();
  // Admin sign-in, sessions and API tokens. REQUIRES: the database part.
  services::AuthService& auth() { return *auth_; }

  // Writes the records the write queue set aside (DATA_DIR/journal/
  // rejected-*.jsonl) to the database, for `aiv7 records replay-rejected`.
  // REQUIRES: the database part.
  core::Result<db::RejectedReplayReport> ReplayRejectedRecords();

  // Channel credentials (DATA_DIR/secrets; always built), audited when
  // there is a database.
  services::SecretAdmin& secrets() { return *secret_admin_; }
  bool secrets_encrypted() const { return !config_.secrets_key.empty(); }

  // The WhatsApp workers (inbox turns, outbox sends; chat and database
  // parts): StartChannels frees what this worker held before a crash and
  // starts the threads; StopChannels lets the current message finish. Call
  // StopChannels before DrainRecords. kUnavailable when the database is down.
  core::Status StartChannels();
  void StopChannels();

  // All HTTP routes, static files last.
  http::RouteTable BuildRoutes();

 private:
  Container(Config config, Loggers loggers, core::TenantKey default_tenant);
  // Tenants, stores, sessions, the reply mode (parts.chat).
  core::Status InitTenants(const std::filesystem::path& index_root);
  // Database, accounts, record queue, CRM, analytics (parts.database).
  core::Status InitDatabase();
  core::Status InitRecords();
  // Owner tools and the message handler, over whatever parts exist.
  void WireServices();
  void WireHealth();
  core::Status InitModes();
  // Secrets always; WhatsApp (directory, webhooks, workers) with chat and database.
  void WireSecrets();
  void WireChannels();

  Config config_;
  Loggers loggers_;
  core::TenantKey default_tenant_;
  core::SystemClock clock_;
  core::RandomIdGenerator ids_;
  retrieval::PosixFileSystem fs_;
  retrieval::TextNormalizer normalizer_;
  std::filesystem::path index_root_;
  std::shared_ptr<const retrieval::Lexicon> lexicon_;  // LEXICON_DIR, shared by every tenant
  std::unique_ptr<retrieval::TenantRepository> repository_;
  std::unique_ptr<retrieval::TenantDirectory> tenants_;
  std::unique_ptr<services::TenantDataService> tenant_data_;
  std::unique_ptr<db::Database> database_;
  // After database_: destroyed (drained) before the database closes.
  // Change stamps of conversations, touched by the stores in front of the
  // database's (declared before the queue that writes through them).
  services::InboxFeed feed_;
  std::unique_ptr<services::FeedingRecordBatchStore> feeding_batches_;
  std::unique_ptr<services::FeedingLeadStore> feeding_leads_;
  std::unique_ptr<db::RecordQueue> records_;
  std::unique_ptr<services::PasswordHasher> hasher_;
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<services::AnalyticsService> analytics_;
  std::unique_ptr<services::SelfRepair> repair_;
  std::unique_ptr<services::HealthService> health_;
  std::unique_ptr<routes::TenantCorsPolicy> cors_;
  std::unique_ptr<db::KeyValueStore> session_kv_;  // Redis when REDIS_URL is set
  std::unique_ptr<services::SessionStore> sessions_;
  // The model (LLM_BASE_URL): HTTP client, retries, circuit breaker, and the
  // gate (concurrency, token budgets) V6 and V7 share.
  std::unique_ptr<connectors::LlmClient> llm_http_;
  std::unique_ptr<connectors::LlmClient> llm_retrying_;
  std::unique_ptr<connectors::LlmClient> llm_;
  std::unique_ptr<ai_modes::LlmGate> llm_gate_;
  std::unique_ptr<ai_modes::ReplyMode> v5_, v6_, v7_;
  std::unique_ptr<ai_modes::ReplyMode> mode_;  // picks one of them per tenant
  std::unique_ptr<services::TurnSink> turn_log_;
  // With a database: CRM records first (may refuse a turn), then the log line.
  std::unique_ptr<services::CrmService> crm_;
  std::unique_ptr<services::InboxService> inbox_;
  std::unique_ptr<services::TurnSink> turn_sinks_;
  std::unique_ptr<services::MessageHandler> messages_;
  std::unique_ptr<services::SecretStore> secret_store_;
  std::unique_ptr<services::SecretAdmin> secret_admin_;
  std::unique_ptr<services::ChannelDirectory> channel_directory_;
  std::unique_ptr<connectors::MessageSender> graph_sender_;
  std::unique_ptr<connectors::MessageSender> twilio_sender_;
  std::unique_ptr<services::InboxProcessor> inbox_processor_;
  std::unique_ptr<services::OutboxSender> outbox_sender_;
  std::unique_ptr<services::WhatsAppWebhooks> webhooks_;
  std::unique_ptr<services::WhatsAppConversations> conversations_;
  // Last: its threads use everything above and stop first.
  std::unique_ptr<services::ChannelWorkers> channel_workers_;
};

}  // namespace app
