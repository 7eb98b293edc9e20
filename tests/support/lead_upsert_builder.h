// LeadUpsertBuilder: a db::LeadUpsert for tests, with fluent setters and
// defaults a test rarely needs to spell out: tenant "SHOP", session "s1",
// channel "web", at kLeadUpsertTime, everything else unknown (empty, no
// value estimate, no hand-off). Converts implicitly to db::LeadUpsert.
//
//   store.UpsertLead(LeadUpsertBuilder().Tenant("a").Phone("+447700900123"));
//   batch.leads.push_back(LeadUpsertBuilder("UK_BUTCHER", "s2").Tags({"lamb"}).At(t));
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/records.h"

namespace testing_support {

// 2026-09-21T14:13:20Z, the default `at`.
inline const db::Time kLeadUpsertTime = db::Time(std::chrono::milliseconds(1'790'000'000'000));

class LeadUpsertBuilder {
 public:
  explicit LeadUpsertBuilder(std::string tenant = "SHOP", std::string session = "s1") {
    u_.tenant = std::move(tenant);
    u_.session = std::move(session);
    u_.channel = "web";
    u_.at = kLeadUpsertTime;
  }

  LeadUpsertBuilder& Tenant(std::string tenant) { return Set(u_.tenant, std::move(tenant)); }
  LeadUpsertBuilder& Session(std::string session) { return Set(u_.session, std::move(session)); }
  LeadUpsertBuilder& Name(std::string name) { return Set(u_.name, std::move(name)); }
  LeadUpsertBuilder& Phone(std::string phone) { return Set(u_.phone, std::move(phone)); }
  LeadUpsertBuilder& Email(std::string email) { return Set(u_.email, std::move(email)); }
  LeadUpsertBuilder& Channel(std::string channel) { return Set(u_.channel, std::move(channel)); }
  LeadUpsertBuilder& Tags(std::vector<std::string> tags) { return Set(u_.tags, std::move(tags)); }
  // The value estimate, and its currency when given.
  LeadUpsertBuilder& Value(int64_t minor, std::string currency = "") {
    u_.value_estimate_minor = minor;
    if (!currency.empty()) u_.currency = std::move(currency);
    return *this;
  }
  LeadUpsertBuilder& Currency(std::string currency) { return Set(u_.currency, std::move(currency)); }
  LeadUpsertBuilder& Handoff(bool on) { return Set(u_.handoff, std::optional<bool>(on)); }
  LeadUpsertBuilder& At(db::Time at) { return Set(u_.at, at); }

  db::LeadUpsert Build() const { return u_; }
  operator db::LeadUpsert() const { return u_; }  // NOLINT: implicit by design

 private:
  template <class T, class V>
  LeadUpsertBuilder& Set(T& field, V&& value) {
    field = std::forward<V>(value);
    return *this;
  }

  db::LeadUpsert u_;
};

}  // namespace testing_support
