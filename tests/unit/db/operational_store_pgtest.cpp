// The same cases against SQLite (temp file) and PostgreSQL 15 (a server the
// suite starts on 127.0.0.1 and stops afterwards).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>

#include "db/postgres/postgres_database.h"
#include "db/sql/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using db::Time;
using testing_support::PgServer;
using testing_support::TempDir;

const Time kT0 = Time(std::chrono::milliseconds(1'790'000'000'000));

db::EventQuery AllEvents(const std::string& tenant) {
  db::EventQuery q;
  q.tenant = tenant;
  return q;
}

std::vector<int> AllVersions() {
  std::vector<int> versions;
  for (const auto& m : db::sql::AllMigrations()) versions.push_back(m.version);
  return versions;
}

db::LeadQuery Leads(const std::string& tenant, const std::string& search = "") {
  db::LeadQuery q;
  q.tenant = tenant;
  q.search = search;
  return q;
}

struct SqliteBackend {
  static constexpr const char* kName = "Sqlite";
  static void SetUpSuite() {}
  static void TearDownSuite() {}
  std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
  std::string Skip() { return {}; }
  core::Result<std::unique_ptr<db::SqlDatabase>> Open() {
    auto d = db::SqliteDatabase::Open(dir->path() / "ops.db");
    if (!d.ok()) return d.error();
    return std::unique_ptr<db::SqlDatabase>(std::move(d).value());
  }
};

struct PostgresBackend {
  static constexpr const char* kName = "Postgres";
  static inline std::unique_ptr<PgServer> server;
  static inline std::string start_error;
  static inline std::atomic<int> counter{0};
  static void SetUpSuite() {
    if (!PgServer::Available()) return;
    server = PgServer::Start(&start_error);
  }
  static void TearDownSuite() { server.reset(); }
  std::string url;
  std::string Skip() {
    if (!PgServer::Available()) {
      return "PostgreSQL 15 binaries not installed (" + PgServer::BinDir() + "); run scripts/install-deps";
    }
    return {};
  }
  core::Result<std::unique_ptr<db::SqlDatabase>> Open() {
    if (!server) return core::MakeError(core::ErrorCode::kUnavailable, "PostgreSQL test server: " + start_error);
    if (url.empty()) {
      std::string error;
      url = server->CreateDatabase("t" + std::to_string(++counter), &error);
      if (url.empty()) return core::MakeError(core::ErrorCode::kUnavailable, error);
    }
    auto d = db::PostgresDatabase::Open(url);
    if (!d.ok()) return d.error();
    return std::unique_ptr<db::SqlDatabase>(std::move(d).value());
  }
};

template <class Backend>
class DbOperationalStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Backend::SetUpSuite(); }
  static void TearDownTestSuite() { Backend::TearDownSuite(); }

  void SetUp() override {
    if (std::string why = backend_.Skip(); !why.empty()) GTEST_SKIP() << why;
    auto opened = backend_.Open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  db::Event Turn(const std::string& tenant, const std::string& session, Time at, const std::string& channel = "web") {
    db::Event e;
    e.tenant = tenant;
    e.session = session;
    e.channel = channel;
    e.kind = "turn";
    e.at = at;
    e.intent = "product_search";
    e.confidence = 0.75;
    e.resolved = true;
    e.items = 3;
    e.cart_value_minor = 1250;
    e.currency = "GBP";
    e.latency_us = 900;
    e.query = "lamb chops";
    e.payload = R"({"k":1})";
    return e;
  }

  db::LeadUpsert Seen(const std::string& tenant, const std::string& session, Time at) {
    db::LeadUpsert u;
    u.tenant = tenant;
    u.session = session;
    u.channel = "web";
    u.at = at;
    return u;
  }

  Backend backend_;
  std::unique_ptr<db::SqlDatabase> db_;
};

struct BackendNames {
  template <class T>
  static std::string GetName(int) {
    return T::kName;
  }
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(DbOperationalStoreTest, Backends, BackendNames);

TYPED_TEST(DbOperationalStoreTest, PingsAndNamesItsKind) {
  EXPECT_TRUE(this->db_->Ping().ok());
  EXPECT_EQ(this->db_->Kind(), std::string(TypeParam::kName) == "Sqlite" ? "sqlite" : "postgres");
}

TYPED_TEST(DbOperationalStoreTest, MigrationsAreRecordedAndIdempotent) {
  auto applied = this->db_->AppliedMigrationsForTest();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, AllVersions());
  ASSERT_TRUE(this->db_->AppendEvents({this->Turn("a", "s1", kT0)}).ok());
  ASSERT_TRUE(this->db_->MigrateForTest().ok());
  // Reopening runs the migrations again: nothing changes, nothing is lost.
  this->db_.reset();
  auto reopened = this->backend_.Open();
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  this->db_ = std::move(reopened).value();
  EXPECT_EQ(*this->db_->AppliedMigrationsForTest(), AllVersions());
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 1u);
}

