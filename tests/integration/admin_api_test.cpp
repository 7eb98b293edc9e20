// The owner's API end to end against the real binary, on SQLite and on a
// real PostgreSQL 15 (the same cases): sign in, edit the catalog with
// validation, roll back, work leads, see KPIs and exports; the tenant
// isolation matrix; bad input that must change nothing; records that must
// survive a graceful stop and a kill -9.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <thread>

#include "retrieval/tenant_files.h"
#include "support/http_client.h"
#include "support/pg_server.h"
#include "support/server_process.h"
#include "support/wait.h"

namespace {

using nlohmann::json;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::PgServer;
using testing_support::RunAiv7WithInput;
using testing_support::ServerProcess;

constexpr char kPassword[] = "brisket-and-bikes-42";
constexpr char kA[] = "UK_BUTCHER";
constexpr char kB[] = "US_BIKES";

struct SqliteBackend {
  static void SetUpSuite() {}
  static void TearDownSuite() {}
  static std::string Skip() { return {}; }
  static std::map<std::string, std::string> Env(std::string*) { return {}; }
};

struct PostgresBackend {
  static inline std::unique_ptr<PgServer> server;
  static inline std::string start_error;
  static inline int counter = 0;
  static void SetUpSuite() {
    if (PgServer::Available()) server = PgServer::Start(&start_error);
  }
  static void TearDownSuite() { server.reset(); }
  static std::string Skip() {
    return PgServer::Available() ? std::string() : "PostgreSQL 15 not installed; run scripts/install-deps";
  }
  static std::map<std::string, std::string> Env(std::string* error) {
    if (!server) {
      *error = "PostgreSQL test server: " + start_error;
      return {};
    }
    std::string url = server->CreateDatabase("admin" + std::to_string(++counter), error);
    if (url.empty()) return {};
    return {{"DATABASE_URL", url}};
  }
};

// Credentials for one caller: a dashboard session (cookie + CSRF) or a token.
struct Caller {
  std::string cookie;
  std::string csrf;
  std::string bearer;
};

template <class Backend>
class AdminApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Backend::SetUpSuite(); }
  static void TearDownTestSuite() { Backend::TearDownSuite(); }

  void SetUp() override {
    if (auto why = Backend::Skip(); !why.empty()) GTEST_SKIP() << why;
    std::string error;
    auto env = Backend::Env(&error);
    ASSERT_TRUE(error.empty()) << error;
    env["ARGON2_MEMORY_KIB"] = "64";
    env["ARGON2_ITERATIONS"] = "1";
    // Uploads over 1.5 MB are refused here (TenantDataTest covers the default).
    env["MAX_FILE_BODY_BYTES"] = "1500000";
    server_ = std::make_unique<ServerProcess>(env);
    ASSERT_TRUE(server_->Start()) << server_->output();
    AddUser("owner@butcher.test", "owner", kA);
    AddUser("staff@butcher.test", "staff", kA);
    AddUser("owner@bikes.test", "owner", kB);
    AddUser("root@platform.test", "admin", "");
    owner_a_ = SignIn("owner@butcher.test");
    staff_a_ = SignIn("staff@butcher.test");
    owner_b_ = SignIn("owner@bikes.test");
    admin_ = SignIn("root@platform.test");
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void AddUser(const std::string& email, const std::string& role, const std::string& tenant) {
    std::vector<std::string> args = {"user", "add", "--email", email, "--role", role, "--password-stdin"};
    if (!tenant.empty()) {
      args.push_back("--tenant");
      args.push_back(tenant);
    }
    auto r = RunAiv7WithInput(args, server_->env(), std::string(kPassword) + "\n");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }

  Caller SignIn(const std::string& email) {
    HttpReply r = testing_support::Request(server_->port(), "POST", "/admin/api/login",
                                           json{{"email", email}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Caller c;
    for (const auto& set_cookie : r.set_cookies) {
      if (set_cookie.rfind("aiv7_session=", 0) == 0) c.cookie = set_cookie.substr(0, set_cookie.find(';'));
    }
    EXPECT_FALSE(c.cookie.empty()) << "no session cookie";
    if (r.status == 200) c.csrf = r.Json().value("csrf_token", "");
    return c;
  }

  HttpReply Call(const Caller& who, const std::string& method, const std::string& target, const std::string& body = "",
                 Headers extra = {}) {
    Headers headers = std::move(extra);
    if (!who.bearer.empty()) headers.emplace_back("Authorization", "Bearer " + who.bearer);
    if (!who.cookie.empty()) headers.emplace_back("Cookie", who.cookie);
    if (!who.csrf.empty()) headers.emplace_back("X-CSRF-Token", who.csrf);
    bool has_type = false;
    for (const auto& [k, v] : headers) has_type = has_type || k == "Content-Type";
    if (!body.empty() && !has_type) headers.emplace_back("Content-Type", "application/json");
    return testing_support::Request(server_->port(), method, target, body, headers);
  }

  json Chat(const std::string& tenant, const std::string& message, std::string& session) {
    json body = {{"message", message}, {"tenant", tenant}};
    if (!session.empty()) body["session_id"] = session;
    HttpReply r = testing_support::Request(server_->port(), "POST", "/chat_api", body.dump(),
                                           {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << message << ": " << r.body;
    json j = r.Json();
    if (j.contains("session_id")) session = j["session_id"];
    return j;
  }

  static std::string T(const std::string& tenant, const std::string& rest) {
    return "/admin/api/tenants/" + tenant + rest;
  }

  // Records reach the database through the write queue, a few milliseconds
  // after the turn's response: wait for the state, never for a fixed time.
  json WaitForLeads(const Caller& who, const std::string& tenant, int64_t at_least, const std::string& query = "") {
    json page;
    bool reached = testing_support::WaitUntil([&] {
      HttpReply r = Call(who, "GET", T(tenant, "/leads" + query));
      EXPECT_EQ(r.status, 200) << r.body;
      page = r.Json();
      return page.value("total", 0) >= at_least;
    });
    if (!reached) ADD_FAILURE() << "leads never reached " << at_least << ": " << page.dump();
    return page;
  }

  int64_t VersionCount(const std::string& tenant) {
    HttpReply r = Call(admin_, "GET", T(tenant, "/versions"));
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int64_t>(r.Json()["versions"].size());
  }

  std::unique_ptr<ServerProcess> server_;
  Caller owner_a_, staff_a_, owner_b_, admin_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
class BackendNames {
 public:
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
  }
};
TYPED_TEST_SUITE(AdminApiTest, Backends, BackendNames);

TYPED_TEST(AdminApiTest, OwnerEditsTheCatalogWithValidationAndRollsBack) {
  std::string session;
  json before = this->Chat(kA, "how much are lamb chops?", session);
  EXPECT_NE(before["reply"].get<std::string>().find("15.99"), std::string::npos) << before.dump();

  HttpReply patched = this->Call(this->owner_a_, "PATCH", this->T(kA, "/products/LMB-001"),
                                 json{{"price", 17.49}, {"stock", 12}}.dump());
  ASSERT_EQ(patched.status, 201) << patched.body;
  EXPECT_EQ(patched.Json()["author"], "owner@butcher.test");
  const int patched_version = patched.Json()["version"];
  std::string fresh;
  json after = this->Chat(kA, "how much are lamb chops?", fresh);
  EXPECT_NE(after["reply"].get<std::string>().find("17.49"), std::string::npos) << after.dump();

  // A schema-invalid catalog is refused with the file and JSON pointer.
  HttpReply catalog = this->Call(this->owner_a_, "GET", this->T(kA, "/files/catalog.json"));
  ASSERT_EQ(catalog.status, 200);
  json broken = catalog.Json();
  broken["products"][0]["price"] = -3;
  HttpReply refused = this->Call(this->owner_a_, "PUT", this->T(kA, "/files/catalog.json"), broken.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  json error = refused.Json()["error"];
  EXPECT_EQ(error["code"], "schema_invalid");
  ASSERT_FALSE(error["details"].empty());
  EXPECT_EQ(error["details"][0]["file"], "catalog.json");
  EXPECT_EQ(error["details"][0]["pointer"], "/products/0/price");
  EXPECT_EQ(this->VersionCount(kA), patched_version) << "nothing published";

  // Diff, then roll back to the first version.
  HttpReply diff = this->Call(this->owner_a_, "GET",
                              this->T(kA, "/diff?from=1&to=" + std::to_string(patched_version)));
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_EQ(diff.Json()["files"][0]["file"], "catalog.json");
  HttpReply rolled = this->Call(this->owner_a_, "POST", this->T(kA, "/rollback"), json{{"version", 1}}.dump());
  ASSERT_EQ(rolled.status, 201) << rolled.body;
  std::string third;
  json restored = this->Chat(kA, "how much are lamb chops?", third);
  EXPECT_NE(restored["reply"].get<std::string>().find("15.99"), std::string::npos) << restored.dump();

  HttpReply audit = this->Call(this->owner_a_, "GET", this->T(kA, "/audit"));
  ASSERT_EQ(audit.status, 200) << audit.body;
  json entries = audit.Json()["entries"];
  ASSERT_EQ(entries.size(), 2u) << entries.dump();
  EXPECT_EQ(entries[0]["action"], "version.rollback");
  EXPECT_EQ(entries[1]["action"], "product.patch");
  EXPECT_EQ(entries[1]["user"], "owner@butcher.test");
  EXPECT_EQ(entries[1]["detail"]["after"]["price"], 17.49);
}

TYPED_TEST(AdminApiTest, OwnerWorksLeadsTranscriptsKpisAndExports) {
  std::string session;
  this->Chat(kA, "do you have lamb chops?", session);
  this->Chat(kA, "do you sell unicorn steaks?", session);
  this->Chat(kA, "my name is Priya and my number is 07700 900321", session);
  json page = this->WaitForLeads(this->owner_a_, kA, 1, "?q=900321");
  ASSERT_EQ(page["total"], 1) << page.dump();
  json lead = page["leads"][0];
  EXPECT_EQ(lead["phone"], "+447700900321");
  EXPECT_EQ(lead["name"], "Priya");
  const std::string id = std::to_string(lead["id"].get<int64_t>());

  HttpReply transcript = this->Call(this->staff_a_, "GET", this->T(kA, "/leads/" + id + "/transcript"));
  ASSERT_EQ(transcript.status, 200) << transcript.body;
  json messages = transcript.Json()["messages"];
  ASSERT_EQ(messages.size(), 6u) << messages.dump();
  EXPECT_EQ(messages[0]["role"], "user");
  EXPECT_EQ(messages[0]["text"], "do you have lamb chops?");
  EXPECT_EQ(messages[1]["role"], "bot");
  EXPECT_FALSE(messages[1]["intent"].get<std::string>().empty());
  EXPECT_FALSE(messages[1]["facts"].empty()) << "the answer's grounding facts";

  HttpReply updated = this->Call(this->staff_a_, "PATCH", this->T(kA, "/leads/" + id),
                                 json{{"status", "won"}, {"tags", {"vip"}}, {"notes", "called back"}}.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["status"], "won");
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?status=won")).Json()["total"], 1);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?status=lost")).Json()["total"], 0);

  HttpReply kpis = this->Call(this->owner_a_, "GET", "/analytics/api/tenants/" + std::string(kA) + "/kpis");
  ASSERT_EQ(kpis.status, 200) << kpis.body;
  json k = kpis.Json();
  EXPECT_EQ(k["conversations"], 1);
  EXPECT_EQ(k["turns"], 3);
  EXPECT_EQ(k["leads"], 1);
  EXPECT_GE(k["top_intents"].size(), 2u);
  EXPECT_GE(k["latency_p95_us"].get<int64_t>(), k["latency_p50_us"].get<int64_t>());

  HttpReply csv = this->Call(this->owner_a_, "GET", "/analytics/export.csv?kind=events");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_NE(csv.body.find("unicorn"), std::string::npos) << csv.body;
  HttpReply leads_csv = this->Call(this->owner_a_, "GET", "/analytics/export.csv?kind=leads");
  ASSERT_EQ(leads_csv.status, 200);
  EXPECT_NE(leads_csv.body.find("Priya"), std::string::npos) << leads_csv.body;
  HttpReply conversations = this->Call(this->owner_a_, "GET", "/analytics/export.csv?kind=conversations");
  ASSERT_EQ(conversations.status, 200);
  EXPECT_NE(conversations.body.find(session), std::string::npos) << conversations.body;

  // Priya comes back anonymously and gives her number again: one lead, and
  // its transcript holds both conversations.
  std::string later;
  this->Chat(kA, "do you have beef mince?", later);
  this->Chat(kA, "it's me again, 07700 900321", later);
  json all;
  testing_support::WaitUntil([&] {
    all = this->Call(this->owner_a_, "GET", this->T(kA, "/leads/" + id + "/transcript")).Json()["messages"];
    return all.size() >= 10;
  });
  ASSERT_EQ(all.size(), 10u) << all.dump();
  EXPECT_EQ(all[0]["text"], "do you have lamb chops?");
  EXPECT_EQ(all[6]["text"], "do you have beef mince?");
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?q=900321")).Json()["total"], 1);
}

TYPED_TEST(AdminApiTest, HandoffPausesTheBotUntilStaffReleaseIt) {
  std::string session;
  this->Chat(kA, "my email is sam@example.test, can I talk to a real person please", session);
  json held = this->Chat(kA, "how much are lamb chops?", session);
  EXPECT_EQ(held["intent"], "human_handoff") << held.dump();
  json page = this->WaitForLeads(this->staff_a_, kA, 1, "?q=sam%40example.test");
  ASSERT_EQ(page["total"], 1);
  EXPECT_EQ(page["leads"][0]["handoff"], true);
  const std::string id = std::to_string(page["leads"][0]["id"].get<int64_t>());
  HttpReply released =
      this->Call(this->staff_a_, "PATCH", this->T(kA, "/leads/" + id), json{{"handoff", false}}.dump());
  ASSERT_EQ(released.status, 200) << released.body;
  json answered = this->Chat(kA, "how much are lamb chops?", session);
  EXPECT_NE(answered["intent"], "human_handoff") << answered.dump();
  EXPECT_NE(answered["reply"].get<std::string>().find("15.99"), std::string::npos) << answered.dump();
}

TYPED_TEST(AdminApiTest, OwnerWalksTokensFilesExportsAndSelfRepair) {
  // Who am I, and API tokens: create, list, use, revoke.
  HttpReply me = this->Call(this->owner_a_, "GET", "/admin/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["tenant"], kA);
  HttpReply created = this->Call(this->owner_a_, "POST", "/admin/api/tokens", R"({"name": "sheets sync"})");
  ASSERT_EQ(created.status, 201) << created.body;
  Caller robot{.cookie = "", .csrf = "", .bearer = created.Json()["token"]};
  const std::string token_id = std::to_string(created.Json()["id"].get<int64_t>());
  json tokens = this->Call(this->owner_a_, "GET", "/admin/api/tokens").Json()["tokens"];
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0]["name"], "sheets sync");
  EXPECT_FALSE(tokens[0].contains("token")) << "the secret is shown once only";
  EXPECT_EQ(this->Call(robot, "GET", this->T(kA, "/files")).status, 200);
  HttpReply files = this->Call(robot, "GET", this->T(kA, "/files"));
  EXPECT_EQ(files.Json()["files"].size(), retrieval::kTenantFiles.size()) << files.body;
  ASSERT_EQ(this->Call(this->owner_a_, "DELETE", "/admin/api/tokens/" + token_id).status, 200);
  EXPECT_EQ(this->Call(robot, "GET", this->T(kA, "/files")).status, 401) << "a revoked token is dead";

  // The tenant-path CSV export and a dated range.
  std::string session;
  this->Chat(kA, "my email is export@butcher.test", session);
  this->WaitForLeads(this->owner_a_, kA, 1);
  std::time_t yesterday = std::time(nullptr) - 24 * 3600;
  char from[16];
  std::strftime(from, sizeof from, "%Y-%m-%d", std::gmtime(&yesterday));
  HttpReply csv = this->Call(this->owner_a_, "GET",
                             "/analytics/api/tenants/UK_BUTCHER/export.csv?kind=conversations&from=" + std::string(from));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find(session), std::string::npos);
  HttpReply old_range = this->Call(this->owner_a_, "GET",
                                   "/analytics/api/tenants/UK_BUTCHER/kpis?from=2020-01-01&to=2020-01-31");
  ASSERT_EQ(old_range.status, 200) << old_range.body;
  EXPECT_EQ(old_range.Json()["turns"], 0);

  // Self-repair: an empty category is reported with a suggestion that is
  // previewed (nothing written), then applied as a new version.
  json catalog = this->Call(this->owner_a_, "GET", this->T(kA, "/files/catalog.json")).Json();
  catalog["categories"].push_back({{"id", "game"}, {"name", "Game"}});
  HttpReply put = this->Call(this->owner_a_, "PUT", this->T(kA, "/files/catalog.json"), catalog.dump());
  ASSERT_EQ(put.status, 201) << put.body;
  const int64_t versions = this->VersionCount(kA);
  HttpReply report = this->Call(this->owner_a_, "GET", this->T(kA, "/repair"));
  ASSERT_EQ(report.status, 200) << report.body;
  std::string id;
  const json findings = report.Json()["findings"];
  for (const auto& f : findings) {
    if (f["kind"] == "empty_category" && f.contains("suggestion")) id = f["id"];
  }
  ASSERT_FALSE(id.empty()) << report.body;
  HttpReply preview = this->Call(this->owner_a_, "GET", this->T(kA, "/repair/" + id + "/preview"));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.Json()["before"].get<std::string>().find("\"game\""), std::string::npos);
  EXPECT_EQ(preview.Json()["after"].get<std::string>().find("\"game\""), std::string::npos);
  EXPECT_EQ(this->VersionCount(kA), versions) << "a preview writes nothing";
  EXPECT_EQ(this->Call(this->staff_a_, "POST", this->T(kA, "/repair/" + id + "/apply"), "{}").status, 403);
  HttpReply applied = this->Call(this->owner_a_, "POST", this->T(kA, "/repair/" + id + "/apply"), "{}");
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(this->VersionCount(kA), versions + 1);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/files/catalog.json")).body.find("\"game\""),
            std::string::npos);
  EXPECT_EQ(this->Call(this->owner_a_, "POST", this->T(kA, "/repair/" + id + "/apply"), "{}").status, 409)
      << "applied once; the finding is gone";
}

