// AdminSessionStore: signed-in dashboard sessions, keyed by the hash of
// the session cookie's value (the cookie itself is never stored).
//
// Scope: a session is found by its hash alone and carries its user.
// Expiry is the caller's decision: an expired session is returned until it
// is deleted.
//
// Times are stored with millisecond precision. Errors: kNotFound (no such
// session), kConflict (hash taken), kInvalidArgument (unknown user),
// kUnavailable (database down or a driver error; retryable when the driver
// knows it is transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "db/records.h"

namespace db {

class AdminSessionStore {
 public:
  virtual ~AdminSessionStore() = default;

  // kInvalidArgument when session.user_id is not a user; kConflict when
  // the hash exists.
  virtual core::Status CreateAdminSession(const AdminSession& session) = 0;

  // kNotFound for an unknown hash.
  virtual core::Result<AdminSession> FindAdminSession(const std::string& token_hash) = 0;

  // Sets last_seen (the sliding idle timeout). Ok when the session is gone.
  virtual core::Status TouchAdminSession(const std::string& token_hash, Time at) = 0;

  // Ok whether or not the session existed (logout is idempotent).
  virtual core::Status DeleteAdminSession(const std::string& token_hash) = 0;

  // Signs a user out everywhere. Returns how many sessions were removed.
  virtual core::Result<int64_t> DeleteUserSessions(int64_t user_id) = 0;

  // Removes the sessions whose absolute expiry is at or before `now`.
  // Returns how many were removed.
  virtual core::Result<int64_t> DeleteExpiredAdminSessions(Time now) = 0;
};

}  // namespace db
