#include "app/config.h"

#include <gtest/gtest.h>

#include <map>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using testing_support::TempDir;
using testing_support::WriteText;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_support::WriteMinimalTenant(dir_ / "business/BRAVO");
    testing_support::WriteMinimalTenant(dir_ / "business/ALPHA");
    env_["BUSINESS_DIR"] = (dir_ / "business").string();
  }
  core::Result<app::Config> Load(std::optional<std::filesystem::path> file = std::nullopt) {
    return app::LoadConfig([this](std::string_view name) -> std::optional<std::string> {
      auto it = env_.find(std::string(name));
      if (it == env_.end()) return std::nullopt;
      return it->second;
    }, file);
  }
  TempDir dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(ConfigTest, DefaultsMatchTheDocumentation) {
  auto c = Load();
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->mode, app::Mode::kV5);
  EXPECT_EQ(c->data_dir, "./data");
  EXPECT_EQ(c->database_url, "sqlite://./data/aiv7.db");
  EXPECT_EQ(c->SqlitePath(), "./data/aiv7.db");
  EXPECT_EQ(c->log_dir, "./logs");
  EXPECT_EQ(c->max_body_bytes, 1u << 20);
  EXPECT_EQ(c->business_key, "ALPHA") << "defaults to the first tenant folder";
}

TEST_F(ConfigTest, ReadsEnvironment) {
  env_["PORT"] = "9000";
  env_["MODE"] = "V7";
  env_["LLM_BASE_URL"] = "https://api.openai.com/v1";
  env_["LLM_MODEL"] = "gpt-4o-mini";
  env_["LLM_API_KEY"] = "sk-s3cret-key";
  env_["BUSINESS_KEY"] = "BRAVO";
  env_["DATA_DIR"] = "/srv/aiv7";
  env_["OPS_TOKEN"] = "s3cret-s3cret-s3cret-s3cret-s3cret";
  auto c = Load();
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->mode, app::Mode::kV7);
  EXPECT_EQ(c->llm_base_url, "https://api.openai.com/v1");
  EXPECT_EQ(c->llm_api_key, "sk-s3cret-key");
  EXPECT_EQ(c->llm_timeout.count(), 8000);
  EXPECT_EQ(c->llm_max_steps, 4);
  EXPECT_EQ(c->business_key, "BRAVO");
  EXPECT_EQ(c->database_url, "sqlite:///srv/aiv7/aiv7.db");
  std::string described = app::DescribeConfig(*c);
  EXPECT_EQ(described.find("s3cret"), std::string::npos) << "secrets must never be logged";
  EXPECT_NE(described.find("OPS_TOKEN=(set)"), std::string::npos);
}

TEST_F(ConfigTest, ReportsEveryInvalidValueAtOnce) {
  env_["PORT"] = "99999";
  env_["MODE"] = "V9";
  env_["LOG_LEVEL"] = "loud";
  env_["BUSINESS_KEY"] = "../etc";
  env_["DATABASE_URL"] = "mysql://u:pw@h/db";
  env_["READ_TIMEOUT_MS"] = "soon";
  auto c = Load();
  ASSERT_FALSE(c.ok());
  const std::string& m = c.error().message;
  for (const char* part : {"PORT=99999", "MODE=V9", "LOG_LEVEL=loud", "BUSINESS_KEY=../etc", "DATABASE_URL",
                           "READ_TIMEOUT_MS=soon"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " missing from: " << m;
  }
  EXPECT_EQ(m.find(":pw@"), std::string::npos) << "passwords in URLs are redacted";
}

TEST_F(ConfigTest, PostgresUrlSelectsPostgres) {
  for (const char* url : {"postgres://aiv7@127.0.0.1:5544/aiv7", "postgresql://u:pw@db.internal/aiv7"}) {
    env_["DATABASE_URL"] = url;
    auto c = Load();
    ASSERT_TRUE(c.ok()) << url << ": " << c.error().message;
    EXPECT_TRUE(c->IsPostgres());
    EXPECT_TRUE(c->SqlitePath().empty());
  }
  env_["DATABASE_URL"] = "postgres://";
  EXPECT_FALSE(Load().ok());
  env_.erase("DATABASE_URL");
  EXPECT_FALSE(Load()->IsPostgres());
}

TEST_F(ConfigTest, UnknownTenantAndMissingBusinessDirFailFast) {
  env_["BUSINESS_KEY"] = "NOPE";
  auto c = Load();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("BUSINESS_KEY=NOPE has no folder"), std::string::npos);
  env_["BUSINESS_DIR"] = (dir_ / "missing").string();
  auto d = Load();
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("is not a folder"), std::string::npos);
}