TYPED_TEST(DbOperationalStoreTest, EventsRoundTripAndFilterByRangeAndChannel) {
  std::vector<db::Event> batch = {this->Turn("a", "s1", kT0), this->Turn("a", "s1", kT0 + 1h, "whatsapp"),
                                  this->Turn("a", "s2", kT0 + 2h), this->Turn("b", "s9", kT0 + 1h)};
  batch[1].fallback = true;
  batch[1].zero_result = true;
  batch[1].clarifier = true;
  ASSERT_TRUE(this->db_->AppendEvents(batch).ok());

  auto all = this->db_->QueryEvents(AllEvents("a"));
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  const db::Event& e = (*all)[0];
  EXPECT_GT(e.id, 0);
  EXPECT_EQ(e.tenant, "a");
  EXPECT_EQ(e.session, "s1");
  EXPECT_EQ(e.kind, "turn");
  EXPECT_EQ(e.at, kT0);
  EXPECT_DOUBLE_EQ(e.confidence, 0.75);
  EXPECT_TRUE(e.resolved);
  EXPECT_FALSE(e.fallback);
  EXPECT_EQ(e.items, 3);
  EXPECT_EQ(e.cart_value_minor, 1250);
  EXPECT_EQ(e.currency, "GBP");
  EXPECT_EQ(e.latency_us, 900);
  EXPECT_EQ(e.query, "lamb chops");
  EXPECT_EQ(e.payload, R"({"k":1})");
  EXPECT_TRUE((*all)[1].fallback && (*all)[1].zero_result && (*all)[1].clarifier);

  auto range = this->db_->QueryEvents({"a", kT0 + 1h, kT0 + 2h, ""});
  ASSERT_EQ(range->size(), 1u);  // [from, to)
  EXPECT_EQ((*range)[0].channel, "whatsapp");
  auto web = this->db_->QueryEvents({"a", kT0, Time::max(), "web"});
  ASSERT_EQ(web->size(), 2u);
  EXPECT_EQ(this->db_->QueryEvents({"a", kT0, Time::max(), "sms"})->size(), 0u);
}

TYPED_TEST(DbOperationalStoreTest, BatchIsAllOrNothing) {
  ASSERT_TRUE(this->db_->AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0}).ok());
  auto dup = this->db_->AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(this->db_->QueryOrders("a", kT0, Time::max())->size(), 1u);
}

TYPED_TEST(DbOperationalStoreTest, LeadUpsertMergesAnonymousSessionWhenPhoneAppears) {
  auto anon = this->db_->UpsertLead(this->Seen("a", "s1", kT0));
  ASSERT_TRUE(anon.ok()) << anon.error().message;
  EXPECT_EQ(anon->status, "new");
  EXPECT_EQ(anon->created_at, kT0);

  auto tagged = this->Seen("a", "s1", kT0 + 1min);
  tagged.tags = {"lamb"};
  tagged.value_estimate_minor = 2500;
  tagged.currency = "GBP";
  auto same = this->db_->UpsertLead(tagged);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->id, anon->id);

  // Same session later reveals the phone: still one lead, now with a phone.
  auto phone = this->Seen("a", "s1", kT0 + 2min);
  phone.phone = "+447700900123";
  phone.name = "Sam";
  auto known = this->db_->UpsertLead(phone);
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(known->id, anon->id);
  EXPECT_EQ(known->phone, "+447700900123");
  EXPECT_EQ(known->tags, std::vector<std::string>{"lamb"});
  EXPECT_EQ(known->value_estimate_minor, 2500);

  // A new anonymous session whose shopper then gives the same phone folds
  // into the known lead.
  auto s2 = this->Seen("a", "s2", kT0 + 1h);
  s2.tags = {"beef"};
  auto anon2 = this->db_->UpsertLead(s2);
  ASSERT_TRUE(anon2.ok());
  EXPECT_NE(anon2->id, anon->id);
  auto s2_phone = this->Seen("a", "s2", kT0 + 2h);
  s2_phone.phone = "+447700900123";
  s2_phone.email = "sam@example.com";
  auto merged = this->db_->UpsertLead(s2_phone);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->id, anon->id);
  EXPECT_EQ(merged->session, "s2");
  EXPECT_EQ(merged->email, "sam@example.com");
  EXPECT_EQ(merged->tags, (std::vector<std::string>{"lamb", "beef"}));
  EXPECT_EQ(merged->created_at, kT0);
  EXPECT_EQ(merged->last_seen, kT0 + 2h);
  EXPECT_EQ(this->db_->GetLead("a", anon2->id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->db_->ListLeads(Leads("a"))->total, 1);

  // Found again by email alone.
  auto by_email = this->Seen("a", "s3", kT0 + 3h);
  by_email.email = "sam@example.com";
  EXPECT_EQ(this->db_->UpsertLead(by_email)->id, anon->id);
}

