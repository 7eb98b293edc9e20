#include "services/session/session_json.h"

#include <nlohmann/json.hpp>

namespace services {

namespace {

using nlohmann::json;

// Milliseconds since the epoch: exact enough for last_seen comparisons and
// independent of the platform's clock resolution.
int64_t ToMillis(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::chrono::system_clock::time_point FromMillis(int64_t ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds(ms)));
}

template <typename T>
void Read(const json& j, const char* name, T& out) {
  auto it = j.find(name);
  if (it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace

std::string SessionToJson(const Session& s) {
  json j = {
      {"v", kSessionJsonVersion},
      {"id", s.id},
      {"tenant", s.tenant},
      {"created_ms", ToMillis(s.created)},
      {"last_seen_ms", ToMillis(s.last_seen)},
      {"turns", s.turns},
      {"name", s.name},
      {"phone", s.phone},
      {"email", s.email},
      {"branch_id", s.branch_id},
      {"last_skus", s.last_skus},
      {"last_intent", s.last_intent},
      {"pending", s.pending},
      {"pending_sku", s.pending_sku},
      {"fulfilment", s.fulfilment},
      {"order_id", s.order_id},
      {"upsell_offered", s.upsell_offered},
      {"handoff", s.handoff},
  };
  if (s.postcode) {
    j["postcode"] = {
        {"normalized", s.postcode->normalized}, {"outward", s.postcode->outward}, {"full", s.postcode->full}};
  }
  json cart = json::array();
  for (const auto& line : s.cart) {
    cart.push_back({{"sku", line.sku}, {"quantity", line.quantity}, {"option", line.option}});
  }
  j["cart"] = std::move(cart);
  // Invalid UTF-8 typed by a shopper is replaced, never an exception.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Session> SessionFromJson(std::string_view text) {
  try {
    json j = json::parse(text);
    if (!j.is_object()) return std::nullopt;
    int version = 0;
    Read(j, "v", version);
    if (version < 1 || version > kSessionJsonVersion) return std::nullopt;
    Session s;
    int64_t created = 0;
    int64_t last_seen = 0;
    Read(j, "id", s.id);
    Read(j, "tenant", s.tenant);
    Read(j, "created_ms", created);
    Read(j, "last_seen_ms", last_seen);
    s.created = FromMillis(created);
    s.last_seen = FromMillis(last_seen);
    Read(j, "turns", s.turns);
    Read(j, "name", s.name);
    Read(j, "phone", s.phone);
    Read(j, "email", s.email);
    Read(j, "branch_id", s.branch_id);
    Read(j, "last_skus", s.last_skus);
    Read(j, "last_intent", s.last_intent);
    Read(j, "pending", s.pending);
    Read(j, "pending_sku", s.pending_sku);
    Read(j, "fulfilment", s.fulfilment);
    Read(j, "order_id", s.order_id);
    Read(j, "upsell_offered", s.upsell_offered);
    Read(j, "handoff", s.handoff);
    if (auto it = j.find("postcode"); it != j.end() && it->is_object()) {
      retrieval::Postcode p;
      Read(*it, "normalized", p.normalized);
      Read(*it, "outward", p.outward);
      Read(*it, "full", p.full);
      s.postcode = std::move(p);
    }
    if (auto it = j.find("cart"); it != j.end() && it->is_array()) {
      for (const auto& item : *it) {
        if (!item.is_object()) return std::nullopt;
        CartLine line;
        Read(item, "sku", line.sku);
        Read(item, "quantity", line.quantity);
        Read(item, "option", line.option);
        s.cart.push_back(std::move(line));
      }
    }
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace services