TEST_F(ConfigTest, ConfigFileIsReadAndEnvironmentWins) {
  WriteText(dir_ / "aiv7.conf",
            "# comment\nPORT = "
            "7000\nMODE=\"V6\"\nLOG_LEVEL=debug\nLLM_BASE_URL=http://127.0.0.1:11434/v1\nLLM_MODEL=qwen2.5\n");
  env_["LOG_LEVEL"] = "warn";
  auto c = Load(dir_ / "aiv7.conf");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->port, 7000);
  EXPECT_EQ(c->mode, app::Mode::kV6);
  EXPECT_EQ(c->log_level, "warn");
}

TEST_F(ConfigTest, ModelSettingsAreCheckedAtStart) {
  env_["MODE"] = "V6";
  auto no_model = Load();
  ASSERT_FALSE(no_model.ok());
  EXPECT_NE(no_model.error().message.find("MODE=V6 needs LLM_BASE_URL"), std::string::npos);
  env_["LLM_BASE_URL"] = "ftp://model.example";
  env_["LLM_TIMEOUT_MS"] = "5";
  env_["LLM_MAX_STEPS"] = "99";
  auto bad = Load();
  ASSERT_FALSE(bad.ok());
  for (const char* what : {"LLM_BASE_URL", "LLM_MODEL must name", "LLM_TIMEOUT_MS=5", "LLM_MAX_STEPS=99"}) {
    EXPECT_NE(bad.error().message.find(what), std::string::npos) << what << " in " << bad.error().message;
  }
}

TEST_F(ConfigTest, ConfigFileTyposAreErrors) {
  WriteText(dir_ / "aiv7.conf", "PROT=7000\nnonsense line\n");
  auto c = Load(dir_ / "aiv7.conf");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("unknown setting PROT"), std::string::npos);
  EXPECT_NE(c.error().message.find("expected KEY=VALUE"), std::string::npos);
  EXPECT_FALSE(Load(dir_ / "absent.conf").ok());
}

TEST_F(ConfigTest, TestClockIsOffUnlessAskedFor) {
  auto c = Load();
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_FALSE(c->allow_test_clock);
  EXPECT_NE(app::DescribeConfig(*c).find("ALLOW_TEST_CLOCK=0"), std::string::npos);
  for (const char* on : {"1", "true", "YES", "on"}) {
    env_["ALLOW_TEST_CLOCK"] = on;
    auto enabled = Load();
    ASSERT_TRUE(enabled.ok()) << enabled.error().message;
    EXPECT_TRUE(enabled->allow_test_clock) << on;
    EXPECT_NE(app::DescribeConfig(*enabled).find("ALLOW_TEST_CLOCK=1"), std::string::npos);
  }
  env_["ALLOW_TEST_CLOCK"] = "0";
  EXPECT_FALSE(Load()->allow_test_clock);
  env_.erase("ALLOW_TEST_CLOCK");
  WriteText(dir_ / "aiv7.conf", "ALLOW_TEST_CLOCK=1\n");
  EXPECT_TRUE(Load(dir_ / "aiv7.conf")->allow_test_clock) << "from the config file like every setting";
  env_["ALLOW_TEST_CLOCK"] = "maybe";
  auto bad = Load();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("ALLOW_TEST_CLOCK=maybe"), std::string::npos) << bad.error().message;
}

TEST(ConfigHelpTest, DocumentsEverySetting) {
  std::string help = app::ConfigHelp();
  for (const char* name : {"HOST", "PORT", "BUSINESS_DIR", "BUSINESS_KEY", "MODE", "DATA_DIR", "DATABASE_URL",
                           "REDIS_URL", "LOG_DIR", "LOG_LEVEL", "ALLOW_TEST_CLOCK"}) {
    EXPECT_NE(help.find(name), std::string::npos) << name;
  }
}

}  // namespace