TYPED_TEST(DbOperationalStoreTest, ListLeadsSearchesFiltersSortsAndPages) {
  const char* names[] = {"Alice Smith", "Bob Jones", "Carol Smith", "Dan Brown", "Eve 50% Off"};
  for (int i = 0; i < 5; ++i) {
    auto u = this->Seen("a", "s" + std::to_string(i), kT0 + std::chrono::minutes(i));
    u.name = names[i];
    u.phone = "+4470000000" + std::to_string(i);
    u.channel = i % 2 ? "whatsapp" : "web";
    u.value_estimate_minor = 100 * i;
    ASSERT_TRUE(this->db_->UpsertLead(u).ok());
  }
  auto first = this->db_->ListLeads(Leads("a"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->total, 5);
  EXPECT_EQ(first->leads.front().name, "Eve 50% Off");  // last seen first

  auto smith = this->db_->ListLeads(Leads("a", "SMITH"));
  EXPECT_EQ(smith->total, 2);
  EXPECT_EQ(this->db_->ListLeads(Leads("a", "50%"))->total, 1);
  EXPECT_EQ(this->db_->ListLeads(Leads("a", "5_%"))->total, 0);  // wildcards are literal
  EXPECT_EQ(this->db_->ListLeads(Leads("a", "+44700000003"))->leads.at(0).name, "Dan Brown");

  db::LeadQuery whatsapp = Leads("a");
  whatsapp.channel = "whatsapp";
  EXPECT_EQ(this->db_->ListLeads(whatsapp)->total, 2);

  auto bob = this->db_->ListLeads(Leads("a", "bob"))->leads.at(0);
  db::LeadPatch won;
  won.status = "won";
  ASSERT_TRUE(this->db_->UpdateLead("a", bob.id, won).ok());
  db::LeadQuery won_q = Leads("a");
  won_q.status = "won";
  EXPECT_EQ(this->db_->ListLeads(won_q)->leads.at(0).id, bob.id);

  db::LeadQuery by_name = Leads("a");
  by_name.sort = db::LeadSort::kNameAsc;
  by_name.limit = 2;
  by_name.offset = 2;
  auto page = this->db_->ListLeads(by_name);
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->leads.size(), 2u);
  EXPECT_EQ(page->leads[0].name, "Carol Smith");
  EXPECT_EQ(page->leads[1].name, "Dan Brown");

  db::LeadQuery by_value = Leads("a");
  by_value.sort = db::LeadSort::kValueDesc;
  by_value.limit = 1;
  EXPECT_EQ(this->db_->ListLeads(by_value)->leads.at(0).value_estimate_minor, 400);
  EXPECT_EQ(db::ParseLeadSort("name_asc"), db::LeadSort::kNameAsc);
  EXPECT_FALSE(db::ParseLeadSort("name; DROP TABLE leads").has_value());
}

