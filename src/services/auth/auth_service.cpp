#include "services/auth/auth_service.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/secure_compare.h"
#include "core/tenant_key.h"
#include "db/records.h"

namespace services {

namespace {

using core::ErrorCode;
using core::MakeError;
using Time = std::chrono::system_clock::time_point;

constexpr size_t kSecretBytes = 32;
constexpr size_t kSecretChars = 43;  // base64url of 32 bytes, unpadded
constexpr std::string_view kTokenPrefix = "aiv7_";
constexpr size_t kMaxTokenName = 100;
constexpr size_t kMaxEmailBytes = 254;

std::string Base64Url(const unsigned char* data, size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

bool IsSecretShape(std::string_view s) {
  return s.size() == kSecretChars &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsEmailShape(std::string_view e) {
  if (e.size() < 3 || e.size() > kMaxEmailBytes) return false;
  size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = e.substr(at + 1);
  size_t dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) {
    return c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',' || c == ';';
  });
}

core::Error WrongCredentials() {
  return MakeError(ErrorCode::kUnauthorized, "login failed: unknown email or wrong password",
                   "Email or password is wrong.");
}

std::string Minutes(std::chrono::seconds wait) {
  auto minutes = std::max<int64_t>(1, (wait.count() + 59) / 60);
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

// One message for a locked account and for an email over its limit, so the
// answer does not tell whether the account exists.
core::Error AccountThrottled(std::chrono::seconds wait) {
  return MakeError(ErrorCode::kTooManyRequests, "login refused: account locked or email over its attempt limit",
                   "Too many sign-in attempts for this account. Try again in " + Minutes(wait) + ".");
}

core::Error NotSignedIn(std::string why) {
  return MakeError(ErrorCode::kUnauthorized, std::move(why),
                   "You are not signed in, or your session has ended; sign in again.");
}

ApiTokenInfo InfoOf(const db::ApiToken& t) { return {t.id, t.name, t.created_at, t.last_used}; }

}  // namespace

AuthService::AuthService(db::UserStore& users, db::ApiTokenStore& tokens, db::AdminSessionStore& sessions,
                         const PasswordHasher& hasher, const core::Clock& clock, AuthOptions options)
    : users_(users),
      tokens_(tokens),
      sessions_(sessions),
      hasher_(hasher),
      clock_(clock),
      options_(std::move(options)),
      per_address_(options_.per_address, options_.rate_limit_keys),
      per_email_(options_.per_email, options_.rate_limit_keys) {
  if (!options_.random) options_.random = SystemRandomBytes();
  // Unknown emails verify against this, so they cost what a real account does.
  auto dummy = hasher_.Hash(RandomToken());
  dummy_hash_ = dummy.ok() ? *dummy : std::string();
}

std::string AuthService::NormalizeEmail(std::string_view email) {
  std::string out(TrimSpace(email));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string AuthService::HashSecret(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(secret.data(), secret.size(), digest.data(), &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string AuthService::RandomToken() {
  std::array<unsigned char, kSecretBytes> bytes{};
  options_.random(bytes.data(), bytes.size());
  return Base64Url(bytes.data(), bytes.size());
}

core::Result<LoginResult> AuthService::Login(std::string_view email_in, std::string_view password,
                                             std::string_view remote_address) {
  const Time now = clock_.Now();
  const std::string email = NormalizeEmail(email_in);
  if (email.empty() || password.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "login without email or password", "Give your email and password.");
  }
  if (auto wait = per_address_.TryTake(remote_address, now)) {
    return MakeError(ErrorCode::kTooManyRequests, "login refused: address over its attempt limit",
                     "Too many sign-in attempts from your network. Try again in " + Minutes(*wait) + ".");
  }
  // Keys are bounded so an attacker cannot grow the table with huge emails.
  if (auto wait = per_email_.TryTake(email.substr(0, kMaxEmailBytes), now)) return AccountThrottled(*wait);

  auto user = users_.FindUserByEmail(email);
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return user.error();
    if (auto wait = PhantomLocked(email, now)) return AccountThrottled(*wait);
    (void)hasher_.Verify(password, dummy_hash_);
    PhantomFailure(email, now);
    return WrongCredentials();
  }
  if (user->locked_until && *user->locked_until > now) {
    return AccountThrottled(std::chrono::ceil<std::chrono::seconds>(*user->locked_until - now));
  }
  if (!hasher_.Verify(password, user->password_hash)) {
    auto failed = users_.RecordLoginFailure(user->id, options_.max_failures, now + options_.lockout);
    if (!failed.ok()) return failed.error();
    return WrongCredentials();
  }
  if (user->failed_logins > 0 || user->locked_until) {
    if (auto reset = users_.RecordLoginSuccess(user->id); !reset.ok()) return reset.error();
  }
  if (hasher_.NeedsRehash(user->password_hash)) {
    // Best effort: the old hash still verifies if this fails.
    if (auto rehashed = hasher_.Hash(password); rehashed.ok()) (void)users_.SetPasswordHash(user->id, *rehashed);
  }
  // Sign-in is rare; a good moment to drop sessions past their absolute end.
  (void)sessions_.DeleteExpiredAdminSessions(now);

  LoginResult result;
  result.session_token = RandomToken();
  result.csrf_token = RandomToken();
  result.expires_at = now + options_.session_max;
  db::AdminSession session{
      HashSecret(result.session_token), user->id, HashSecret(result.csrf_token), now, result.expires_at, now};
  if (auto created = sessions_.CreateAdminSession(session); !created.ok()) return created.error();
  result.principal = Principal{user->id, user->email, user->role, user->tenant, false};
  return result;
}

std::optional<std::chrono::seconds> AuthService::PhantomLocked(const std::string& email, Time now) {
  const std::string key = email.substr(0, kMaxEmailBytes);
  std::lock_guard lock(phantom_mu_);
  auto it = phantom_.find(key);
  if (it == phantom_.end() || !it->second.locked_until) return std::nullopt;
  if (*it->second.locked_until > now) return std::chrono::ceil<std::chrono::seconds>(*it->second.locked_until - now);
  phantom_.erase(it);  // the lock ran out: counting starts again, as for an account
  return std::nullopt;
}

void AuthService::PhantomFailure(const std::string& email, Time now) {
  const std::string key = email.substr(0, kMaxEmailBytes);
  std::lock_guard lock(phantom_mu_);
  if (!phantom_.count(key) && phantom_.size() >= options_.rate_limit_keys) {
    auto oldest = std::min_element(phantom_.begin(), phantom_.end(), [](const auto& a, const auto& b) {
      return a.second.last_failure < b.second.last_failure;
    });
    phantom_.erase(oldest);
  }
  PhantomLock& entry = phantom_[key];
  entry.last_failure = now;
  if (++entry.failures >= options_.max_failures) entry.locked_until = now + options_.lockout;
}

core::Status AuthService::Logout(std::string_view session_token) {
  if (!IsSecretShape(session_token)) return core::Status::Ok();
  return sessions_.DeleteAdminSession(HashSecret(session_token));
}

core::Result<Principal> AuthService::Authenticate(const AuthRequest& request) {
  if (request.bearer_token) return AuthenticateToken(*request.bearer_token);
  if (request.session_cookie) return AuthenticateSession(*request.session_cookie, request);
  return MakeError(ErrorCode::kUnauthorized, "no credentials", "Sign in first, or send an API token.");
}

core::Result<Principal> AuthService::PrincipalFor(int64_t user_id) {
  auto user = users_.FindUserById(user_id);
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return user.error();
    return MakeError(ErrorCode::kUnauthorized, "credentials of a deleted user", "This account no longer exists.");
  }
  return Principal{user->id, user->email, user->role, user->tenant, false};
}

core::Result<Principal> AuthService::AuthenticateToken(std::string_view token) {
  auto invalid = [] {
    return MakeError(ErrorCode::kUnauthorized, "unknown or revoked API token",
                     "The API token is not valid or has been revoked.");
  };
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix || !IsSecretShape(token.substr(kTokenPrefix.size()))) {
    return invalid();
  }
  auto stored = tokens_.FindToken(HashSecret(token));
  if (!stored.ok()) {
    if (stored.error().code != ErrorCode::kNotFound) return stored.error();
    return invalid();
  }
  auto who = PrincipalFor(stored->user_id);
  if (!who.ok()) return who;
  who->via_token = true;
  const Time now = clock_.Now();
  if (!stored->last_used || now - *stored->last_used >= options_.touch_interval) {
    (void)tokens_.TouchToken(stored->id, now);  // bookkeeping; never fails a request
  }
  return who;
}

core::Result<Principal> AuthService::AuthenticateSession(std::string_view cookie, const AuthRequest& request) {
  if (!IsSecretShape(cookie)) return NotSignedIn("malformed session cookie");
  const std::string hash = HashSecret(cookie);
  auto session = sessions_.FindAdminSession(hash);
  if (!session.ok()) {
    if (session.error().code != ErrorCode::kNotFound) return session.error();
    return NotSignedIn("unknown session");
  }
  const Time now = clock_.Now();
  if (now >= session->expires_at || now - session->last_seen >= options_.session_idle) {
    (void)sessions_.DeleteAdminSession(hash);
    return MakeError(ErrorCode::kUnauthorized, "expired session", "Your session has expired; sign in again.");
  }
  if (request.state_changing) {
    // Compare hashes: equal length always, and the stored value is a hash.
    if (!request.csrf_token || request.csrf_token->empty() ||
        !core::ConstantTimeEquals(HashSecret(*request.csrf_token), session->csrf_hash)) {
      return MakeError(ErrorCode::kForbidden, "missing or wrong CSRF token", "Missing or wrong CSRF token.");
    }
  }
  auto who = PrincipalFor(session->user_id);
  if (!who.ok()) return who;
  if (now - session->last_seen >= options_.touch_interval) (void)sessions_.TouchAdminSession(hash, now);
  return who;
}

core::Result<NewApiToken> AuthService::CreateToken(const Principal& who, std::string_view name_in) {
  if (who.via_token) {
    return MakeError(ErrorCode::kForbidden, "token creation with a token",
                     "API tokens can only be created from a signed-in dashboard session.");
  }
  if (who.role != "owner" && who.role != "admin") {
    return MakeError(ErrorCode::kForbidden, "staff may not create API tokens",
                     "Only owners and platform admins can create API tokens.");
  }
  std::string name(TrimSpace(name_in));
  if (name.empty() || name.size() > kMaxTokenName) {
    return MakeError(ErrorCode::kInvalidArgument, "bad token name",
                     "Give the token a name of 1 to " + std::to_string(kMaxTokenName) + " characters.");
  }
  NewApiToken out;
  out.token = std::string(kTokenPrefix) + RandomToken();
  db::ApiToken row{0, who.user_id, HashSecret(out.token), name, clock_.Now(), std::nullopt, false};
  auto id = tokens_.CreateToken(row);
  if (!id.ok()) return id.error();
  row.id = *id;
  out.info = InfoOf(row);
  return out;
}

core::Result<std::vector<ApiTokenInfo>> AuthService::ListTokens(const Principal& who) {
  auto rows = tokens_.ListTokens(who.user_id);
  if (!rows.ok()) return rows.error();
  std::vector<ApiTokenInfo> out;
  out.reserve(rows->size());
  for (const auto& t : *rows) out.push_back(InfoOf(t));
  return out;
}

core::Status AuthService::RevokeToken(const Principal& who, int64_t token_id) {
  auto revoked = tokens_.RevokeToken(who.user_id, token_id);
  if (!revoked.ok() && revoked.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound, "token not found", "No such API token.");
  }
  return revoked;
}

