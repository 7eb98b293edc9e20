// db::UserStore, db::ApiTokenStore and db::AdminSessionStore contract cases.
// Against every backend of store_contract.h.
#include "unit/db/store_contract.h"

namespace {

using namespace std::chrono_literals;
using store_contract::kT0;
using store_contract::Time;
using testing_support::LeadUpsertBuilder;

template <class Backend>
class AccountStoresTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(AccountStoresTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(AccountStoresTest, UsersTokensAndLockout) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->users().CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(this->users().CreateUser(owner).error().code, core::ErrorCode::kConflict);

  db::User admin = owner;
  admin.email = "root@platform.test";
  admin.role = "admin";
  admin.tenant.reset();
  ASSERT_TRUE(this->users().CreateUser(admin).ok());
  EXPECT_FALSE(this->users().FindUserByEmail("root@platform.test")->tenant.has_value());
  db::User orphan = owner;
  orphan.email = "staff@a.test";
  orphan.role = "staff";
  orphan.tenant.reset();
  EXPECT_EQ(this->users().CreateUser(orphan).error().code, core::ErrorCode::kInvalidArgument);
  orphan.role = "superuser";
  orphan.tenant = "a";
  EXPECT_EQ(this->users().CreateUser(orphan).error().code, core::ErrorCode::kInvalidArgument);

  auto found = this->users().FindUserByEmail("owner@a.test");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->password_hash, owner.password_hash);
  EXPECT_EQ(found->tenant, "a");
  EXPECT_EQ(found->failed_logins, 0);
  EXPECT_FALSE(found->locked_until.has_value());
  EXPECT_EQ(this->users().FindUserByEmail("nobody@a.test").error().code, core::ErrorCode::kNotFound);

  EXPECT_EQ(this->users().RecordLoginFailure(*id, 3, kT0 + 15min)->failed_logins, 1);
  EXPECT_FALSE(this->users().RecordLoginFailure(*id, 3, kT0 + 15min)->locked_until.has_value());
  auto locked = this->users().RecordLoginFailure(*id, 3, kT0 + 15min);
  EXPECT_EQ(locked->failed_logins, 3);
  EXPECT_EQ(locked->locked_until, kT0 + 15min);
  EXPECT_EQ(this->users().FindUserById(*id)->locked_until, kT0 + 15min);
  ASSERT_TRUE(this->users().RecordLoginSuccess(*id).ok());
  EXPECT_EQ(this->users().FindUserById(*id)->failed_logins, 0);
  EXPECT_FALSE(this->users().FindUserById(*id)->locked_until.has_value());

  auto token = this->tokens().CreateToken({0, *id, "sha256:abc", "ci", kT0, std::nullopt, false});
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(this->tokens().CreateToken({0, *id, "sha256:abc", "dup", kT0, std::nullopt, false}).error().code,
            core::ErrorCode::kConflict);
  auto t = this->tokens().FindToken("sha256:abc");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->user_id, *id);
  EXPECT_EQ(t->name, "ci");
  EXPECT_FALSE(t->last_used.has_value());
  ASSERT_TRUE(this->tokens().TouchToken(*token, kT0 + 1h).ok());
  EXPECT_EQ(this->tokens().FindToken("sha256:abc")->last_used, kT0 + 1h);
  EXPECT_EQ(this->tokens().RevokeToken(*id + 1000, *token).error().code, core::ErrorCode::kNotFound);
  ASSERT_TRUE(this->tokens().RevokeToken(*id, *token).ok());
  EXPECT_EQ(this->tokens().FindToken("sha256:abc").error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(AccountStoresTest, PasswordHashAndTokenList) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "old";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->users().CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(this->users().SetPasswordHash(*id, "new").ok());
  EXPECT_EQ(this->users().FindUserById(*id)->password_hash, "new");
  EXPECT_EQ(this->users().SetPasswordHash(*id + 1000, "x").error().code, core::ErrorCode::kNotFound);

  EXPECT_TRUE(this->tokens().ListTokens(*id)->empty());
  auto first = this->tokens().CreateToken({0, *id, "h1", "ci", kT0, std::nullopt, false});
  auto second = this->tokens().CreateToken({0, *id, "h2", "sheets", kT0 + 1min, std::nullopt, false});
  auto third = this->tokens().CreateToken({0, *id, "h3", "old", kT0 + 2min, std::nullopt, false});
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  ASSERT_TRUE(this->tokens().RevokeToken(*id, *third).ok());
  auto list = this->tokens().ListTokens(*id);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "sheets");
  EXPECT_EQ((*list)[1].name, "ci");
  EXPECT_EQ((*list)[1].created_at, kT0);
  EXPECT_TRUE(this->tokens().ListTokens(*id + 1000)->empty());
}