TYPED_TEST(DbOperationalStoreTest, UpdateLeadChangesStatusTagsNotesAndValidates) {
  auto lead = this->db_->UpsertLead(this->Seen("a", "s1", kT0));
  db::LeadPatch patch;
  patch.status = "active";
  patch.tags = std::vector<std::string>{"vip", "vip", "wholesale"};
  patch.notes = "call after 5";
  patch.handoff = true;
  auto updated = this->db_->UpdateLead("a", lead->id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->status, "active");
  EXPECT_EQ(updated->tags, (std::vector<std::string>{"vip", "wholesale"}));
  EXPECT_EQ(updated->notes, "call after 5");
  EXPECT_TRUE(this->db_->GetLead("a", lead->id)->handoff);

  db::LeadPatch bad;
  bad.status = "deleted";
  EXPECT_EQ(this->db_->UpdateLead("a", lead->id, bad).error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->db_->UpdateLead("a", lead->id + 1000, patch).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(DbOperationalStoreTest, InjectionLikeSearchAndFilterValuesAreData) {
  auto u = this->Seen("a", "s1", kT0);
  u.name = "Robert'); DROP TABLE leads;--";
  ASSERT_TRUE(this->db_->UpsertLead(u).ok());
  ASSERT_TRUE(this->db_->UpsertLead(this->Seen("a", "s2", kT0)).ok());
  ASSERT_TRUE(this->db_->UpsertLead(this->Seen("b", "s3", kT0)).ok());

  for (const std::string evil : {"' OR '1'='1", "x' OR 1=1 --", "'; DROP TABLE leads; --", "\\", "%' --",
                                 "a\") UNION SELECT * FROM users --", "$1", "?"}) {
    db::LeadQuery search = Leads("a", evil);
    auto r = this->db_->ListLeads(search);
    ASSERT_TRUE(r.ok()) << evil << ": " << r.error().message;
    EXPECT_EQ(r->total, 0) << evil;
    db::LeadQuery filter = Leads("a");
    filter.status = evil;
    filter.channel = evil;
    auto f = this->db_->ListLeads(filter);
    ASSERT_TRUE(f.ok()) << evil << ": " << f.error().message;
    EXPECT_EQ(f->total, 0) << evil;
    EXPECT_EQ(this->db_->QueryEvents({"a", kT0, Time::max(), evil})->size(), 0u);
    EXPECT_EQ(this->db_->Transcript("a", evil)->size(), 0u);
    EXPECT_EQ(this->db_->FindUserByEmail(evil).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(this->db_->FindToken(evil).error().code, core::ErrorCode::kNotFound);
  }
  // The stored name is data too, and every table is still there.
  auto robert = this->db_->ListLeads(Leads("a", "DROP TABLE"));
  ASSERT_EQ(robert->total, 1);
  EXPECT_EQ(robert->leads[0].name, "Robert'); DROP TABLE leads;--");
  EXPECT_EQ(this->db_->ListLeads(Leads("a"))->total, 2);
  EXPECT_TRUE(this->db_->QueryEvents(AllEvents("a")).ok());
  EXPECT_TRUE(this->db_->ListAudit("a", 10).ok());
}

TYPED_TEST(DbOperationalStoreTest, TranscriptKeepsTurnsInOrder) {
  std::vector<db::Message> batch = {
      {0, "a", "s1", kT0, "user", "do you have lamb?", "", 0, "[]"},
      {0, "a", "s1", kT0 + 1s, "bot", "Yes: lamb chops £8.50/kg", "product_search", 0.9, R"([{"sku":"L1"}])"},
      {0, "a", "s2", kT0, "user", "other session", "", 0, "[]"},
      {0, "b", "s1", kT0, "user", "other tenant", "", 0, "[]"},
  };
  ASSERT_TRUE(this->db_->AppendMessages(batch).ok());
  auto t = this->db_->Transcript("a", "s1");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0].role, "user");
  EXPECT_EQ((*t)[1].text, "Yes: lamb chops £8.50/kg");
  EXPECT_EQ((*t)[1].intent, "product_search");
  EXPECT_DOUBLE_EQ((*t)[1].confidence, 0.9);
  EXPECT_EQ((*t)[1].facts, R"([{"sku":"L1"}])");
  EXPECT_EQ((*t)[1].at, kT0 + 1s);
}

TYPED_TEST(DbOperationalStoreTest, OrdersLinkToLeadsOfTheSameTenantOnly) {
  auto lead = this->db_->UpsertLead(this->Seen("a", "s1", kT0));
  auto id = this->db_->AddOrder({0, "a", "o1", "s1", lead->id, "delivery", 4200, "GBP", R"([{"sku":"L1","qty":2}])",
                                 kT0 + 1min});
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto orders = this->db_->QueryOrders("a", kT0, kT0 + 1h);
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].lead_id, lead->id);
  EXPECT_EQ((*orders)[0].total_minor, 4200);
  EXPECT_EQ((*orders)[0].lines, R"([{"sku":"L1","qty":2}])");
  // B cannot attach an order to A's lead; the same order id is fine in B.
  EXPECT_FALSE(this->db_->AddOrder({0, "b", "o1", "s1", lead->id, "pickup", 1, "GBP", "[]", kT0}).ok());
  EXPECT_TRUE(this->db_->AddOrder({0, "b", "o1", "s1", std::nullopt, "pickup", 1, "GBP", "[]", kT0}).ok());
}

