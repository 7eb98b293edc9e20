// AuthService over the in-memory account stores, a fake clock and a cheap
// Argon2id cost.
#include "services/auth/auth_service.h"

#include <gtest/gtest.h>

#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"

namespace {

using namespace std::chrono_literals;
using core::ErrorCode;
using services::AuthRequest;
using services::AuthService;

constexpr char kPassword[] = "butcher-block-42";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auth_ =
        std::make_unique<AuthService>(db_.users(), db_.api_tokens(), db_.admin_sessions(), hasher_, clock_, Options());
    auto owner = auth_->CreateUser(" Owner@Butcher.TEST ", kPassword, "owner", "UK_BUTCHER");
    ASSERT_TRUE(owner.ok()) << owner.error().message;
    owner_id_ = *owner;
    ASSERT_TRUE(auth_->CreateUser("staff@butcher.test", kPassword, "staff", "UK_BUTCHER").ok());
    ASSERT_TRUE(auth_->CreateUser("root@platform.test", kPassword, "admin", std::nullopt).ok());
  }

  virtual services::AuthOptions Options() { return {}; }

  services::LoginResult SignIn(const std::string& email = "owner@butcher.test") {
    auto r = auth_->Login(email, kPassword, "10.0.0.1");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : services::LoginResult{};
  }

  core::Result<services::Principal> WithCookie(const std::string& cookie, bool state_changing = false,
                                               std::optional<std::string> csrf = std::nullopt) {
    AuthRequest request;
    request.session_cookie = cookie;
    request.state_changing = state_changing;
    if (csrf) request.csrf_token = *csrf;
    return auth_->Authenticate(request);
  }

  core::Result<services::Principal> WithToken(const std::string& token, bool state_changing = true) {
    AuthRequest request;
    request.bearer_token = token;
    request.state_changing = state_changing;
    return auth_->Authenticate(request);
  }

  fakes::FakeClock clock_;
  services::PasswordHasher hasher_{{.memory_kib = 64, .iterations = 1, .parallelism = 1, .random = {}}};
  fakes::InMemoryDatabase db_;
  std::unique_ptr<AuthService> auth_;
  int64_t owner_id_ = 0;
};