TYPED_TEST(AccountStoresTest, AdminSessionsStoreFindTouchAndDelete) {
  db::User owner;
  owner.email = "owner@a.test";
  owner.password_hash = "h";
  owner.role = "owner";
  owner.tenant = "a";
  owner.created_at = kT0;
  auto id = this->users().CreateUser(owner);
  ASSERT_TRUE(id.ok()) << id.error().message;

  db::AdminSession s{"sha256:s1", *id, "sha256:c1", kT0, kT0 + 7 * 24h, kT0};
  ASSERT_TRUE(this->sessions().CreateAdminSession(s).ok());
  EXPECT_EQ(this->sessions().CreateAdminSession(s).error().code, core::ErrorCode::kConflict);
  db::AdminSession orphan{"sha256:s9", *id + 1000, "sha256:c9", kT0, kT0 + 1h, kT0};
  EXPECT_EQ(this->sessions().CreateAdminSession(orphan).error().code, core::ErrorCode::kInvalidArgument);

  auto found = this->sessions().FindAdminSession("sha256:s1");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->user_id, *id);
  EXPECT_EQ(found->csrf_hash, "sha256:c1");
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->expires_at, kT0 + 7 * 24h);
  EXPECT_EQ(found->last_seen, kT0);
  EXPECT_EQ(this->sessions().FindAdminSession("sha256:nope").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->sessions().FindAdminSession("' OR '1'='1").error().code, core::ErrorCode::kNotFound);

  ASSERT_TRUE(this->sessions().TouchAdminSession("sha256:s1", kT0 + 2h).ok());
  EXPECT_EQ(this->sessions().FindAdminSession("sha256:s1")->last_seen, kT0 + 2h);
  EXPECT_TRUE(this->sessions().TouchAdminSession("sha256:gone", kT0).ok());

  ASSERT_TRUE(this->sessions().DeleteAdminSession("sha256:s1").ok());
  EXPECT_EQ(this->sessions().FindAdminSession("sha256:s1").error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(this->sessions().DeleteAdminSession("sha256:s1").ok());

  ASSERT_TRUE(this->sessions().CreateAdminSession({"a1", *id, "c", kT0, kT0 + 1h, kT0}).ok());
  ASSERT_TRUE(this->sessions().CreateAdminSession({"a2", *id, "c", kT0, kT0 + 3h, kT0}).ok());
  ASSERT_TRUE(this->sessions().CreateAdminSession({"a3", *id, "c", kT0, kT0 + 5h, kT0}).ok());
  EXPECT_EQ(*this->sessions().DeleteExpiredAdminSessions(kT0 + 3h), 2);
  EXPECT_TRUE(this->sessions().FindAdminSession("a3").ok());
  EXPECT_EQ(*this->sessions().DeleteUserSessions(*id), 1);
  EXPECT_EQ(this->sessions().FindAdminSession("a3").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(*this->sessions().DeleteUserSessions(*id), 0);
}

}  // namespace

namespace {

template <class Backend>
class TeamStoreTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(TeamStoreTest, store_contract::AllBackends, store_contract::BackendNames);

// Issue 15: the team page lists a tenant's users; removing one takes their
// tokens and sessions with them.
TYPED_TEST(TeamStoreTest, ListUsersOfOneTenantAndDeleteWithTokensAndSessions) {
  auto add = [&](std::string email, std::string role, std::optional<std::string> tenant) {
    db::User u;
    u.email = std::move(email);
    u.password_hash = "h";
    u.role = std::move(role);
    u.tenant = std::move(tenant);
    u.created_at = kT0;
    auto id = this->users().CreateUser(u);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  };
  int64_t staff = add("zed@a.test", "staff", "a");
  add("owner@a.test", "owner", "a");
  add("owner@b.test", "owner", "b");
  add("root@platform.test", "admin", std::nullopt);

  auto listed = this->users().ListUsers("a");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].email, "owner@a.test");
  EXPECT_EQ((*listed)[1].email, "zed@a.test");
  EXPECT_TRUE(this->users().ListUsers("nobody")->empty());

  ASSERT_TRUE(this->tokens().CreateToken({0, staff, "sha256:t", "ci", kT0, std::nullopt, false}).ok());
  ASSERT_TRUE(this->sessions().CreateAdminSession({"sha256:s", staff, "sha256:c", kT0, kT0 + 1h, kT0}).ok());
  ASSERT_TRUE(this->users().DeleteUser(staff).ok());
  EXPECT_EQ(this->users().FindUserById(staff).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->tokens().FindToken("sha256:t").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->sessions().FindAdminSession("sha256:s").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->users().DeleteUser(staff).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->users().ListUsers("a")->size(), 1u);
}

}  // namespace
