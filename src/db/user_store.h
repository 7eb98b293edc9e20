// UserStore: the accounts that may administer a tenant ("owner", "staff")
// or the platform ("admin"), with what password sign-in needs: the
// password hash and the count of consecutive failed logins behind the
// account lock-out.
//
// Scope: users are global (sign-in is by email); a user carries its tenant
// (none for a platform admin) for the caller to check.
//
// Times are stored with millisecond precision. Errors: kNotFound (no such
// user), kConflict (email taken), kInvalidArgument (bad role or tenant),
// kUnavailable (database down or a driver error; retryable when the driver
// knows it is transient).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/records.h"

namespace db {

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Stores `user` with no failed logins and no lock (those fields and the
  // id are ignored). kInvalidArgument unless IsUserRole(role), or for an
  // owner or staff member without a (non-empty) tenant; kConflict when the
  // email is taken. Returns the user id.
  virtual core::Result<int64_t> CreateUser(const User& user) = 0;

  // Exact match: the caller lower-cases emails. kNotFound for none.
  virtual core::Result<User> FindUserByEmail(const std::string& email) = 0;
  virtual core::Result<User> FindUserById(int64_t id) = 0;

  // Adds one failed login; when the count reaches `max_failures` the user
  // is locked until `lock_until`. Returns the user after the change;
  // kNotFound for an unknown user.
  virtual core::Result<User> RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) = 0;

  // Resets the failure count and the lock. kNotFound for an unknown user.
  virtual core::Status RecordLoginSuccess(int64_t user_id) = 0;

  // Replaces the stored password hash (e.g. re-hashed with new parameters).
  // kNotFound for an unknown user.
  virtual core::Status SetPasswordHash(int64_t user_id, const std::string& password_hash) = 0;

  // The owners and staff of `tenant`, by email.
  virtual core::Result<std::vector<User>> ListUsers(const std::string& tenant) = 0;

  // Removes the user; their API tokens and dashboard sessions go with them.
  // kNotFound for an unknown user.
  virtual core::Status DeleteUser(int64_t user_id) = 0;
};

}  // namespace db