TYPED_TEST(DbOperationalStoreTest, TenantBNeverSeesTenantA) {
  ASSERT_TRUE(this->db_->AppendEvents({this->Turn("a", "s1", kT0)}).ok());
  auto u = this->Seen("a", "s1", kT0);
  u.phone = "+447700900123";
  u.email = "sam@example.com";
  auto a_lead = this->db_->UpsertLead(u);
  ASSERT_TRUE(a_lead.ok());
  ASSERT_TRUE(this->db_->AppendMessages({{0, "a", "s1", kT0, "user", "hi", "", 0, "[]"}}).ok());
  ASSERT_TRUE(this->db_->AddOrder({0, "a", "o1", "s1", a_lead->id, "pickup", 1, "GBP", "[]", kT0}).ok());
  ASSERT_TRUE(this->db_->AppendAudit({0, "a", "owner@a.test", kT0, "catalog.replace", "catalog", "{}"}).ok());

  EXPECT_TRUE(this->db_->QueryEvents(AllEvents("b"))->empty());
  EXPECT_EQ(this->db_->ListLeads(Leads("b"))->total, 0);
  EXPECT_EQ(this->db_->ListLeads(Leads("b", "sam"))->total, 0);
  EXPECT_EQ(this->db_->GetLead("b", a_lead->id).error().code, core::ErrorCode::kNotFound);
  db::LeadPatch patch;
  patch.notes = "hijack";
  EXPECT_EQ(this->db_->UpdateLead("b", a_lead->id, patch).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->db_->GetLead("a", a_lead->id)->notes, "");
  EXPECT_TRUE(this->db_->Transcript("b", "s1")->empty());
  EXPECT_TRUE(this->db_->QueryOrders("b", Time{}, Time::max())->empty());
  EXPECT_TRUE(this->db_->ListAudit("b", 10)->empty());

  // B's shopper with the same phone and session gets B's own lead.
  auto b = u;
  b.tenant = "b";
  auto b_lead = this->db_->UpsertLead(b);
  ASSERT_TRUE(b_lead.ok());
  EXPECT_NE(b_lead->id, a_lead->id);
  EXPECT_EQ(this->db_->ListLeads(Leads("a"))->total, 1);
  EXPECT_EQ(this->db_->ListLeads(Leads("b"))->total, 1);
}

TYPED_TEST(DbOperationalStoreTest, UsersTokensAndLockout) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->db_->CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(this->db_->CreateUser(owner).error().code, core::ErrorCode::kConflict);

  db::User admin = owner;
  admin.email = "root@platform.test";
  admin.role = "admin";
  admin.tenant.reset();
  ASSERT_TRUE(this->db_->CreateUser(admin).ok());
  EXPECT_FALSE(this->db_->FindUserByEmail("root@platform.test")->tenant.has_value());
  db::User orphan = owner;
  orphan.email = "staff@a.test";
  orphan.role = "staff";
  orphan.tenant.reset();
  EXPECT_EQ(this->db_->CreateUser(orphan).error().code, core::ErrorCode::kInvalidArgument);
  orphan.role = "superuser";
  orphan.tenant = "a";
  EXPECT_EQ(this->db_->CreateUser(orphan).error().code, core::ErrorCode::kInvalidArgument);

  auto found = this->db_->FindUserByEmail("owner@a.test");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->password_hash, owner.password_hash);
  EXPECT_EQ(found->tenant, "a");
  EXPECT_EQ(found->failed_logins, 0);
  EXPECT_FALSE(found->locked_until.has_value());
  EXPECT_EQ(this->db_->FindUserByEmail("nobody@a.test").error().code, core::ErrorCode::kNotFound);

  EXPECT_EQ(this->db_->RecordLoginFailure(*id, 3, kT0 + 15min)->failed_logins, 1);
  EXPECT_FALSE(this->db_->RecordLoginFailure(*id, 3, kT0 + 15min)->locked_until.has_value());
  auto locked = this->db_->RecordLoginFailure(*id, 3, kT0 + 15min);
  EXPECT_EQ(locked->failed_logins, 3);
  EXPECT_EQ(locked->locked_until, kT0 + 15min);
  EXPECT_EQ(this->db_->FindUserById(*id)->locked_until, kT0 + 15min);
  ASSERT_TRUE(this->db_->RecordLoginSuccess(*id).ok());
  EXPECT_EQ(this->db_->FindUserById(*id)->failed_logins, 0);
  EXPECT_FALSE(this->db_->FindUserById(*id)->locked_until.has_value());

  auto token = this->db_->CreateToken({0, *id, "sha256:abc", "ci", kT0, std::nullopt, false});
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(this->db_->CreateToken({0, *id, "sha256:abc", "dup", kT0, std::nullopt, false}).error().code,
            core::ErrorCode::kConflict);
  auto t = this->db_->FindToken("sha256:abc");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->user_id, *id);
  EXPECT_EQ(t->name, "ci");
  EXPECT_FALSE(t->last_used.has_value());
  ASSERT_TRUE(this->db_->TouchToken(*token, kT0 + 1h).ok());
  EXPECT_EQ(this->db_->FindToken("sha256:abc")->last_used, kT0 + 1h);
  EXPECT_EQ(this->db_->RevokeToken(*id + 1000, *token).error().code, core::ErrorCode::kNotFound);
  ASSERT_TRUE(this->db_->RevokeToken(*id, *token).ok());
  EXPECT_EQ(this->db_->FindToken("sha256:abc").error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(DbOperationalStoreTest, PasswordHashAndTokenList) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "old";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->db_->CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(this->db_->SetPasswordHash(*id, "new").ok());
  EXPECT_EQ(this->db_->FindUserById(*id)->password_hash, "new");
  EXPECT_EQ(this->db_->SetPasswordHash(*id + 1000, "x").error().code, core::ErrorCode::kNotFound);

  EXPECT_TRUE(this->db_->ListTokens(*id)->empty());
  auto first = this->db_->CreateToken({0, *id, "h1", "ci", kT0, std::nullopt, false});
  auto second = this->db_->CreateToken({0, *id, "h2", "sheets", kT0 + 1min, std::nullopt, false});
  auto third = this->db_->CreateToken({0, *id, "h3", "old", kT0 + 2min, std::nullopt, false});
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  ASSERT_TRUE(this->db_->RevokeToken(*id, *third).ok());
  auto list = this->db_->ListTokens(*id);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "sheets");
  EXPECT_EQ((*list)[1].name, "ci");
  EXPECT_EQ((*list)[1].created_at, kT0);
  EXPECT_TRUE(this->db_->ListTokens(*id + 1000)->empty());
}

