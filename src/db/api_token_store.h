// ApiTokenStore: the API tokens automation signs in with. Only the hash of
// a token is stored, never the token.
//
// Scope: a token is found by its hash alone and carries its user for the
// caller to resolve; only its user may revoke or list it.
//
// Times are stored with millisecond precision. Errors: kNotFound (no such
// token for this lookup), kConflict (hash taken), kUnavailable (database
// down or a driver error; retryable when the driver knows it is transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class ApiTokenStore {
 public:
  virtual ~ApiTokenStore() = default;

  // Stores `token` (id, last_used and revoked are ignored: a new token is
  // unused and live). REQUIRES: token.user_id names a user. kConflict when
  // the hash exists. Returns the token id.
  virtual core::Result<int64_t> CreateToken(const ApiToken& token) = 0;

  // The live token with this hash; kNotFound for unknown or revoked ones.
  virtual core::Result<ApiToken> FindToken(const std::string& token_hash) = 0;

  // Sets last_used. Ok when there is no such token.
  virtual core::Status TouchToken(int64_t token_id, Time at) = 0;

  // Revokes one of the user's tokens; revoking it again is Ok. kNotFound
  // when the token does not exist or belongs to another user.
  virtual core::Status RevokeToken(int64_t user_id, int64_t token_id) = 0;

  // The user's tokens that are not revoked, newest first (created_at, then
  // id). Empty for an unknown user.
  virtual core::Result<std::vector<ApiToken>> ListTokens(int64_t user_id) = 0;
};

}  // namespace db