namespace {

TEST_F(ConfigTest, RedisUrlIsValidatedWithoutLeakingThePassword) {
  env_["REDIS_URL"] = "redis://:hunter2@127.0.0.1:notaport";
  auto c = Load();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("REDIS_URL"), std::string::npos);
  EXPECT_EQ(c.error().message.find("hunter2"), std::string::npos);

  env_["REDIS_URL"] = "redis://:hunter2@127.0.0.1:6390/2";
  auto ok = Load();
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(app::DescribeConfig(*ok).find("hunter2"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(ConfigTest, AdminAuthSettings) {
  auto defaults = Load();
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_FALSE(defaults->cookie_secure);
  EXPECT_EQ(defaults->admin_session_idle, std::chrono::minutes(720));
  EXPECT_EQ(defaults->admin_session_max, std::chrono::hours(168));
  EXPECT_EQ(defaults->argon2_memory_kib, 19456u);
  EXPECT_EQ(defaults->argon2_iterations, 2u);
  EXPECT_EQ(defaults->argon2_parallelism, 1u);

  env_["COOKIE_SECURE"] = "yes";
  env_["ADMIN_SESSION_IDLE_MINUTES"] = "30";
  env_["ADMIN_SESSION_MAX_HOURS"] = "24";
  env_["ARGON2_MEMORY_KIB"] = "65536";
  env_["ARGON2_ITERATIONS"] = "3";
  env_["ARGON2_PARALLELISM"] = "2";
  auto set = Load();
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_TRUE(set->cookie_secure);
  EXPECT_EQ(set->admin_session_idle, std::chrono::minutes(30));
  EXPECT_EQ(set->admin_session_max, std::chrono::hours(24));
  EXPECT_EQ(set->argon2_memory_kib, 65536u);
  EXPECT_EQ(set->argon2_iterations, 3u);
  EXPECT_EQ(set->argon2_parallelism, 2u);
  EXPECT_NE(app::DescribeConfig(*set).find("COOKIE_SECURE=1"), std::string::npos);

  env_["COOKIE_SECURE"] = "sometimes";
  env_["ARGON2_MEMORY_KIB"] = "8";
  env_["ADMIN_SESSION_IDLE_MINUTES"] = "0";
  auto bad = Load();
  ASSERT_FALSE(bad.ok());
  for (const char* key : {"COOKIE_SECURE", "ARGON2_MEMORY_KIB", "ADMIN_SESSION_IDLE_MINUTES"}) {
    EXPECT_NE(bad.error().message.find(key), std::string::npos) << key << ": " << bad.error().message;
  }
  EXPECT_NE(app::ConfigHelp().find("COOKIE_SECURE"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(ConfigTest, TurnAndSessionLimits) {
  auto defaults = Load();
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(defaults->max_message_bytes, 4000u);
  EXPECT_EQ(defaults->turn_timeout, std::chrono::milliseconds(15000));
  EXPECT_EQ(defaults->session_ttl, std::chrono::minutes(120));
  EXPECT_EQ(defaults->max_sessions, 100'000u);
  EXPECT_EQ(defaults->max_session_bytes, 65536u);

  env_["MAX_MESSAGE_BYTES"] = "2000";
  env_["TURN_TIMEOUT_MS"] = "5000";
  env_["SESSION_TTL_MINUTES"] = "30";
  env_["MAX_SESSIONS"] = "5000";
  env_["MAX_SESSION_BYTES"] = "8192";
  auto set = Load();
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->max_message_bytes, 2000u);
  EXPECT_EQ(set->turn_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(set->session_ttl, std::chrono::minutes(30));
  EXPECT_EQ(set->max_sessions, 5000u);
  EXPECT_EQ(set->max_session_bytes, 8192u);

  env_["MAX_MESSAGE_BYTES"] = "10";
  env_["SESSION_TTL_MINUTES"] = "0";
  env_["MAX_SESSIONS"] = "lots";
  auto bad = Load();
  ASSERT_FALSE(bad.ok());
  for (const char* key : {"MAX_MESSAGE_BYTES", "SESSION_TTL_MINUTES", "MAX_SESSIONS"}) {
    EXPECT_NE(bad.error().message.find(key), std::string::npos) << key << ": " << bad.error().message;
    EXPECT_NE(app::ConfigHelp().find(key), std::string::npos) << key;
  }
}

}  // namespace