TYPED_TEST(DbOperationalStoreTest, AdminSessionsStoreFindTouchAndDelete) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "h";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->db_->CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;

  db::AdminSession s{"sha256:s1", *id, "sha256:c1", kT0, kT0 + 7 * 24h, kT0};
  ASSERT_TRUE(this->db_->CreateAdminSession(s).ok());
  EXPECT_EQ(this->db_->CreateAdminSession(s).error().code, core::ErrorCode::kConflict);
  db::AdminSession orphan{"sha256:s9", *id + 1000, "sha256:c9", kT0, kT0 + 1h, kT0};
  EXPECT_EQ(this->db_->CreateAdminSession(orphan).error().code, core::ErrorCode::kInvalidArgument);

  auto found = this->db_->FindAdminSession("sha256:s1");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->user_id, *id);
  EXPECT_EQ(found->csrf_hash, "sha256:c1");
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->expires_at, kT0 + 7 * 24h);
  EXPECT_EQ(found->last_seen, kT0);
  EXPECT_EQ(this->db_->FindAdminSession("sha256:nope").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->db_->FindAdminSession("' OR '1'='1").error().code, core::ErrorCode::kNotFound);

  ASSERT_TRUE(this->db_->TouchAdminSession("sha256:s1", kT0 + 2h).ok());
  EXPECT_EQ(this->db_->FindAdminSession("sha256:s1")->last_seen, kT0 + 2h);
  EXPECT_TRUE(this->db_->TouchAdminSession("sha256:gone", kT0).ok());

  ASSERT_TRUE(this->db_->DeleteAdminSession("sha256:s1").ok());
  EXPECT_EQ(this->db_->FindAdminSession("sha256:s1").error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(this->db_->DeleteAdminSession("sha256:s1").ok());

  ASSERT_TRUE(this->db_->CreateAdminSession({"a1", *id, "c", kT0, kT0 + 1h, kT0}).ok());
  ASSERT_TRUE(this->db_->CreateAdminSession({"a2", *id, "c", kT0, kT0 + 3h, kT0}).ok());
  ASSERT_TRUE(this->db_->CreateAdminSession({"a3", *id, "c", kT0, kT0 + 5h, kT0}).ok());
  EXPECT_EQ(*this->db_->DeleteExpiredAdminSessions(kT0 + 3h), 2);
  EXPECT_TRUE(this->db_->FindAdminSession("a3").ok());
  EXPECT_EQ(*this->db_->DeleteUserSessions(*id), 1);
  EXPECT_EQ(this->db_->FindAdminSession("a3").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(*this->db_->DeleteUserSessions(*id), 0);
}

TYPED_TEST(DbOperationalStoreTest, AuditAppendsAndListsNewestFirst) {
  ASSERT_TRUE(this->db_->AppendAudit({0, "a", "owner@a.test", kT0, "catalog.replace", "catalog", R"({"v":2})"}).ok());
  ASSERT_TRUE(this->db_->AppendAudit({0, "a", "owner@a.test", kT0 + 1min, "lead.update", "lead/1", "{}"}).ok());
  auto log = this->db_->ListAudit("a", 10);
  ASSERT_TRUE(log.ok()) << log.error().message;
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "lead.update");
  EXPECT_EQ((*log)[1].detail, R"({"v":2})");
  EXPECT_EQ((*log)[1].user, "owner@a.test");
  EXPECT_EQ((*log)[1].at, kT0);
  EXPECT_EQ(this->db_->ListAudit("a", 1)->size(), 1u);
}

// --- WriteBatch: the group commit of db::RecordQueue ---

