// ChannelDirectory: which tenant an inbound message is for, found from the
// provider's own address, never from the message text: Meta's
// metadata.phone_number_id, Twilio's To number. Built from every tenant's
// current channels.json and refreshed at most once per `refresh` interval
// (cheaply: only tenants whose data changed are read again), so a channel
// switched on through the admin API is live within that interval.
//
// An address claimed by two tenants is ambiguous: it routes to neither, and
// the conflict is reported through `warn` when it appears.
//
// Thread-safe. `repository` must outlive the directory.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/tenant_key.h"
#include "retrieval/storage.h"
#include "services/channels/channel_settings.h"

namespace services {

struct ChannelTenant {
  core::TenantKey tenant;
  ChannelSettings settings;
};

class ChannelDirectory {
 public:
  using Warn = std::function<void(const std::string&)>;
  ChannelDirectory(retrieval::TenantRepository& repository, const core::Clock& clock, std::chrono::milliseconds refresh,
                   Warn warn);

  // The tenant whose enabled Meta channel has `phone_number_id`; kNotFound.
  core::Result<ChannelTenant> ByPhoneNumberId(std::string_view phone_number_id);
  // The tenant whose enabled Twilio channel sends from `number`
  // ("whatsapp:+..."); kNotFound.
  core::Result<ChannelTenant> ByTwilioNumber(std::string_view number);
  // The settings of `tenant` (no channel enabled when it has none);
  // kNotFound for an unknown tenant.
  core::Result<ChannelSettings> SettingsOf(const core::TenantKey& tenant);
  // Tenants with an enabled Meta channel, for webhook verification.
  std::vector<core::TenantKey> MetaTenants();

 private:
  struct Entry {
    std::string token;  // TenantRepository::ChangeToken when read
    ChannelSettings settings;
  };
  struct Index {
    std::map<std::string, Entry, std::less<>> tenants;
    std::map<std::string, std::string, std::less<>> by_phone_number_id;  // -> tenant
    std::map<std::string, std::string, std::less<>> by_twilio_number;    // -> tenant
    std::set<std::string> conflicts;                                     // reported once, when they appear
  };

  // Re-reads changed tenants when the interval has passed.
  void MaybeRefresh();
  Index Rebuild(const Index& old);
  core::Result<ChannelTenant> Lookup(const std::map<std::string, std::string, std::less<>> Index::*by,
                                     std::string_view address);

  retrieval::TenantRepository& repository_;
  const core::Clock& clock_;
  std::chrono::milliseconds refresh_;
  Warn warn_;
  std::mutex refresh_mu_;  // one refresher at a time
  std::chrono::steady_clock::time_point next_refresh_{};
  mutable std::shared_mutex mu_;
  Index index_;
};

}  // namespace services
