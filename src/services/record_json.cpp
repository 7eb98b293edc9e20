#include "services/record_json.h"

#include <nlohmann/json.hpp>

namespace services {

using nlohmann::json;

namespace {

int64_t ToMs(db::Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
db::Time FromMs(int64_t ms) {
  return db::Time(std::chrono::duration_cast<db::Time::duration>(std::chrono::milliseconds(ms)));
}

json EventJson(const db::Event& e) {
  return {{"tenant", e.tenant},     {"session", e.session},   {"channel", e.channel},
          {"kind", e.kind},         {"at", ToMs(e.at)},       {"intent", e.intent},
          {"confidence", e.confidence}, {"resolved", e.resolved}, {"clarifier", e.clarifier},
          {"fallback", e.fallback}, {"items", e.items},       {"cart_value_minor", e.cart_value_minor},
          {"currency", e.currency}, {"latency_us", e.latency_us}, {"query", e.query},
          {"zero_result", e.zero_result}, {"payload", e.payload}};
}

json MessageJson(const db::Message& m) {
  return {{"tenant", m.tenant}, {"session", m.session}, {"at", ToMs(m.at)},           {"role", m.role},
          {"text", m.text},     {"intent", m.intent},   {"confidence", m.confidence}, {"facts", m.facts}};
}

json LeadJson(const db::LeadUpsert& u) {
  json j = {{"tenant", u.tenant}, {"session", u.session}, {"name", u.name},         {"phone", u.phone},
            {"email", u.email},   {"channel", u.channel}, {"tags", u.tags},         {"currency", u.currency},
            {"at", ToMs(u.at)}};
  if (u.value_estimate_minor) j["value_estimate_minor"] = *u.value_estimate_minor;
  if (u.handoff) j["handoff"] = *u.handoff;
  return j;
}

json OrderJson(const db::Order& o) {
  json j = {{"tenant", o.tenant},           {"order_id", o.order_id}, {"session", o.session},
            {"fulfilment", o.fulfilment},   {"total_minor", o.total_minor}, {"currency", o.currency},
            {"lines", o.lines},             {"at", ToMs(o.at)}};
  if (o.lead_id) j["lead_id"] = *o.lead_id;
  return j;
}

// Reads `key` into `out` when present; a wrong type throws json::type_error,
// turned into kInvalidJson by the caller.
template <class T>
void Get(const json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}
void GetTime(const json& j, const char* key, db::Time& out) {
  int64_t ms = 0;
  Get(j, key, ms);
  out = FromMs(ms);
}

db::Event EventFrom(const json& j) {
  db::Event e;
  Get(j, "tenant", e.tenant);
  Get(j, "session", e.session);
  Get(j, "channel", e.channel);
  Get(j, "kind", e.kind);
  GetTime(j, "at", e.at);
  Get(j, "intent", e.intent);
  Get(j, "confidence", e.confidence);
  Get(j, "resolved", e.resolved);
  Get(j, "clarifier", e.clarifier);
  Get(j, "fallback", e.fallback);
  Get(j, "items", e.items);
  Get(j, "cart_value_minor", e.cart_value_minor);
  Get(j, "currency", e.currency);
  Get(j, "latency_us", e.latency_us);
  Get(j, "query", e.query);
  Get(j, "zero_result", e.zero_result);
  Get(j, "payload", e.payload);
  return e;
}

db::Message MessageFrom(const json& j) {
  db::Message m;
  Get(j, "tenant", m.tenant);
  Get(j, "session", m.session);
  GetTime(j, "at", m.at);
  Get(j, "role", m.role);
  Get(j, "text", m.text);
  Get(j, "intent", m.intent);
  Get(j, "confidence", m.confidence);
  Get(j, "facts", m.facts);
  return m;
}

db::LeadUpsert LeadFrom(const json& j) {
  db::LeadUpsert u;
  Get(j, "tenant", u.tenant);
  Get(j, "session", u.session);
  Get(j, "name", u.name);
  Get(j, "phone", u.phone);
  Get(j, "email", u.email);
  Get(j, "channel", u.channel);
  Get(j, "tags", u.tags);
  Get(j, "currency", u.currency);
  GetTime(j, "at", u.at);
  if (j.contains("value_estimate_minor")) u.value_estimate_minor = j.at("value_estimate_minor").get<int64_t>();
  if (j.contains("handoff")) u.handoff = j.at("handoff").get<bool>();
  return u;
}

db::Order OrderFrom(const json& j) {
  db::Order o;
  Get(j, "tenant", o.tenant);
  Get(j, "order_id", o.order_id);
  Get(j, "session", o.session);
  Get(j, "fulfilment", o.fulfilment);
  Get(j, "total_minor", o.total_minor);
  Get(j, "currency", o.currency);
  Get(j, "lines", o.lines);
  GetTime(j, "at", o.at);
  if (j.contains("lead_id")) o.lead_id = j.at("lead_id").get<int64_t>();
  return o;
}

template <class T, class F>
void ReadArray(const json& j, const char* key, std::vector<T>& out, F from) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (!it->is_array()) throw json::type_error::create(302, std::string(key) + " is not an array", nullptr);
  for (const json& item : *it) {
    if (!item.is_object()) throw json::type_error::create(302, std::string(key) + " holds a non-object", nullptr);
    out.push_back(from(item));
  }
}

}  // namespace

namespace {

json BatchJson(const db::RecordBatch& batch) {
  json j = json::object();
  auto add = [&j](const char* key, const auto& items, auto to) {
    if (items.empty()) return;
    json a = json::array();
    for (const auto& item : items) a.push_back(to(item));
    j[key] = std::move(a);
  };
  add("events", batch.events, EventJson);
  add("messages", batch.messages, MessageJson);
  add("leads", batch.leads, LeadJson);
  add("orders", batch.orders, OrderJson);
  return j;
}

// Throws json::exception on a wrong shape.
db::RecordBatch BatchFrom(const json& j) {
  if (!j.is_object()) throw json::type_error::create(302, "record batch is not a JSON object", nullptr);
  db::RecordBatch batch;
  ReadArray(j, "events", batch.events, EventFrom);
  ReadArray(j, "messages", batch.messages, MessageFrom);
  ReadArray(j, "leads", batch.leads, LeadFrom);
  ReadArray(j, "orders", batch.orders, OrderFrom);
  return batch;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string RecordBatchToJson(const db::RecordBatch& batch) { return Dump(BatchJson(batch)); }

core::Result<db::RecordBatch> RecordBatchFromJson(std::string_view text) {
  try {
    return BatchFrom(json::parse(text));
  } catch (const json::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidJson, std::string("record batch: ") + e.what());
  }
}

std::string JournalLine(int64_t seq, std::string_view batch_json) {
  std::string line = "{\"seq\":";
  line += std::to_string(seq);
  line += ",\"batch\":";
  line += batch_json;
  line += "}\n";
  return line;
}

core::Result<JournalRecord> ParseJournalLine(std::string_view line) {
  try {
    json j = json::parse(line);
    if (!j.is_object() || !j.contains("seq") || !j.contains("batch")) {
      return core::MakeError(core::ErrorCode::kInvalidJson, "journal line without seq and batch");
    }
    return JournalRecord{j.at("seq").get<int64_t>(), BatchFrom(j.at("batch"))};
  } catch (const json::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidJson, std::string("journal line: ") + e.what());
  }
}

}  // namespace services