TYPED_TEST(DbOperationalStoreTest, WriteBatchCommitsEverythingWithTheCheckpoint) {
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 0);
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0), this->Turn("a", "s2", kT0 + 1s)};
  batch.messages = {{0, "a", "s1", kT0, "user", "lamb chops?", "product_search", 0.9, "[]"},
                    {0, "a", "s1", kT0 + 1ms, "bot", "Yes: 4.50", "product_search", 0.9, R"(["sku:L1"])"}};
  auto seen = this->Seen("a", "s1", kT0);
  seen.tags = {"lamb"};
  batch.leads = {seen};
  batch.orders = {{0, "a", "o1", "s1", std::nullopt, "pickup", 900, "GBP", "[]", kT0}};
  auto st = this->db_->WriteBatch(batch, "records", 42);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 42);
  EXPECT_EQ(*this->db_->ReadCheckpoint("other"), 0);
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 2u);
  auto transcript = this->db_->Transcript("a", "s1");
  ASSERT_EQ(transcript->size(), 2u);
  EXPECT_EQ((*transcript)[1].facts, R"(["sku:L1"])");
  auto leads = this->db_->ListLeads(Leads("a"));
  ASSERT_EQ(leads->total, 1);
  EXPECT_EQ(leads->leads[0].tags, std::vector<std::string>{"lamb"});
  EXPECT_EQ(this->db_->QueryOrders("a", kT0, Time::max())->size(), 1u);

  // An empty batch only moves the checkpoint.
  ASSERT_TRUE(this->db_->WriteBatch({}, "records", 43).ok());
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 43);
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 2u);
}

TYPED_TEST(DbOperationalStoreTest, WriteBatchWithABadRecordRollsBackEntirely) {
  ASSERT_TRUE(this->db_->WriteBatch({}, "records", 7).ok());
  auto other_tenants_lead = this->db_->UpsertLead(this->Seen("b", "sb", kT0));
  ASSERT_TRUE(other_tenants_lead.ok());
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  batch.messages = {{0, "a", "s1", kT0, "user", "hi", "", 0, "[]"}};
  batch.leads = {this->Seen("a", "s1", kT0)};
  // An order naming another tenant's lead: the batch must not half-apply.
  batch.orders = {{0, "a", "o1", "s1", other_tenants_lead->id, "pickup", 1, "GBP", "[]", kT0}};
  auto st = this->db_->WriteBatch(batch, "records", 8);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 7);
  EXPECT_TRUE(this->db_->QueryEvents(AllEvents("a"))->empty());
  EXPECT_TRUE(this->db_->Transcript("a", "s1")->empty());
  EXPECT_EQ(this->db_->ListLeads(Leads("a"))->total, 0);
  EXPECT_TRUE(this->db_->QueryOrders("a", kT0, Time::max())->empty());
  // The connection is fine afterwards.
  batch.orders[0].lead_id.reset();
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 8).ok());
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 8);
}

TYPED_TEST(DbOperationalStoreTest, WriteBatchMergesLeadsLikeUpsertLead) {
  // Three turns of one shopper in one group: anonymous, then a phone, then
  // a second anonymous session that gives the same phone.
  db::RecordBatch batch;
  auto anon = this->Seen("a", "s1", kT0);
  anon.tags = {"lamb"};
  anon.value_estimate_minor = 2500;
  auto phone = this->Seen("a", "s1", kT0 + 1min);
  phone.phone = "+447700900123";
  phone.name = "Sam";
  auto s2 = this->Seen("a", "s2", kT0 + 1h);
  s2.tags = {"beef"};
  auto s2_phone = this->Seen("a", "s2", kT0 + 2h);
  s2_phone.phone = "+447700900123";
  s2_phone.email = "sam@example.com";
  batch.leads = {anon, phone, s2, s2_phone};
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 1).ok());
  auto leads = this->db_->ListLeads(Leads("a"));
  ASSERT_EQ(leads->total, 1);
  const db::Lead& lead = leads->leads[0];
  EXPECT_EQ(lead.session, "s2");
  EXPECT_EQ(lead.name, "Sam");
  EXPECT_EQ(lead.phone, "+447700900123");
  EXPECT_EQ(lead.email, "sam@example.com");
  EXPECT_EQ(lead.tags, (std::vector<std::string>{"lamb", "beef"}));
  EXPECT_EQ(lead.value_estimate_minor, 2500);
  EXPECT_EQ(lead.created_at, kT0);
  EXPECT_EQ(lead.last_seen, kT0 + 2h);
}

