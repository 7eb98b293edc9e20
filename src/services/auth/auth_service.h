// AuthService: admin accounts, dashboard sign-in and API tokens. Implements
// Authenticator for the /admin/api and /analytics/api guards.
//
// Credentials:
//   - Dashboard: Login gives a session token (the HttpOnly aiv7_session
//     cookie) and a CSRF token (double-submit: the aiv7_csrf cookie, sent
//     back by the dashboard in X-CSRF-Token on state-changing requests).
//     Both are 32 random bytes, base64url; only their SHA-256 is stored.
//     A session ends after `session_idle` without use or `session_max`
//     after sign-in, whichever comes first, or at Logout.
//   - Automation: API tokens "aiv7_" + 32 random bytes base64url, shown once
//     at creation, stored as SHA-256. A token needs no CSRF token.
//
// Sign-in protection: attempts are rate limited per remote address and per
// email (in memory, bounded); `max_failures` consecutive wrong passwords lock
// the account for `lockout` (in the database, so it survives restarts). A
// locked account answers kTooManyRequests with the same message as the
// per-email limit and without checking the password. Lock-out only guards
// password sign-in: sessions and tokens issued before keep working.
//
// Token policy: owners and platform admins may create tokens, staff may not;
// tokens are created only from a dashboard session (a leaked token cannot
// mint more). Anyone may list and revoke their own tokens.
//
// Nothing here logs or returns passwords, hashes or stored tokens.
// Storage: accounts and lock-outs in a db::UserStore, API tokens in a
// db::ApiTokenStore, dashboard sessions in a db::AdminSessionStore.
//
// Thread-safe. The stores, `hasher` and `clock` must outlive the service.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "db/admin_session_store.h"
#include "db/api_token_store.h"
#include "db/user_store.h"
#include "services/auth/authenticator.h"
#include "services/auth/login_rate_limiter.h"
#include "services/auth/password_hasher.h"

namespace services {

struct AuthOptions {
  std::chrono::seconds session_idle = std::chrono::hours(12);
  std::chrono::seconds session_max = std::chrono::hours(24 * 7);
  int64_t max_failures = 5;
  std::chrono::seconds lockout = std::chrono::minutes(15);
  // 20 attempts at once per address, then one every 30 s.
  RateLimit per_address{20, std::chrono::seconds(30)};
  // 10 attempts at once per email, then one every 90 s.
  RateLimit per_email{10, std::chrono::seconds(90)};
  size_t rate_limit_keys = 10'000;
  // last_seen / last_used are written at most this often per session/token.
  std::chrono::seconds touch_interval = std::chrono::minutes(1);
  RandomBytes random;  // empty: SystemRandomBytes()
};

struct LoginResult {
  std::string session_token;  // the aiv7_session cookie value; never logged
  std::string csrf_token;     // the aiv7_csrf cookie / X-CSRF-Token value
  Principal principal;
  std::chrono::system_clock::time_point expires_at;  // absolute end of the session
};

// A token as listed (never its value or hash).
struct ApiTokenInfo {
  int64_t id = 0;
  std::string name;
  std::chrono::system_clock::time_point created_at;
  std::optional<std::chrono::system_clock::time_point> last_used;
};

struct NewApiToken {
  ApiTokenInfo info;
  std::string token;  // plaintext, shown once
};

// A user as the team page lists it (never the password hash).
struct UserInfo {
  int64_t id = 0;
  std::string email;
  std::string role;  // "owner" or "staff"
  std::chrono::system_clock::time_point created_at;
  bool locked = false;  // locked out after failed sign-ins, now
};

class AuthService final : public Authenticator {
 public:
  AuthService(db::UserStore& users, db::ApiTokenStore& tokens, db::AdminSessionStore& sessions,
              const PasswordHasher& hasher, const core::Clock& clock, AuthOptions options = {});

  // Signs in with email (trimmed, lower-cased) and password. Errors:
  // kInvalidArgument (empty email or password), kUnauthorized "Email or
  // password is wrong." for an unknown email and a wrong password alike (an
  // unknown email still costs one hash), kTooManyRequests when the address
  // or the email is over its limit or the account is locked, kUnavailable
  // when the database is down.
  core::Result<LoginResult> Login(std::string_view email, std::string_view password, std::string_view remote_address);