core::Result<int64_t> AuthService::CreateUser(std::string_view email_in, std::string_view password,
                                              std::string_view role, std::optional<std::string_view> tenant) {
  std::string email = NormalizeEmail(email_in);
  if (!IsEmailShape(email)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad email", "Give a valid email address (name@example.com).");
  }
  if (!db::IsUserRole(role)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad role", "The role must be owner, staff or admin.");
  }
  if (role == "admin" && tenant) {
    return MakeError(ErrorCode::kInvalidArgument, "admin with a tenant",
                     "A platform admin belongs to no tenant: leave the tenant out.");
  }
  if (role != "admin" && (!tenant || !core::TenantKey::IsValid(*tenant))) {
    return MakeError(ErrorCode::kInvalidArgument, "owner/staff without a valid tenant",
                     "An owner or staff member needs a valid tenant key ([A-Za-z0-9_-], up to 64).");
  }
  auto hash = hasher_.Hash(password);
  if (!hash.ok()) return hash.error();
  db::User user;
  user.email = email;
  user.password_hash = *hash;
  user.role = std::string(role);
  if (tenant) user.tenant = std::string(*tenant);
  user.created_at = clock_.Now();
  auto id = users_.CreateUser(user);
  if (!id.ok() && id.error().code == ErrorCode::kConflict) {
    return MakeError(ErrorCode::kConflict, "email taken", "A user with this email already exists.");
  }
  return id;
}

}  // namespace services
