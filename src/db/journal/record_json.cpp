#include "db/journal/record_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

namespace db {

using nlohmann::json;

namespace {

int64_t ToMs(db::Time t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count(); }
db::Time FromMs(int64_t ms) {
  return db::Time(std::chrono::duration_cast<db::Time::duration>(std::chrono::milliseconds(ms)));
}

// The journal is written on every turn, on the request thread: a direct
// writer instead of a JSON DOM (the DOM cost about a third of a turn). The
// reader stays nlohmann (replay only). Invalid UTF-8 becomes U+FFFD, as
// nlohmann's error_handler_t::replace would do.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  void Open(char c) {
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }
  void Key(std::string_view key) {
    Comma();
    out_ += '"';
    out_ += key;  // keys are ASCII literals
    out_ += "\":";
    first_ = true;  // the value that follows takes no comma
  }
  void Str(std::string_view key, std::string_view value) {
    Key(key);
    Escaped(value);
    first_ = false;
  }
  void Int(std::string_view key, int64_t value) {
    Key(key);
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, end);
    first_ = false;
  }
  void Real(std::string_view key, double value) {
    Key(key);
    if (!std::isfinite(value)) {
      out_ += "null";
    } else if (value == 0) {
      out_ += '0';  // -0.0 too: "-0" reads back as the integer 0 (found by fuzz_journal_line)
    } else {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // shortest round trip
      out_.append(buf, end);
    }
    first_ = false;
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    out_ += value ? "true" : "false";
    first_ = false;
  }
  void Strings(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    out_ += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += ',';
      Escaped(values[i]);
    }
    out_ += ']';
    first_ = false;
  }
  // Starts an element of an array.
  void Element() { Comma(); }

 private:
  void Comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  void Escaped(std::string_view s) {
    out_ += '"';
    size_t i = 0;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        switch (c) {
          case '"': out_ += "\\\""; break;
          case '\\': out_ += "\\\\"; break;
          case '\n': out_ += "\\n"; break;
          case '\r': out_ += "\\r"; break;
          case '\t': out_ += "\\t"; break;
          default:
            if (c < 0x20) {
              char buf[8];
              std::snprintf(buf, sizeof buf, "\\u%04x", c);
              out_ += buf;
            } else {
              out_ += static_cast<char>(c);
            }
        }
        ++i;
        continue;
      }
      size_t n = Utf8Length(s, i);
      if (n == 0) {
        out_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
        ++i;
      } else {
        out_.append(s.data() + i, n);
        i += n;
      }
    }
    out_ += '"';
  }

  // Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong
  // forms, no surrogates, at most U+10FFFF), or 0.
  static size_t Utf8Length(std::string_view s, size_t i) {
    auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    auto cont = [](unsigned x) { return (x & 0xC0) == 0x80; };
    unsigned c = b(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(b(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      return b(1) >= lo && b(1) <= hi && cont(b(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      return b(1) >= lo && b(1) <= hi && cont(b(2)) && cont(b(3)) ? 4 : 0;
    }
    return 0;
  }

  std::string& out_;
  bool first_ = true;
};

void WriteEvent(JsonOut& w, const db::Event& e) {
  w.Open('{');
  w.Str("tenant", e.tenant);
  w.Str("session", e.session);
  w.Str("channel", e.channel);
  w.Str("kind", e.kind);
  w.Int("at", ToMs(e.at));
  w.Str("intent", e.intent);
  w.Real("confidence", e.confidence);
  w.Bool("resolved", e.resolved);
  w.Bool("clarifier", e.clarifier);
  w.Bool("fallback", e.fallback);
  w.Int("items", e.items);
  w.Int("cart_value_minor", e.cart_value_minor);
  w.Str("currency", e.currency);
  w.Int("latency_us", e.latency_us);
  w.Str("query", e.query);
  w.Bool("zero_result", e.zero_result);
  w.Str("payload", e.payload);
  w.Close('}');
}

void WriteMessage(JsonOut& w, const db::Message& m) {
  w.Open('{');
  w.Str("tenant", m.tenant);
  w.Str("session", m.session);
  w.Int("at", ToMs(m.at));
  w.Str("role", m.role);
  w.Str("text", m.text);
  w.Str("intent", m.intent);
  w.Real("confidence", m.confidence);
  w.Str("facts", m.facts);
  w.Close('}');
}

void WriteLead(JsonOut& w, const db::LeadUpsert& u) {
  w.Open('{');
  w.Str("tenant", u.tenant);
  w.Str("session", u.session);
  w.Str("name", u.name);
  w.Str("phone", u.phone);
  w.Str("email", u.email);
  w.Str("channel", u.channel);
  w.Strings("tags", u.tags);
  w.Str("currency", u.currency);
  w.Int("at", ToMs(u.at));
  if (u.value_estimate_minor) w.Int("value_estimate_minor", *u.value_estimate_minor);
  if (u.handoff) w.Bool("handoff", *u.handoff);
  w.Close('}');
}

void WriteOrder(JsonOut& w, const db::Order& o) {
  w.Open('{');
  w.Str("tenant", o.tenant);
  w.Str("order_id", o.order_id);
  w.Str("session", o.session);
  w.Str("fulfilment", o.fulfilment);
  w.Int("total_minor", o.total_minor);
  w.Str("currency", o.currency);
  w.Str("lines", o.lines);
  w.Int("at", ToMs(o.at));
  if (o.lead_id) w.Int("lead_id", *o.lead_id);
  w.Close('}');
}

// Reads `key` into `out` when present; a wrong type throws json::type_error,
// turned into kInvalidJson by the caller.
// An integer field must hold a JSON integer that fits T: nlohmann's own
// conversion of 1e20 or 2^64-1 into an int64 is undefined or wraps.
template <class T>
T IntegerIn(const json& v, const char* key) {
  bool fits = (v.is_number_unsigned() && std::in_range<T>(v.get<uint64_t>())) ||
              (v.is_number_integer() && !v.is_number_unsigned() && std::in_range<T>(v.get<int64_t>()));
  if (!fits) throw json::type_error::create(302, std::string(key) + " is not an integer in range", &v);
  return v.is_number_unsigned() ? static_cast<T>(v.get<uint64_t>()) : static_cast<T>(v.get<int64_t>());
}

template <class T>
void Get(const json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    out = IntegerIn<T>(*it, key);
  } else {
    out = it->get<T>();
  }
}
// Times are milliseconds since 1970; a damaged line may hold any integer,
// so anything the clock cannot hold (its nanoseconds reach years 1678-2262)
// is refused rather than overflowed.
void GetTime(const json& j, const char* key, db::Time& out) {
  constexpr int64_t kMaxMs = std::chrono::duration_cast<std::chrono::milliseconds>(db::Time::duration::max()).count();
  int64_t ms = 0;
  Get(j, key, ms);
  if (ms < -kMaxMs || ms > kMaxMs) {
    throw json::out_of_range::create(406, std::string(key) + " is not a time between the years 1678 and 2262", &j);
  }
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
  if (j.contains("value_estimate_minor"))
    u.value_estimate_minor = IntegerIn<int64_t>(j.at("value_estimate_minor"), "value_estimate_minor");
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
  if (j.contains("lead_id")) o.lead_id = IntegerIn<int64_t>(j.at("lead_id"), "lead_id");
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

template <class T, class F>
void WriteArray(JsonOut& w, std::string_view key, const std::vector<T>& items, F write) {
  if (items.empty()) return;
  w.Key(key);
  w.Open('[');
  for (const T& item : items) {
    w.Element();
    write(w, item);
  }
  w.Close(']');
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

}  // namespace

std::string RecordBatchToJson(const db::RecordBatch& batch) {
  std::string out;
  out.reserve(1024);
  JsonOut w(out);
  w.Open('{');
  WriteArray(w, "events", batch.events, WriteEvent);
  WriteArray(w, "messages", batch.messages, WriteMessage);
  WriteArray(w, "leads", batch.leads, WriteLead);
  WriteArray(w, "orders", batch.orders, WriteOrder);
  w.Close('}');
  return out;
}

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
    return JournalRecord{IntegerIn<int64_t>(j.at("seq"), "seq"), BatchFrom(j.at("batch"))};
  } catch (const json::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidJson, std::string("journal line: ") + e.what());
  }
}

}  // namespace db