TYPED_TEST(AdminApiTest, TenantIsolationMatrix) {
  // Data of B that A must never read or change.
  std::string b_session;
  this->Chat(kB, "my email is rider@bikes.test", b_session);
  json b_page = this->WaitForLeads(this->owner_b_, kB, 1);
  const std::string b_lead = std::to_string(b_page["leads"][0]["id"].get<int64_t>());
  std::string a_session;
  this->Chat(kA, "my email is cook@butcher.test", a_session);
  json a_page = this->WaitForLeads(this->owner_a_, kA, 1);
  const std::string a_lead = std::to_string(a_page["leads"][0]["id"].get<int64_t>());
  const int64_t b_versions = this->VersionCount(kB);
  std::string b_catalog = this->Call(this->owner_b_, "GET", this->T(kB, "/files/catalog.json")).body;

  struct Endpoint {
    std::string method;
    std::string path;  // "{T}" is the tenant, "{LEAD}" a lead id of that tenant
    std::string body;
  };
  const std::vector<Endpoint> endpoints = {
      {"GET", "/admin/api/tenants/{T}/files", ""},
      {"GET", "/admin/api/tenants/{T}/files/catalog.json", ""},
      {"PUT", "/admin/api/tenants/{T}/files/catalog.json", b_catalog},
      {"PATCH", "/admin/api/tenants/{T}/products/ANY-1", R"({"stock": 0})"},
      {"GET", "/admin/api/tenants/{T}/versions", ""},
      {"GET", "/admin/api/tenants/{T}/diff?from=1&to=1", ""},
      {"POST", "/admin/api/tenants/{T}/rollback", R"({"version": 1})"},
      {"GET", "/admin/api/tenants/{T}/audit", ""},
      {"GET", "/admin/api/tenants/{T}/leads", ""},
      {"GET", "/admin/api/tenants/{T}/leads/{LEAD}", ""},
      {"PATCH", "/admin/api/tenants/{T}/leads/{LEAD}", R"({"status": "lost"})"},
      {"GET", "/admin/api/tenants/{T}/leads/{LEAD}/transcript", ""},
      {"GET", "/admin/api/tenants/{T}/repair", ""},
      {"GET", "/admin/api/tenants/{T}/repair/abc/preview", ""},
      {"POST", "/admin/api/tenants/{T}/repair/abc/apply", "{}"},
      {"GET", "/analytics/api/tenants/{T}/kpis", ""},
      {"GET", "/analytics/api/tenants/{T}/export.csv?kind=events", ""},
      {"GET", "/analytics/export.csv?kind=leads&tenant={T}", ""},
  };
  auto fill = [](std::string s, const std::string& tenant, const std::string& lead) {
    for (auto [from, to] : {std::pair<std::string, std::string>{"{T}", tenant}, {"{LEAD}", lead}}) {
      for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
    }
    return s;
  };
  HttpReply token = this->Call(this->owner_a_, "POST", "/admin/api/tokens", R"({"name": "matrix"})");
  ASSERT_EQ(token.status, 201) << token.body;
  Caller a_token{.cookie = "", .csrf = "", .bearer = token.Json()["token"]};
  Caller nobody;

  for (const auto& e : endpoints) {
    SCOPED_TRACE(e.method + " " + e.path);
    // Owner of A, by cookie and by token, on B, on a lower-case spelling of
    // B and on a tenant that does not exist: the same 403.
    for (const Caller* who : {&this->owner_a_, &a_token}) {
      HttpReply on_b = this->Call(*who, e.method, fill(e.path, kB, b_lead), e.body);
      HttpReply on_ghost = this->Call(*who, e.method, fill(e.path, "NO_SUCH_SHOP", b_lead), e.body);
      HttpReply on_lower = this->Call(*who, e.method, fill(e.path, "us_bikes", b_lead), e.body);
      EXPECT_EQ(on_b.status, 403) << on_b.body;
      EXPECT_EQ(on_ghost.status, 403) << on_ghost.body;
      EXPECT_EQ(on_lower.status, 403) << on_lower.body;
      EXPECT_EQ(on_b.Json()["error"]["message"], on_ghost.Json()["error"]["message"]) << "no probing of tenants";
    }
    // No credentials at all: 401 everywhere.
    EXPECT_EQ(this->Call(nobody, e.method, fill(e.path, kA, a_lead), e.body).status, 401);
  }
  // B's lead id under A's own path is simply not found.
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads/" + b_lead)).status, 404);
  EXPECT_EQ(this->Call(this->owner_a_, "PATCH", this->T(kA, "/leads/" + b_lead), R"({"status":"lost"})").status, 404);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads/" + b_lead + "/transcript")).status, 404);
  // A query parameter cannot widen the scope of A's own routes.
  json own = this->Call(this->owner_a_, "GET", this->T(kA, "/leads?tenant=US_BIKES")).Json();
  EXPECT_EQ(own["total"], 1);
  EXPECT_EQ(own["leads"][0]["email"], "cook@butcher.test");

  // Staff: leads and analytics yes, data files and tokens no.
  EXPECT_EQ(this->Call(this->staff_a_, "GET", this->T(kA, "/leads/" + a_lead)).status, 200);
  EXPECT_EQ(this->Call(this->staff_a_, "GET", "/analytics/api/tenants/UK_BUTCHER/kpis").status, 200);
  EXPECT_EQ(this->Call(this->staff_a_, "PATCH", this->T(kA, "/products/LMB-001"), R"({"stock": 1})").status, 403);
  EXPECT_EQ(this->Call(this->staff_a_, "POST", this->T(kA, "/rollback"), R"({"version": 1})").status, 403);
  EXPECT_EQ(this->Call(this->staff_a_, "POST", "/admin/api/tokens", R"({"name": "x"})").status, 403);
  // The platform admin reaches both.
  EXPECT_EQ(this->Call(this->admin_, "GET", this->T(kB, "/leads/" + b_lead)).status, 200);
  EXPECT_EQ(this->Call(this->admin_, "GET", this->T(kA, "/leads/" + a_lead)).status, 200);

  // Nothing of B changed.
  EXPECT_EQ(this->VersionCount(kB), b_versions);
  EXPECT_EQ(this->Call(this->owner_b_, "GET", this->T(kB, "/files/catalog.json")).body, b_catalog);
  json b_lead_now = this->Call(this->owner_b_, "GET", this->T(kB, "/leads/" + b_lead)).Json();
  EXPECT_EQ(b_lead_now["status"], "new");
  EXPECT_TRUE(this->Call(this->owner_b_, "GET", this->T(kB, "/audit")).Json()["entries"].empty());
}

