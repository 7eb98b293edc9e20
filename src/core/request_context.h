// RequestContext: what every layer needs to know about the request it serves.
// Passed down explicitly; there is no ambient tenant or request state.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/tenant_key.h"

namespace core {

enum class Channel { kWeb, kWhatsApp, kApi, kCli };

struct RequestContext {
  std::string request_id;
  std::optional<TenantKey> tenant;
  Channel channel = Channel::kApi;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

}  // namespace core