TEST_F(AuthServiceTest, LoginGivesSessionCsrfAndPrincipal) {
  auto r = auth_->Login("  OWNER@butcher.test", kPassword, "10.0.0.1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->session_token.size(), 43u);
  EXPECT_EQ(r->csrf_token.size(), 43u);
  EXPECT_NE(r->session_token, r->csrf_token);
  EXPECT_EQ(r->principal.email, "owner@butcher.test");
  EXPECT_EQ(r->principal.role, "owner");
  EXPECT_EQ(r->principal.tenant, "UK_BUTCHER");
  EXPECT_EQ(r->expires_at, clock_.Now() + 7 * 24h);
  // Only hashes are stored.
  auto stored = db_.admin_sessions().FindAdminSession(AuthService::HashSecret(r->session_token));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->csrf_hash, AuthService::HashSecret(r->csrf_token));
  EXPECT_EQ(db_.admin_sessions().FindAdminSession(r->session_token).error().code, ErrorCode::kNotFound);

  auto who = WithCookie(r->session_token);
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_EQ(who->user_id, owner_id_);
  EXPECT_FALSE(who->via_token);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownEmailLookTheSame) {
  auto wrong = auth_->Login("owner@butcher.test", "not-the-password", "10.0.0.1");
  auto unknown = auth_->Login("nobody@butcher.test", kPassword, "10.0.0.1");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(wrong.error().UserMessage(), "Email or password is wrong.");
  EXPECT_EQ(unknown.error().UserMessage(), wrong.error().UserMessage());
  EXPECT_EQ(auth_->Login("", kPassword, "10.0.0.1").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(auth_->Login("owner@butcher.test", "", "10.0.0.1").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(auth_->Login("owner@butcher.test", std::string(100'000, 'p'), "10.0.0.1").error().code,
            ErrorCode::kUnauthorized);
}

TEST_F(AuthServiceTest, LocksAfterFiveFailuresAndUnlocksAfterFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->Login("owner@butcher.test", "wrong-password", "10.0.0.1").error().code, ErrorCode::kUnauthorized)
        << i;
  }
  // Locked: even the right password is refused, without saying whether it was right.
  auto locked = auth_->Login("owner@butcher.test", kPassword, "10.0.0.1");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
  EXPECT_NE(locked.error().UserMessage().find("15 minutes"), std::string::npos) << locked.error().UserMessage();
  clock_.Advance(14min);
  EXPECT_EQ(auth_->Login("owner@butcher.test", kPassword, "10.0.0.1").error().code, ErrorCode::kTooManyRequests);
  clock_.Advance(1min);
  ASSERT_TRUE(auth_->Login("owner@butcher.test", kPassword, "10.0.0.1").ok());
  auto user = db_.users().FindUserById(owner_id_);
  EXPECT_EQ(user->failed_logins, 0);
  EXPECT_FALSE(user->locked_until.has_value());
  // Other accounts were never affected.
  EXPECT_TRUE(auth_->Login("staff@butcher.test", kPassword, "10.0.0.2").ok());
}

TEST_F(AuthServiceTest, UnknownEmailsLockLikeAccountsSoAnswersRevealNothing) {
  auto attempt = [&](const std::string& email) { return auth_->Login(email, "wrong-password", "10.0.0.9"); };
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(attempt("owner@butcher.test").error().code, ErrorCode::kUnauthorized) << i;
    EXPECT_EQ(attempt("nobody@butcher.test").error().code, ErrorCode::kUnauthorized) << i;
  }
  auto real = attempt("owner@butcher.test");
  auto ghost = attempt("nobody@butcher.test");
  ASSERT_FALSE(real.ok());
  ASSERT_FALSE(ghost.ok());
  EXPECT_EQ(real.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(ghost.error().code, real.error().code);
  EXPECT_EQ(ghost.error().UserMessage(), real.error().UserMessage());
  clock_.Advance(15min);
  EXPECT_EQ(attempt("nobody@butcher.test").error().code, ErrorCode::kUnauthorized) << "the lock runs out";
}

TEST_F(AuthServiceTest, LockOutDoesNotEndExistingSessionsOrTokens) {
  auto session = SignIn();
  auto token = auth_->CreateToken(session.principal, "ci");
  ASSERT_TRUE(token.ok());
  for (int i = 0; i < 5; ++i) (void)auth_->Login("owner@butcher.test", "wrong-password", "10.9.9.9");
  ASSERT_EQ(auth_->Login("owner@butcher.test", kPassword, "10.9.9.9").error().code, ErrorCode::kTooManyRequests);
  EXPECT_TRUE(WithCookie(session.session_token).ok());
  EXPECT_TRUE(WithToken(token->token).ok());
}

class TightLimitsTest : public AuthServiceTest {
  services::AuthOptions Options() override {
    services::AuthOptions o;
    o.per_address = {4, 60s};
    o.per_email = {3, 120s};
    o.max_failures = 100;
    return o;
  }
};

TEST_F(TightLimitsTest, RateLimitsPerAddress) {
  const char* emails[] = {"a@x.test", "b@x.test", "c@x.test", "d@x.test"};
  for (const char* e : emails) EXPECT_EQ(auth_->Login(e, kPassword, "6.6.6.6").error().code, ErrorCode::kUnauthorized);
  // Even the right password from that address waits.
  auto limited = auth_->Login("owner@butcher.test", kPassword, "6.6.6.6");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kTooManyRequests);
  EXPECT_NE(limited.error().UserMessage().find("network"), std::string::npos);
  // Another address is fine; the first gets one more attempt a minute later.
  EXPECT_TRUE(auth_->Login("owner@butcher.test", kPassword, "7.7.7.7").ok());
  clock_.Advance(60s);
  EXPECT_TRUE(auth_->Login("owner@butcher.test", kPassword, "6.6.6.6").ok());
}

TEST_F(TightLimitsTest, RateLimitsPerEmailWhetherOrNotItExists) {
  for (const char* ip : {"1.1.1.1", "1.1.1.2", "1.1.1.3"}) {
    EXPECT_EQ(auth_->Login("owner@butcher.test", "wrong-password", ip).error().code, ErrorCode::kUnauthorized);
    EXPECT_EQ(auth_->Login("ghost@butcher.test", "wrong-password", ip).error().code, ErrorCode::kUnauthorized);
  }
  auto known = auth_->Login("owner@butcher.test", kPassword, "1.1.1.4");
  auto ghost = auth_->Login("ghost@butcher.test", kPassword, "1.1.1.5");
  ASSERT_FALSE(known.ok());
  ASSERT_FALSE(ghost.ok());
  EXPECT_EQ(known.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(known.error().UserMessage(), ghost.error().UserMessage());
  clock_.Advance(120s);
  EXPECT_TRUE(auth_->Login("owner@butcher.test", kPassword, "1.1.1.4").ok());
}

TEST_F(AuthServiceTest, SessionExpiresWhenIdleAndAtItsAbsoluteEnd) {
  auto s = SignIn();
  clock_.Advance(11h);
  ASSERT_TRUE(WithCookie(s.session_token).ok());  // activity slides the idle window
  clock_.Advance(11h);
  ASSERT_TRUE(WithCookie(s.session_token).ok());
  clock_.Advance(12h);
  auto idle = WithCookie(s.session_token);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(idle.error().UserMessage(), "Your session has expired; sign in again.");
  // The expired session is gone for good.
  EXPECT_EQ(db_.admin_sessions().FindAdminSession(AuthService::HashSecret(s.session_token)).error().code,
            ErrorCode::kNotFound);

  auto busy = SignIn();
  for (int hour = 6; hour < 7 * 24; hour += 6) {
    clock_.Advance(6h);
    ASSERT_TRUE(WithCookie(busy.session_token).ok()) << hour;
  }
  clock_.Advance(6h);
  EXPECT_EQ(WithCookie(busy.session_token).error().UserMessage(), "Your session has expired; sign in again.");
}

TEST_F(AuthServiceTest, ForgedOrMalformedCookiesAreRejected) {
  auto s = SignIn();
  std::string forged = s.session_token;
  forged[5] = forged[5] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {forged, std::string(""), std::string("x"), s.csrf_token, s.session_token + "A",
                                 std::string("' OR 1=1 --"), AuthService::HashSecret(s.session_token)}) {
    auto r = WithCookie(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthorized) << bad;
  }
  EXPECT_EQ(auth_->Authenticate({}).error().code, ErrorCode::kUnauthorized);
}

TEST_F(AuthServiceTest, CsrfTokenNeededOnlyForStateChangingCookieRequests) {
  auto s = SignIn();
  EXPECT_TRUE(WithCookie(s.session_token, false).ok());
  auto missing = WithCookie(s.session_token, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(missing.error().UserMessage(), "Missing or wrong CSRF token.");
  EXPECT_EQ(WithCookie(s.session_token, true, "").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(WithCookie(s.session_token, true, s.session_token).error().code, ErrorCode::kForbidden);
  auto other = SignIn();
  EXPECT_EQ(WithCookie(s.session_token, true, other.csrf_token).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(WithCookie(s.session_token, true, s.csrf_token).ok());
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  auto s = SignIn();
  auto other = SignIn();
  ASSERT_TRUE(auth_->Logout(s.session_token).ok());
  EXPECT_EQ(WithCookie(s.session_token).error().code, ErrorCode::kUnauthorized);
  EXPECT_TRUE(WithCookie(other.session_token).ok());
  EXPECT_TRUE(auth_->Logout(s.session_token).ok());
  EXPECT_TRUE(auth_->Logout("garbage").ok());
}

TEST_F(AuthServiceTest, TokensAuthenticateUntilRevoked) {
  auto s = SignIn();
  auto created = auth_->CreateToken(s.principal, "  nightly export ");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->token.rfind("aiv7_", 0), 0u);
  EXPECT_EQ(created->token.size(), 5u + 43u);
  EXPECT_EQ(created->info.name, "nightly export");
  // Stored as a hash only.
  EXPECT_EQ(db_.api_tokens().FindToken(created->token).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(db_.api_tokens().FindToken(AuthService::HashSecret(created->token)).ok());

  auto who = WithToken(created->token, /*state_changing=*/true);  // no CSRF needed
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_TRUE(who->via_token);
  EXPECT_EQ(who->role, "owner");
  EXPECT_EQ(who->tenant, "UK_BUTCHER");
  // A bearer token wins over a cookie.
  AuthRequest both;
  both.bearer_token = "aiv7_forged";
  both.session_cookie = s.session_token;
  EXPECT_EQ(auth_->Authenticate(both).error().code, ErrorCode::kUnauthorized);

  auto list = auth_->ListTokens(s.principal);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, created->info.id);
  EXPECT_TRUE((*list)[0].last_used.has_value());

  services::Principal stranger = s.principal;
  stranger.user_id += 1;
  EXPECT_EQ(auth_->RevokeToken(stranger, created->info.id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(auth_->RevokeToken(s.principal, created->info.id).ok());
  auto revoked = WithToken(created->token);
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().code, ErrorCode::kUnauthorized);
  EXPECT_TRUE(auth_->ListTokens(s.principal)->empty());
  EXPECT_TRUE(auth_->RevokeToken(s.principal, created->info.id).ok());  // idempotent
  EXPECT_EQ(auth_->RevokeToken(s.principal, created->info.id + 1000).error().code, ErrorCode::kNotFound);
}

TEST_F(AuthServiceTest, ForgedTokensAreRejected) {
  auto s = SignIn();
  auto created = auth_->CreateToken(s.principal, "ci");
  ASSERT_TRUE(created.ok());
  std::string forged = created->token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {forged, std::string("aiv7_"), std::string("Bearer"), created->token.substr(5),
                                 AuthService::HashSecret(created->token)}) {
    EXPECT_EQ(WithToken(bad).error().code, ErrorCode::kUnauthorized) << bad;
  }
}

TEST_F(AuthServiceTest, CredentialsOfADeletedUserStopWorking) {
  auto s = SignIn("root@platform.test");
  auto token = auth_->CreateToken(s.principal, "ops");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(WithToken(token->token).ok());
  // Remove the user behind the service's back, leaving the session and
  // token rows: as if they outlived their user.
  db_.DeleteUserForTest(s.principal.user_id);

  auto by_token = WithToken(token->token);
  ASSERT_FALSE(by_token.ok());
  EXPECT_EQ(by_token.error().code, ErrorCode::kUnauthorized);
  auto by_cookie = WithCookie(s.session_token);
  ASSERT_FALSE(by_cookie.ok());
  EXPECT_EQ(by_cookie.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(by_cookie.error().UserMessage(), "This account no longer exists.");
}

TEST_F(AuthServiceTest, StaffMayNotCreateTokensAndTokensMayNotMintTokens) {
  auto staff = SignIn("staff@butcher.test");
  auto refused = auth_->CreateToken(staff.principal, "mine");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(auth_->ListTokens(staff.principal)->empty());

  auto admin = SignIn("root@platform.test");
  auto token = auth_->CreateToken(admin.principal, "ops");
  ASSERT_TRUE(token.ok());
  auto via_token = WithToken(token->token);
  ASSERT_TRUE(via_token.ok());
  EXPECT_EQ(auth_->CreateToken(*via_token, "more").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(auth_->CreateToken(admin.principal, "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(auth_->CreateToken(admin.principal, std::string(101, 'n')).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(AuthServiceTest, CreateUserValidates) {
  auto bad = [&](std::string_view email, std::string_view password, std::string_view role,
                 std::optional<std::string_view> tenant) {
    return auth_->CreateUser(email, password, role, tenant).error().code;
  };
  EXPECT_EQ(bad("not-an-email", kPassword, "owner", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("a@b", kPassword, "owner", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("a b@c.test", kPassword, "owner", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("new@x.test", kPassword, "superuser", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("new@x.test", kPassword, "owner", std::nullopt), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("new@x.test", kPassword, "staff", "../etc"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("new@x.test", kPassword, "admin", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("new@x.test", "short", "owner", "UK_BUTCHER"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad("OWNER@butcher.test", kPassword, "owner", "UK_BUTCHER"), ErrorCode::kConflict);
  auto stored = db_.users().FindUserByEmail("owner@butcher.test");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->password_hash.rfind("$argon2id$", 0), 0u);
}

TEST_F(AuthServiceTest, LoginRehashesWhenParametersChange) {
  services::PasswordHasher stronger({.memory_kib = 128, .iterations = 2, .parallelism = 1, .random = {}});
  AuthService upgraded(db_.users(), db_.api_tokens(), db_.admin_sessions(), stronger, clock_);
  std::string before = db_.users().FindUserById(owner_id_)->password_hash;
  ASSERT_TRUE(upgraded.Login("owner@butcher.test", kPassword, "10.0.0.1").ok());
  std::string after = db_.users().FindUserById(owner_id_)->password_hash;
  EXPECT_NE(before, after);
  EXPECT_FALSE(stronger.NeedsRehash(after));
  EXPECT_TRUE(upgraded.Login("owner@butcher.test", kPassword, "10.0.0.1").ok());
}

}  // namespace