TYPED_TEST(AdminApiTest, BadInputIsRejectedClearlyAndChangesNothing) {
  const int64_t versions = this->VersionCount(kA);
  const std::string catalog_path = this->T(kA, "/files/catalog.json");
  std::string catalog = this->Call(this->owner_a_, "GET", catalog_path).body;

  HttpReply not_json = this->Call(this->owner_a_, "PUT", catalog_path, "{\"products\": [");
  EXPECT_EQ(not_json.status, 400) << not_json.body;
  EXPECT_EQ(not_json.Json()["error"]["code"], "invalid_json");
  HttpReply wrong_type = this->Call(this->owner_a_, "PUT", catalog_path, catalog, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 400) << wrong_type.body;
  HttpReply unknown_file = this->Call(this->owner_a_, "PUT", this->T(kA, "/files/passwd"), "{}");
  EXPECT_EQ(unknown_file.status, 404) << unknown_file.body;
  HttpReply traversal = this->Call(this->owner_a_, "GET", this->T(kA, "/files/..%2F..%2Fetc%2Fpasswd"));
  EXPECT_EQ(traversal.status, 404) << traversal.body;
  std::string huge = "{\"categories\": [], \"products\": [], \"pad\": \"" + std::string(2 << 20, 'x') + "\"}";
  HttpReply oversized = this->Call(this->owner_a_, "PUT", catalog_path, huge);
  EXPECT_EQ(oversized.status, 413) << oversized.body.substr(0, 200);
  EXPECT_NE(oversized.Json()["error"]["message"].get<std::string>().find("1500000"), std::string::npos)
      << "the data-file limit, not the general one: " << oversized.body;
  HttpReply bad_patch = this->Call(this->owner_a_, "PATCH", this->T(kA, "/products/LMB-001"), R"({"price": "free"})");
  EXPECT_EQ(bad_patch.status, 400) << bad_patch.body;
  HttpReply bad_field = this->Call(this->owner_a_, "PATCH", this->T(kA, "/products/LMB-001"), R"({"name": "x"})");
  EXPECT_EQ(bad_field.status, 400) << bad_field.body;
  HttpReply no_sku = this->Call(this->owner_a_, "PATCH", this->T(kA, "/products/NOPE-404"), R"({"stock": 3})");
  EXPECT_EQ(no_sku.status, 404) << no_sku.body;
  EXPECT_EQ(this->Call(this->owner_a_, "POST", this->T(kA, "/rollback"), R"({"version": "1"})").status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "POST", this->T(kA, "/rollback"), R"({"version": 99})").status, 404);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/diff?from=1")).status, 400);

  // Injection-like strings are data, never SQL.
  std::string session;
  this->Chat(kA, "my email is robert@tables.test", session);
  this->WaitForLeads(this->owner_a_, kA, 1);
  HttpReply injected = this->Call(this->owner_a_, "GET",
                                  this->T(kA, "/leads?q=%27%20OR%201%3D1%3B%20DROP%20TABLE%20leads%3B%20--"));
  ASSERT_EQ(injected.status, 200) << injected.body;
  EXPECT_EQ(injected.Json()["total"], 0);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?sort=name%3B%20DROP%20TABLE%20leads")).status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?status=new%27%20OR%20%271%27%3D%271")).status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?limit=-1")).status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads?offset=abc")).status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", "/analytics/export.csv?kind=passwords").status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", "/analytics/api/tenants/UK_BUTCHER/kpis?from=yesterday").status, 400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", "/analytics/api/tenants/UK_BUTCHER/kpis?from=2026-12-01&to=2026-11-01")
                .status,
            400);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", this->T(kA, "/leads")).Json()["total"], 1) << "leads intact";

  // Forged, stale and CSRF-less credentials.
  json lead = this->Call(this->owner_a_, "GET", this->T(kA, "/leads")).Json()["leads"][0];
  const std::string lead_path = this->T(kA, "/leads/" + std::to_string(lead["id"].get<int64_t>()));
  Caller forged = this->owner_a_;
  forged.cookie.back() = forged.cookie.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(this->Call(forged, "GET", lead_path).status, 401);
  EXPECT_EQ(this->Call(Caller{.cookie = "", .csrf = "", .bearer = "aiv7_forged"}, "GET", lead_path).status, 401);
  Caller no_csrf = this->owner_a_;
  no_csrf.csrf.clear();
  HttpReply csrf_missing = this->Call(no_csrf, "PATCH", lead_path, R"({"status": "lost"})");
  EXPECT_EQ(csrf_missing.status, 403) << csrf_missing.body;
  Caller wrong_csrf = this->owner_a_;
  wrong_csrf.csrf = this->staff_a_.csrf;
  EXPECT_EQ(this->Call(wrong_csrf, "PUT", catalog_path, catalog).status, 403);
  Caller signed_out = this->SignIn("owner@butcher.test");
  ASSERT_EQ(this->Call(signed_out, "POST", "/admin/api/logout", "{}").status, 200);
  EXPECT_EQ(this->Call(signed_out, "GET", lead_path).status, 401) << "a signed-out session is dead";

  EXPECT_EQ(this->Call(this->owner_a_, "GET", lead_path).Json()["status"], "new");
  EXPECT_EQ(this->VersionCount(kA), versions);
  EXPECT_EQ(this->Call(this->owner_a_, "GET", catalog_path).body, catalog);
  EXPECT_TRUE(this->Call(this->owner_a_, "GET", this->T(kA, "/audit")).Json()["entries"].empty());
}