  // Ends the session whose cookie value is `session_token` (idempotent).
  core::Status Logout(std::string_view session_token);

  core::Result<Principal> Authenticate(const AuthRequest& request) override;

  // kForbidden for staff or when `who` came with an API token;
  // kInvalidArgument for an empty name or one over 100 bytes.
  core::Result<NewApiToken> CreateToken(const Principal& who, std::string_view name);
  core::Result<std::vector<ApiTokenInfo>> ListTokens(const Principal& who);
  // kNotFound unless the token is the caller's; revoking twice is ok.
  core::Status RevokeToken(const Principal& who, int64_t token_id);

  // Creates an account (for `aiv7 user add`). `role` is owner, staff or
  // admin; owner and staff need a valid tenant key, admin must have none.
  // kInvalidArgument for a bad email, role, tenant or password (policy),
  // kConflict when the email is taken. Returns the user id. The caller
  // checks that the tenant exists.
  core::Result<int64_t> CreateUser(std::string_view email, std::string_view password, std::string_view role,
                                   std::optional<std::string_view> tenant);

  // Team management, for callers the route has checked for
  // Permission::kManageUsers on `tenant`. Owners manage staff (and may reset
  // their own password); platform admins manage owners and staff. A user of
  // another tenant is kNotFound; a role an owner may not touch, or removing
  // oneself, is kForbidden; password policy and email as CreateUser.
  core::Result<std::vector<UserInfo>> ListUsers(const core::TenantKey& tenant);
  core::Result<UserInfo> AddUser(const Principal& who, const core::TenantKey& tenant, std::string_view email,
                                 std::string_view password, std::string_view role);
  // Sets a new password, lifts a lock-out and ends the user's dashboard
  // sessions (unless it is the caller's own password).
  core::Status ResetPassword(const Principal& who, const core::TenantKey& tenant, int64_t user_id,
                             std::string_view password);
  // Removes the user with their API tokens and sessions.
  core::Status RemoveUser(const Principal& who, const core::TenantKey& tenant, int64_t user_id);

  // "Owner@Shop.test " -> "owner@shop.test".
  static std::string NormalizeEmail(std::string_view email);
  // SHA-256 of `secret` as "sha256:<hex>": how sessions, CSRF tokens and API
  // tokens are stored.
  static std::string HashSecret(std::string_view secret);

  const AuthOptions& options() const { return options_; }

 private:
  core::Result<Principal> AuthenticateToken(std::string_view token);
  core::Result<Principal> AuthenticateSession(std::string_view cookie, const AuthRequest& request);
  core::Result<Principal> PrincipalFor(int64_t user_id);
  // The user `user_id` of `tenant` that `who` may manage (see ListUsers).
  core::Result<db::User> ManagedUser(const Principal& who, const core::TenantKey& tenant, int64_t user_id,
                                     bool allow_self);
  std::string RandomToken();

  db::UserStore& users_;
  db::ApiTokenStore& tokens_;
  db::AdminSessionStore& sessions_;
  const PasswordHasher& hasher_;
  const core::Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown emails
  LoginRateLimiter per_address_;
  LoginRateLimiter per_email_;

  // Unknown emails fail and lock exactly like accounts do (max_failures,
  // lockout), so the answers never tell which emails have an account. In
  // memory, at most rate_limit_keys emails; the oldest is dropped first.
  struct PhantomLock {
    int64_t failures = 0;
    std::optional<std::chrono::system_clock::time_point> locked_until;
    std::chrono::system_clock::time_point last_failure{};
  };
  std::optional<std::chrono::seconds> PhantomLocked(const std::string& email,
                                                    std::chrono::system_clock::time_point now);
  void PhantomFailure(const std::string& email, std::chrono::system_clock::time_point now);
  std::mutex phantom_mu_;
  std::unordered_map<std::string, PhantomLock> phantom_;
};

}  // namespace services
