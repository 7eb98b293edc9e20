// Expected failures as values. Every layer returns Result<T> or Status for
// anything that traffic, tenant data or the outside world can cause; exceptions
// are reserved for bugs and are converted at adapter boundaries.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace core {

// Stable, machine-readable failure kinds. The routes layer maps each to an
// HTTP status in one table (HttpStatusFor in src/routes/route_support.cpp).
enum class ErrorCode {
  kInvalidArgument,
  kInvalidJson,
  kInvalidTenantKey,
  kUnknownTenant,
  kNotFound,
  kSchemaInvalid,
  kPayloadTooLarge,
  kUnauthorized,
  kForbidden,
  kConflict,
  kTooManyRequests,  // rate limited or locked out for a while (HTTP 429)
  kPreconditionFailed,  // the caller's expected version is no longer current (HTTP 412)
  kUnavailable,
  kTimeout,
  kIo,
  kInternal,
};

// snake_case name used in JSON error bodies ("invalid_json").
std::string_view ErrorCodeName(ErrorCode code);

// One located problem, e.g. a schema violation: which file, where in it
// (RFC 6901 JSON pointer, "" for the whole document) and what is wrong.
struct ErrorDetail {
  std::string file;
  std::string pointer;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // For logs and operators; may name paths and internals, never secrets.
  std::string message;
  // Safe to show to a shopper or owner; defaults to `message` when empty.
  std::string user_message;
  bool retryable = false;
  std::vector<ErrorDetail> details;

  const std::string& UserMessage() const { return user_message.empty() ? message : user_message; }
};

inline Error MakeError(ErrorCode code, std::string message, std::string user_message = {}) {
  return Error{code, std::move(message), std::move(user_message), false, {}};
}

// Status: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok()
  const Error& error() const {
    assert(error_.has_value());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

// Result<T>: a T or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(v_);
  }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace core
