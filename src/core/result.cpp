#include "core/result.h"

namespace core {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kInvalidTenantKey: return "invalid_tenant_key";
    case ErrorCode::kUnknownTenant: return "unknown_tenant";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kSchemaInvalid: return "schema_invalid";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kPreconditionFailed: return "precondition_failed";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kIo: return "io_error";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace core