TYPED_TEST(AdminApiTest, RecordsSurviveAGracefulStopAndAKill) {
  constexpr int kTurns = 12;
  std::vector<std::string> sessions(kTurns);
  for (int i = 0; i < kTurns; ++i) {
    this->Chat(kA, "my email is shopper" + std::to_string(i) + "@graceful.test", sessions[i]);
  }
  // Straight after the responses: SIGTERM drains what was accepted.
  ASSERT_EQ(this->server_->Stop(), 0) << this->server_->output();
  ASSERT_TRUE(this->server_->Start()) << this->server_->output();
  this->owner_a_ = this->SignIn("owner@butcher.test");
  json page = this->Call(this->owner_a_, "GET", this->T(kA, "/leads?q=graceful.test&limit=100")).Json();
  EXPECT_EQ(page["total"], kTurns) << page.dump();

  // kill -9 right after the responses: the journal is replayed at start-up.
  for (int i = 0; i < kTurns; ++i) {
    std::string s;
    this->Chat(kA, "my email is shopper" + std::to_string(i) + "@killed.test", s);
  }
  this->server_->Kill();
  ASSERT_TRUE(this->server_->Start()) << this->server_->output();
  this->owner_a_ = this->SignIn("owner@butcher.test");
  page = this->Call(this->owner_a_, "GET", this->T(kA, "/leads?q=killed.test&limit=100")).Json();
  EXPECT_EQ(page["total"], kTurns) << page.dump();
  HttpReply kpis = this->Call(this->owner_a_, "GET", "/analytics/api/tenants/UK_BUTCHER/kpis");
  EXPECT_EQ(kpis.Json()["turns"], 2 * kTurns) << "every turn exactly once";
}

}  // namespace

namespace {

TEST(OpenApiServedTest, TheApiDescriptionIsServedAsJson) {
  testing_support::ServerProcess server;
  ASSERT_TRUE(server.Start()) << server.output();
  testing_support::HttpReply r = testing_support::Request(server.port(), "GET", "/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u);
  nlohmann::json spec = r.Json();
  EXPECT_EQ(spec["openapi"], "3.0.3");
  EXPECT_TRUE(spec["paths"].contains("/admin/api/tenants/{tenant}/leads"));
}

}  // namespace