TYPED_TEST(DbOperationalStoreTest, WriteBatchSkipsAnExistingOrder) {
  ASSERT_TRUE(this->db_->AddOrder({0, "a", "o1", "s1", std::nullopt, "pickup", 100, "GBP", "[]", kT0}).ok());
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  batch.orders = {{0, "a", "o1", "s1", std::nullopt, "delivery", 999, "GBP", "[]", kT0 + 1s},
                  {0, "a", "o2", "s1", std::nullopt, "pickup", 200, "GBP", "[]", kT0 + 2s}};
  auto st = this->db_->WriteBatch(batch, "records", 3);
  ASSERT_TRUE(st.ok()) << st.error().message;
  auto orders = this->db_->QueryOrders("a", kT0, Time::max());
  ASSERT_EQ(orders->size(), 2u);
  EXPECT_EQ((*orders)[0].order_id, "o1");
  EXPECT_EQ((*orders)[0].total_minor, 100);  // the first one stays
  EXPECT_EQ((*orders)[1].order_id, "o2");
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 1u);
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 3);
  // Replaying the same batch (same orders) is harmless for orders.
  db::RecordBatch orders_again;
  orders_again.orders = batch.orders;
  ASSERT_TRUE(this->db_->WriteBatch(orders_again, "records", 4).ok());
  EXPECT_EQ(this->db_->QueryOrders("a", kT0, Time::max())->size(), 2u);
}

TYPED_TEST(DbOperationalStoreTest, WriteBatchLinksACheckoutOrderToTheLeadOfItsSession) {
  db::RecordBatch batch;
  db::LeadUpsert lead;
  lead.tenant = "a";
  lead.session = "s9";
  lead.phone = "+447700900123";
  lead.at = kT0;
  batch.leads = {lead};
  batch.orders = {{0, "a", "o9", "s9", std::nullopt, "pickup", 500, "GBP", "[]", kT0},
                  {0, "a", "o10", "other-session", std::nullopt, "pickup", 100, "GBP", "[]", kT0}};
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 1).ok());
  auto leads = this->db_->ListLeads(Leads("a"));
  ASSERT_EQ(leads->total, 1);
  auto orders = this->db_->QueryOrders("a", kT0, Time::max());
  ASSERT_EQ(orders->size(), 2u);
  EXPECT_EQ((*orders)[0].lead_id, leads->leads[0].id);
  EXPECT_FALSE((*orders)[1].lead_id.has_value()) << "no lead for that session in the batch";
}

TYPED_TEST(DbOperationalStoreTest, LeadTranscriptCoversEverySessionIncludingMergedOnes) {
  auto upsert = [&](const std::string& session, const std::string& phone, Time at) {
    db::LeadUpsert u;
    u.tenant = "a";
    u.session = session;
    u.phone = phone;
    u.at = at;
    return this->db_->UpsertLead(u);
  };
  auto say = [&](const std::string& session, const std::string& text, Time at) {
    return this->db_->AppendMessages({{0, "a", session, at, "user", text, "", 0, "[]"}});
  };
  // Known by phone in s1; anonymous in s2, then gives the same phone there.
  ASSERT_TRUE(upsert("s1", "+447700900001", kT0).ok());
  ASSERT_TRUE(say("s1", "first visit", kT0).ok());
  ASSERT_TRUE(upsert("s2", "", kT0 + 1h).ok());
  ASSERT_TRUE(say("s2", "anonymous question", kT0 + 1h).ok());
  auto merged = upsert("s2", "+447700900001", kT0 + 2h);
  ASSERT_TRUE(merged.ok());
  ASSERT_TRUE(say("s2", "here is my number", kT0 + 2h).ok());
  // Another tenant's conversation with the same session id stays out.
  ASSERT_TRUE(this->db_->AppendMessages({{0, "b", "s1", kT0, "user", "other shop", "", 0, "[]"}}).ok());
  ASSERT_EQ(this->db_->ListLeads(Leads("a"))->total, 1);

  auto transcript = this->db_->LeadTranscript("a", merged->id);
  ASSERT_TRUE(transcript.ok()) << transcript.error().message;
  std::vector<std::string> texts;
  for (const auto& m : *transcript) texts.push_back(m.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"first visit", "anonymous question", "here is my number"}));
  EXPECT_EQ(this->db_->LeadTranscript("b", merged->id).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(DbOperationalStoreTest, WriteBatchIsIdempotentForACheckpointAlreadyStored) {
  db::RecordBatch batch;
  batch.events = {this->Turn("a", "s1", kT0)};
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 7).ok());
  // The same group again (a retry after a lost COMMIT answer): no duplicate.
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 7).ok());
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records", 5).ok());
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 1u);
  EXPECT_EQ(*this->db_->ReadCheckpoint("records"), 7);
  // Another stream has its own checkpoint.
  ASSERT_TRUE(this->db_->WriteBatch(batch, "records-other", 1).ok());
  EXPECT_EQ(this->db_->QueryEvents(AllEvents("a"))->size(), 2u);
}

}  // namespace
