#include "services/channels/channel_directory.h"

namespace services {

using core::ErrorCode;
using core::MakeError;

ChannelDirectory::ChannelDirectory(retrieval::TenantRepository& repository, const core::Clock& clock,
                                   std::chrono::milliseconds refresh, Warn warn)
    : repository_(repository), clock_(clock), refresh_(refresh), warn_(std::move(warn)) {}

void ChannelDirectory::MaybeRefresh() {
  std::lock_guard refreshing(refresh_mu_);
  auto now = clock_.Monotonic();
  if (now < next_refresh_) return;
  Index old;
  {
    std::shared_lock lock(mu_);
    old = index_;
  }
  Index fresh = Rebuild(old);
  for (const std::string& conflict : fresh.conflicts) {
    if (!old.conflicts.count(conflict) && warn_) warn_(conflict);
  }
  {
    std::unique_lock lock(mu_);
    index_ = std::move(fresh);
  }
  next_refresh_ = clock_.Monotonic() + refresh_;
}

ChannelDirectory::Index ChannelDirectory::Rebuild(const Index& old) {
  Index index;
  for (const core::TenantKey& key : repository_.ListTenants()) {
    std::string token = repository_.ChangeToken(key);
    auto known = old.tenants.find(key.str());
    if (known != old.tenants.end() && known->second.token == token) {
      index.tenants.emplace(key.str(), known->second);
      continue;
    }
    auto data = repository_.Load(key);
    if (!data.ok()) {
      // Keep serving what the tenant had; a broken edit is reported by the
      // tenant registry too.
      if (known != old.tenants.end()) index.tenants.emplace(key.str(), known->second);
      continue;
    }
    index.tenants.emplace(key.str(), Entry{token, ChannelSettingsOf(**data)});
  }
  std::map<std::string, std::vector<std::string>> phone_ids, twilio_numbers;
  for (const auto& [tenant, entry] : index.tenants) {
    if (entry.settings.meta.enabled) phone_ids[entry.settings.meta.phone_number_id].push_back(tenant);
    if (entry.settings.twilio.enabled) twilio_numbers[entry.settings.twilio.number].push_back(tenant);
  }
  auto add = [&index](const std::map<std::string, std::vector<std::string>>& claims,
                      std::map<std::string, std::string, std::less<>>& to, const char* what) {
    for (const auto& [address, tenants] : claims) {
      if (tenants.size() == 1) {
        to.emplace(address, tenants.front());
        continue;
      }
      std::string names;
      for (const auto& t : tenants) names += (names.empty() ? "" : ", ") + t;
      index.conflicts.insert(std::string(what) + " " + address + " is configured by several tenants (" + names +
                             "); its messages go to none of them until only one has it");
    }
  };
  add(phone_ids, index.by_phone_number_id, "WhatsApp phone_number_id");
  add(twilio_numbers, index.by_twilio_number, "Twilio number");
  return index;
}

core::Result<ChannelTenant> ChannelDirectory::Lookup(const std::map<std::string, std::string, std::less<>> Index::*by,
                                                     std::string_view address) {
  MaybeRefresh();
  std::shared_lock lock(mu_);
  const auto& map = index_.*by;
  auto it = map.find(address);
  if (it == map.end()) {
    return MakeError(ErrorCode::kNotFound, "no tenant has channel address " + std::string(address),
                     "No business here receives messages for this number.");
  }
  const Entry& entry = index_.tenants.at(it->second);
  return ChannelTenant{*core::TenantKey::Parse(it->second), entry.settings};
}

core::Result<ChannelTenant> ChannelDirectory::ByPhoneNumberId(std::string_view phone_number_id) {
  return Lookup(&Index::by_phone_number_id, phone_number_id);
}

core::Result<ChannelTenant> ChannelDirectory::ByTwilioNumber(std::string_view number) {
  return Lookup(&Index::by_twilio_number, number);
}

core::Result<ChannelSettings> ChannelDirectory::SettingsOf(const core::TenantKey& tenant) {
  MaybeRefresh();
  std::shared_lock lock(mu_);
  auto it = index_.tenants.find(tenant.str());
  if (it == index_.tenants.end()) {
    return MakeError(ErrorCode::kNotFound, "unknown tenant " + tenant.str(), "Unknown business.");
  }
  return it->second.settings;
}

std::vector<core::TenantKey> ChannelDirectory::MetaTenants() {
  MaybeRefresh();
  std::shared_lock lock(mu_);
  std::vector<core::TenantKey> out;
  for (const auto& [phone_number_id, tenant] : index_.by_phone_number_id)
    out.push_back(*core::TenantKey::Parse(tenant));
  return out;
}

}  // namespace services
