#include "db/sql/sql_database.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <nlohmann/json.hpp>

#include "db/sql/migrations.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::Params;
using sql::Row;
using sql::Rows;
using sql::SqlSession;

namespace {

int64_t ToMs(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
Time FromMs(int64_t ms) { return Time(std::chrono::duration_cast<Time::duration>(std::chrono::milliseconds(ms))); }

// Time::max() in ms overflows nothing but is not a useful bound for a query.
int64_t ToMsClamped(Time t) { return t == Time::max() ? INT64_MAX : ToMs(t); }

int64_t Int(const sql::Field& f) { return f ? std::stoll(*f) : 0; }
double Real(const sql::Field& f) { return f ? std::stod(*f) : 0.0; }
std::string Text(const sql::Field& f) { return f.value_or(""); }
bool Bool(const sql::Field& f) { return Int(f) != 0; }
std::optional<Time> OptTime(const sql::Field& f) {
  if (!f) return std::nullopt;
  return FromMs(std::stoll(*f));
}

std::string TagsToJson(const std::vector<std::string>& tags) { return nlohmann::json(tags).dump(); }
std::vector<std::string> TagsFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> tags;
  if (!j.is_array()) return tags;
  for (const auto& t : j) {
    if (t.is_string()) tags.push_back(t.get<std::string>());
  }
  return tags;
}
void AddTags(std::vector<std::string>& tags, const std::vector<std::string>& more) {
  for (const auto& t : more) {
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
}

constexpr std::string_view kEventColumns =
    "id, tenant, session, channel, kind, at_ms, intent, confidence, resolved, clarifier, fallback, items, "
    "cart_value_minor, currency, latency_us, query, zero_result, payload";

Event EventFromRow(const Row& r) {
  Event e;
  e.id = Int(r[0]);
  e.tenant = Text(r[1]);
  e.session = Text(r[2]);
  e.channel = Text(r[3]);
  e.kind = Text(r[4]);
  e.at = FromMs(Int(r[5]));
  e.intent = Text(r[6]);
  e.confidence = Real(r[7]);
  e.resolved = Bool(r[8]);
  e.clarifier = Bool(r[9]);
  e.fallback = Bool(r[10]);
  e.items = Int(r[11]);
  e.cart_value_minor = Int(r[12]);
  e.currency = Text(r[13]);
  e.latency_us = Int(r[14]);
  e.query = Text(r[15]);
  e.zero_result = Bool(r[16]);
  e.payload = Text(r[17]);
  return e;
}

// Columns: id, tenant, session, at_ms, role, text, intent, confidence, facts.
Message MessageFromRow(const Row& r) {
  return Message{Int(r[0]), Text(r[1]), Text(r[2]), FromMs(Int(r[3])), Text(r[4]),
                 Text(r[5]), Text(r[6]),  Real(r[7]), Text(r[8])};
}

constexpr std::string_view kLeadColumns =
    "id, tenant, session, name, phone, email, channel, status, tags, notes, value_estimate_minor, currency, "
    "handoff, created_at_ms, last_seen_ms";

Lead LeadFromRow(const Row& r) {
  Lead l;
  l.id = Int(r[0]);
  l.tenant = Text(r[1]);
  l.session = Text(r[2]);
  l.name = Text(r[3]);
  l.phone = Text(r[4]);
  l.email = Text(r[5]);
  l.channel = Text(r[6]);
  l.status = Text(r[7]);
  l.tags = TagsFromJson(Text(r[8]));
  l.notes = Text(r[9]);
  l.value_estimate_minor = Int(r[10]);
  l.currency = Text(r[11]);
  l.handoff = Bool(r[12]);
  l.created_at = FromMs(Int(r[13]));
  l.last_seen = FromMs(Int(r[14]));
  return l;
}

constexpr std::string_view kUserColumns =
    "id, email, password_hash, role, tenant, failed_logins, locked_until_ms, created_at_ms";

User UserFromRow(const Row& r) {
  User u;
  u.id = Int(r[0]);
  u.email = Text(r[1]);
  u.password_hash = Text(r[2]);
  u.role = Text(r[3]);
  u.tenant = r[4];
  u.failed_logins = Int(r[5]);
  u.locked_until = OptTime(r[6]);
  u.created_at = FromMs(Int(r[7]));
  return u;
}

std::string Cat(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string s(a);
  s += b;
  s += c;
  return s;
}

// Finds one lead of the tenant by a column from a fixed list.
core::Result<std::optional<Lead>> FindLeadBy(SqlSession& s, std::string_view column, const std::string& tenant,
                                             const std::string& value) {
  if (value.empty()) return std::optional<Lead>();
  auto rows = s.Run(Cat("SELECT ", kLeadColumns,
                        Cat(" FROM leads WHERE tenant = $1 AND ", column, " = $2 ORDER BY id LIMIT 1")),
                    {tenant, value});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Lead>();
  return std::optional<Lead>(LeadFromRow(rows->front()));
}

core::Result<Lead> LoadLead(SqlSession& s, const std::string& tenant, int64_t id) {
  auto rows = s.Run(Cat("SELECT ", kLeadColumns, " FROM leads WHERE tenant = $1 AND id = $2"), {tenant, id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return MakeError(ErrorCode::kNotFound, "lead " + std::to_string(id) + " not found");
  return LeadFromRow(rows->front());
}

core::Status SaveLead(SqlSession& s, const Lead& l) {
  return s
      .Run(
          "UPDATE leads SET session = $3, name = $4, phone = $5, email = $6, channel = $7, status = $8, tags = $9, "
          "notes = $10, value_estimate_minor = $11, currency = $12, handoff = $13, created_at_ms = $14, "
          "last_seen_ms = $15 WHERE tenant = $1 AND id = $2",
          {l.tenant, l.id, l.session, l.name, l.phone, l.email, l.channel, l.status, TagsToJson(l.tags), l.notes,
           l.value_estimate_minor, l.currency, int64_t{l.handoff}, ToMs(l.created_at), ToMs(l.last_seen)})
      .status();
}

// Escapes LIKE wildcards so a search for "50%" means the text "50%".
std::string LikePattern(const std::string& search) {
  std::string out = "%";
  for (char c : search) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  out += '%';
  return out;
}

std::string_view OrderBy(LeadSort sort) {
  switch (sort) {
    case LeadSort::kLastSeenDesc: return " ORDER BY last_seen_ms DESC, id DESC";
    case LeadSort::kCreatedDesc: return " ORDER BY created_at_ms DESC, id DESC";
    case LeadSort::kCreatedAsc: return " ORDER BY created_at_ms ASC, id ASC";
    case LeadSort::kNameAsc: return " ORDER BY LOWER(name) ASC, id ASC";
    case LeadSort::kValueDesc: return " ORDER BY value_estimate_minor DESC, id DESC";
  }
  return " ORDER BY id";
}

// The lead merge of UpsertLead, inside the caller's transaction.
// Records that `session` is a conversation of lead `lead_id` (a session
// belongs to one lead: the latest one it was upserted to).
core::Status LinkSession(SqlSession& s, const std::string& tenant, const std::string& session, int64_t lead_id) {
  if (session.empty()) return core::Status::Ok();
  return s
      .Run("INSERT INTO lead_sessions (tenant, session, lead_id) VALUES ($1, $2, $3) "
           "ON CONFLICT (tenant, session) DO UPDATE SET lead_id = excluded.lead_id",
           {tenant, session, lead_id})
      .status();
}

core::Result<Lead> UpsertLeadIn(SqlSession& s, const LeadUpsert& u) {
  auto by_phone = FindLeadBy(s, "phone", u.tenant, u.phone);
  if (!by_phone.ok()) return by_phone.error();
  auto by_email = FindLeadBy(s, "email", u.tenant, u.email);
  if (!by_email.ok()) return by_email.error();
  auto by_session = FindLeadBy(s, "session", u.tenant, u.session);
  if (!by_session.ok()) return by_session.error();

  std::optional<Lead> primary = *by_phone ? *by_phone : *by_email ? *by_email : *by_session;
  if (!primary) {
    auto rows = s.Run(
        "INSERT INTO leads (tenant, session, name, phone, email, channel, status, tags, value_estimate_minor, "
        "currency, handoff, created_at_ms, last_seen_ms) VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, "
        "$11, $11) RETURNING id",
        {u.tenant, u.session, u.name, u.phone, u.email, u.channel, TagsToJson(u.tags),
         u.value_estimate_minor.value_or(0), u.currency, int64_t{u.handoff.value_or(false)}, ToMs(u.at)});
    if (!rows.ok()) return rows.error();
    const int64_t id = Int(rows->front().at(0));
    if (auto linked = LinkSession(s, u.tenant, u.session, id); !linked.ok()) return linked.error();
    return LoadLead(s, u.tenant, id);
  }

  Lead lead = *primary;
  // Fold leads found by the other keys into the primary one when they are
  // anonymous (the session before the shopper gave a phone or email).
  for (const auto* other : {&*by_email, &*by_session}) {
    if (!*other || (*other)->id == lead.id) continue;
    const Lead& o = **other;
    if (!o.phone.empty() || !o.email.empty()) continue;
    if (lead.name.empty()) lead.name = o.name;
    AddTags(lead.tags, o.tags);
    if (!o.notes.empty()) lead.notes = lead.notes.empty() ? o.notes : lead.notes + "\n" + o.notes;
    lead.value_estimate_minor = std::max(lead.value_estimate_minor, o.value_estimate_minor);
    if (lead.currency.empty()) lead.currency = o.currency;
    lead.handoff = lead.handoff || o.handoff;
    lead.created_at = std::min(lead.created_at, o.created_at);
    if (auto r = s.Run("UPDATE orders SET lead_id = $3 WHERE tenant = $1 AND lead_id = $2", {u.tenant, o.id, lead.id});
        !r.ok())
      return r.error();
    if (auto r = s.Run("UPDATE lead_sessions SET lead_id = $3 WHERE tenant = $1 AND lead_id = $2",
                       {u.tenant, o.id, lead.id});
        !r.ok())
      return r.error();
    if (auto r = s.Run("DELETE FROM leads WHERE tenant = $1 AND id = $2", {u.tenant, o.id}); !r.ok())
      return r.error();
  }
  if (!u.session.empty()) lead.session = u.session;
  if (!u.name.empty()) lead.name = u.name;
  if (!u.phone.empty()) lead.phone = u.phone;
  if (!u.email.empty()) lead.email = u.email;
  if (!u.channel.empty()) lead.channel = u.channel;
  AddTags(lead.tags, u.tags);
  if (u.value_estimate_minor) lead.value_estimate_minor = *u.value_estimate_minor;
  if (!u.currency.empty()) lead.currency = u.currency;
  if (u.handoff) lead.handoff = *u.handoff;
  lead.last_seen = std::max(lead.last_seen, u.at);
  if (auto saved = SaveLead(s, lead); !saved.ok()) return saved.error();
  if (auto linked = LinkSession(s, u.tenant, u.session, lead.id); !linked.ok()) return linked.error();
  return lead;
}

core::Status InsertEvent(SqlSession& s, const Event& e) {
  return s
      .Run(
          "INSERT INTO events (tenant, session, channel, kind, at_ms, intent, confidence, resolved, clarifier, "
          "fallback, items, cart_value_minor, currency, latency_us, query, zero_result, payload) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
          {e.tenant, e.session, e.channel, e.kind, ToMs(e.at), e.intent, e.confidence, int64_t{e.resolved},
           int64_t{e.clarifier}, int64_t{e.fallback}, e.items, e.cart_value_minor, e.currency, e.latency_us, e.query,
           int64_t{e.zero_result}, e.payload})
      .status();
}

core::Status InsertMessage(SqlSession& s, const Message& m) {
  return s
      .Run(
          "INSERT INTO messages (tenant, session, at_ms, role, text, intent, confidence, facts) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8)",
          {m.tenant, m.session, ToMs(m.at), m.role, m.text, m.intent, m.confidence, m.facts})
      .status();
}

// Inserts an order; with `skip_existing` an existing (tenant, order_id) is
// left alone and nullopt comes back instead of kConflict.
core::Result<std::optional<int64_t>> InsertOrder(SqlSession& s, const Order& o, bool skip_existing) {
  if (o.lead_id) {
    // A lead of another tenant must not be linked.
    if (auto found = LoadLead(s, o.tenant, *o.lead_id); !found.ok()) return found.error();
  }
  Params params{o.tenant, o.order_id, o.session, nullptr, o.fulfilment, o.total_minor, o.currency, o.lines,
                ToMs(o.at)};
  if (o.lead_id) params[3] = *o.lead_id;
  // ON CONFLICT rather than catching kConflict: a failed statement aborts a
  // PostgreSQL transaction.
  auto rows = s.Run(Cat("INSERT INTO orders (tenant, order_id, session, lead_id, fulfilment, total_minor, currency, "
                        "lines, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        skip_existing ? " ON CONFLICT (tenant, order_id) DO NOTHING" : "", " RETURNING id"),
                    params);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(Int(rows->front().at(0)));
}
}  // namespace

SqlDatabase::SqlDatabase(std::unique_ptr<sql::SqlConnection> connection) : connection_(std::move(connection)) {}

std::string_view SqlDatabase::Kind() const {
  return connection_->dialect() == sql::Dialect::kPostgres ? "postgres" : "sqlite";
}

core::Status SqlDatabase::Migrate() { return sql::Migrate(*connection_); }
core::Status SqlDatabase::MigrateForTest() { return Migrate(); }
core::Result<std::vector<int>> SqlDatabase::AppliedMigrationsForTest() {
  return sql::AppliedMigrations(*connection_);
}

core::Status SqlDatabase::Ping() {
  auto st = connection_->Transaction([](SqlSession& s) { return s.Run("SELECT 1").status(); });
  if (!st.ok()) {
    core::Error e = st.error();
    e.user_message = "The database is not reachable.";
    return e;
  }
  return st;
}

core::Status SqlDatabase::AppendEvents(const std::vector<Event>& batch) {
  if (batch.empty()) return core::Status::Ok();
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    for (const Event& e : batch) {
      if (auto st = InsertEvent(s, e); !st.ok()) return st;
    }
    return core::Status::Ok();
  });
}

core::Result<std::vector<Event>> SqlDatabase::QueryEvents(const EventQuery& query) {
  std::vector<Event> events;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    std::string sql = Cat("SELECT ", kEventColumns, " FROM events WHERE tenant = $1 AND at_ms >= $2 AND at_ms < $3");
    Params params{query.tenant, ToMs(query.from), ToMsClamped(query.to)};
    if (!query.channel.empty()) {
      sql += " AND channel = $4";
      params.emplace_back(query.channel);
    }
    sql += " ORDER BY at_ms, id";
    auto rows = s.Run(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) events.push_back(EventFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return events;
}

core::Result<Lead> SqlDatabase::UpsertLead(const LeadUpsert& u) {
  Lead result;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto lead = UpsertLeadIn(s, u);
    if (!lead.ok()) return lead.status();
    result = std::move(lead).value();
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return result;
}

core::Result<Lead> SqlDatabase::GetLead(const std::string& tenant, int64_t id) {
  std::optional<Lead> lead;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto loaded = LoadLead(s, tenant, id);
    if (!loaded.ok()) return loaded.status();
    lead = *loaded;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *lead;
}

core::Result<LeadPage> SqlDatabase::ListLeads(const LeadQuery& query) {
  LeadPage page;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    std::string where = " FROM leads WHERE tenant = $1";
    Params params{query.tenant};
    auto bind = [&params](sql::Param p) {
      params.push_back(std::move(p));
      return "$" + std::to_string(params.size());
    };
    if (!query.search.empty()) {
      std::string p = bind(LikePattern(query.search));
      where += " AND (LOWER(name) LIKE " + p + " ESCAPE '\\' OR LOWER(phone) LIKE " + p +
               " ESCAPE '\\' OR LOWER(email) LIKE " + p + " ESCAPE '\\' OR LOWER(notes) LIKE " + p + " ESCAPE '\\')";
    }
    if (!query.status.empty()) where += " AND status = " + bind(query.status);
    if (!query.channel.empty()) where += " AND channel = " + bind(query.channel);

    auto count = s.Run("SELECT COUNT(*)" + where, params);
    if (!count.ok()) return count.status();
    page.total = Int(count->front().at(0));

    int64_t limit = std::clamp<int64_t>(query.limit, 1, 500);
    int64_t offset = std::max<int64_t>(query.offset, 0);
    std::string sql = Cat("SELECT ", kLeadColumns, where) + std::string(OrderBy(query.sort));
    sql += " LIMIT " + bind(limit);
    sql += " OFFSET " + bind(offset);
    auto rows = s.Run(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) page.leads.push_back(LeadFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return page;
}

core::Result<Lead> SqlDatabase::UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) {
  if (patch.status && !IsLeadStatus(*patch.status)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown lead status '" + *patch.status + "'",
                     "Status must be one of new, active, won, lost.");
  }
  Lead result;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto loaded = LoadLead(s, tenant, id);
    if (!loaded.ok()) return loaded.status();
    Lead lead = *loaded;
    if (patch.status) lead.status = *patch.status;
    if (patch.tags) {
      lead.tags.clear();
      AddTags(lead.tags, *patch.tags);
    }
    if (patch.notes) lead.notes = *patch.notes;
    if (patch.handoff) lead.handoff = *patch.handoff;
    if (auto saved = SaveLead(s, lead); !saved.ok()) return saved;
    result = lead;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return result;
}

core::Status SqlDatabase::AppendMessages(const std::vector<Message>& batch) {
  if (batch.empty()) return core::Status::Ok();
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    for (const Message& m : batch) {
      if (auto st = InsertMessage(s, m); !st.ok()) return st;
    }
    return core::Status::Ok();
  });
}

core::Result<std::vector<Message>> SqlDatabase::Transcript(const std::string& tenant, const std::string& session) {
  std::vector<Message> out;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, tenant, session, at_ms, role, text, intent, confidence, facts FROM messages "
        "WHERE tenant = $1 AND session = $2 ORDER BY at_ms, id",
        {tenant, session});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out.push_back(MessageFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<std::vector<Message>> SqlDatabase::LeadTranscript(const std::string& tenant, int64_t lead_id) {
  std::vector<Message> out;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    if (auto lead = LoadLead(s, tenant, lead_id); !lead.ok()) return lead.status();
    auto rows = s.Run(
        "SELECT m.id, m.tenant, m.session, m.at_ms, m.role, m.text, m.intent, m.confidence, m.facts "
        "FROM messages m JOIN lead_sessions ls ON ls.tenant = m.tenant AND ls.session = m.session "
        "WHERE ls.tenant = $1 AND ls.lead_id = $2 ORDER BY m.at_ms, m.id",
        {tenant, lead_id});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out.push_back(MessageFromRow(r));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<int64_t> SqlDatabase::AddOrder(const Order& o) {
  int64_t id = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto inserted = InsertOrder(s, o, /*skip_existing=*/false);
    if (!inserted.ok()) return inserted.status();
    id = inserted->value_or(0);
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<std::vector<Order>> SqlDatabase::QueryOrders(const std::string& tenant, Time from, Time to) {
  std::vector<Order> out;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, tenant, order_id, session, lead_id, fulfilment, total_minor, currency, lines, at_ms FROM orders "
        "WHERE tenant = $1 AND at_ms >= $2 AND at_ms < $3 ORDER BY at_ms, id",
        {tenant, ToMs(from), ToMsClamped(to)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      Order o;
      o.id = Int(r[0]);
      o.tenant = Text(r[1]);
      o.order_id = Text(r[2]);
      o.session = Text(r[3]);
      if (r[4]) o.lead_id = Int(r[4]);
      o.fulfilment = Text(r[5]);
      o.total_minor = Int(r[6]);
      o.currency = Text(r[7]);
      o.lines = Text(r[8]);
      o.at = FromMs(Int(r[9]));
      out.push_back(std::move(o));
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<int64_t> SqlDatabase::CreateUser(const User& u) {
  if (!IsUserRole(u.role)) return MakeError(ErrorCode::kInvalidArgument, "unknown role '" + u.role + "'");
  if (u.role != "admin" && (!u.tenant || u.tenant->empty())) {
    return MakeError(ErrorCode::kInvalidArgument, "an " + u.role + " needs a tenant");
  }
  int64_t id = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    sql::Param tenant = u.tenant ? sql::Param(*u.tenant) : sql::Param(nullptr);
    auto rows = s.Run(
        "INSERT INTO users (email, password_hash, role, tenant, failed_logins, created_at_ms) VALUES "
        "($1, $2, $3, $4, 0, $5) RETURNING id",
        {u.email, u.password_hash, u.role, tenant, ToMs(u.created_at)});
    if (!rows.ok()) return rows.status();
    id = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

namespace {
core::Result<User> LoadUser(SqlSession& s, std::string_view column, const sql::Param& value) {
  auto rows = s.Run(Cat("SELECT ", kUserColumns, Cat(" FROM users WHERE ", column, " = $1")), {value});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
  return UserFromRow(rows->front());
}
}  // namespace

core::Result<User> SqlDatabase::FindUserByEmail(const std::string& email) {
  std::optional<User> user;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto u = LoadUser(s, "email", email);
    if (!u.ok()) return u.status();
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Result<User> SqlDatabase::FindUserById(int64_t id) {
  std::optional<User> user;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto u = LoadUser(s, "id", id);
    if (!u.ok()) return u.status();
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Result<User> SqlDatabase::RecordLoginFailure(int64_t user_id, int64_t max_failures, Time lock_until) {
  std::optional<User> user;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1", {user_id});
    if (!r.ok()) return r.status();
    auto u = LoadUser(s, "id", user_id);
    if (!u.ok()) return u.status();
    if (u->failed_logins >= max_failures) {
      auto lock = s.Run("UPDATE users SET locked_until_ms = $2 WHERE id = $1", {user_id, ToMs(lock_until)});
      if (!lock.ok()) return lock.status();
      u->locked_until = FromMs(ToMs(lock_until));
    }
    user = *u;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *user;
}

core::Status SqlDatabase::RecordLoginSuccess(int64_t user_id) {
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE id = $1 RETURNING id", {user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
    return core::Status::Ok();
  });
}

core::Status SqlDatabase::SetPasswordHash(int64_t user_id, const std::string& password_hash) {
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id", {user_id, password_hash});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "user not found");
    return core::Status::Ok();
  });
}

core::Result<int64_t> SqlDatabase::CreateToken(const ApiToken& t) {
  int64_t id = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "INSERT INTO api_tokens (user_id, token_hash, name, created_at_ms, revoked) VALUES ($1, $2, $3, $4, 0) "
        "RETURNING id",
        {t.user_id, t.token_hash, t.name, ToMs(t.created_at)});
    if (!rows.ok()) return rows.status();
    id = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

core::Result<ApiToken> SqlDatabase::FindToken(const std::string& token_hash) {
  std::optional<ApiToken> token;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, user_id, token_hash, name, created_at_ms, last_used_ms, revoked FROM api_tokens "
        "WHERE token_hash = $1 AND revoked = 0",
        {token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "token not found");
    const Row& r = rows->front();
    token = ApiToken{Int(r[0]), Int(r[1]), Text(r[2]), Text(r[3]), FromMs(Int(r[4])), OptTime(r[5]), Bool(r[6])};
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *token;
}

core::Status SqlDatabase::TouchToken(int64_t token_id, Time at) {
  return connection_->Transaction([&](SqlSession& s) {
    return s.Run("UPDATE api_tokens SET last_used_ms = $2 WHERE id = $1", {token_id, ToMs(at)}).status();
  });
}

core::Status SqlDatabase::RevokeToken(int64_t user_id, int64_t token_id) {
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto r = s.Run("UPDATE api_tokens SET revoked = 1 WHERE id = $1 AND user_id = $2 RETURNING id",
                   {token_id, user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return MakeError(ErrorCode::kNotFound, "token not found");
    return core::Status::Ok();
  });
}

core::Result<std::vector<ApiToken>> SqlDatabase::ListTokens(int64_t user_id) {
  std::vector<ApiToken> out;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, user_id, token_hash, name, created_at_ms, last_used_ms, revoked FROM api_tokens "
        "WHERE user_id = $1 AND revoked = 0 ORDER BY created_at_ms DESC, id DESC",
        {user_id});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      out.push_back(ApiToken{Int(r[0]), Int(r[1]), Text(r[2]), Text(r[3]), FromMs(Int(r[4])), OptTime(r[5]), Bool(r[6])});
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Status SqlDatabase::CreateAdminSession(const AdminSession& a) {
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    // Checked here rather than left to the foreign key, whose violation the
    // two drivers report differently.
    auto user = s.Run("SELECT id FROM users WHERE id = $1", {a.user_id});
    if (!user.ok()) return user.status();
    if (user->empty()) return MakeError(ErrorCode::kInvalidArgument, "session for an unknown user");
    return s
        .Run(
            "INSERT INTO admin_sessions (token_hash, user_id, csrf_hash, created_at_ms, expires_at_ms, last_seen_ms) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {a.token_hash, a.user_id, a.csrf_hash, ToMs(a.created_at), ToMs(a.expires_at), ToMs(a.last_seen)})
        .status();
  });
}

core::Result<AdminSession> SqlDatabase::FindAdminSession(const std::string& token_hash) {
  std::optional<AdminSession> session;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT token_hash, user_id, csrf_hash, created_at_ms, expires_at_ms, last_seen_ms FROM admin_sessions "
        "WHERE token_hash = $1",
        {token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return MakeError(ErrorCode::kNotFound, "admin session not found");
    const Row& r = rows->front();
    session = AdminSession{Text(r[0]), Int(r[1]), Text(r[2]), FromMs(Int(r[3])), FromMs(Int(r[4])), FromMs(Int(r[5]))};
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *session;
}

core::Status SqlDatabase::TouchAdminSession(const std::string& token_hash, Time at) {
  return connection_->Transaction([&](SqlSession& s) {
    return s.Run("UPDATE admin_sessions SET last_seen_ms = $2 WHERE token_hash = $1", {token_hash, ToMs(at)}).status();
  });
}

core::Status SqlDatabase::DeleteAdminSession(const std::string& token_hash) {
  return connection_->Transaction([&](SqlSession& s) {
    return s.Run("DELETE FROM admin_sessions WHERE token_hash = $1", {token_hash}).status();
  });
}

core::Result<int64_t> SqlDatabase::DeleteUserSessions(int64_t user_id) {
  int64_t removed = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("DELETE FROM admin_sessions WHERE user_id = $1 RETURNING token_hash", {user_id});
    if (!rows.ok()) return rows.status();
    removed = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return removed;
}

core::Result<int64_t> SqlDatabase::DeleteExpiredAdminSessions(Time now) {
  int64_t removed = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("DELETE FROM admin_sessions WHERE expires_at_ms <= $1 RETURNING token_hash", {ToMs(now)});
    if (!rows.ok()) return rows.status();
    removed = static_cast<int64_t>(rows->size());
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return removed;
}

core::Status SqlDatabase::AppendAudit(const AuditEntry& a) {
  return connection_->Transaction([&](SqlSession& s) {
    return s
        .Run("INSERT INTO audit_log (tenant, user_id, at_ms, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)",
             {a.tenant, a.user, ToMs(a.at), a.action, a.target, a.detail})
        .status();
  });
}

core::Result<std::vector<AuditEntry>> SqlDatabase::ListAudit(const std::string& tenant, int64_t limit) {
  std::vector<AuditEntry> out;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run(
        "SELECT id, tenant, user_id, at_ms, action, target, detail FROM audit_log WHERE tenant = $1 "
        "ORDER BY at_ms DESC, id DESC LIMIT $2",
        {tenant, std::clamp<int64_t>(limit, 1, 1000)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      out.push_back(
          AuditEntry{Int(r[0]), Text(r[1]), Text(r[2]), FromMs(Int(r[3])), Text(r[4]), Text(r[5]), Text(r[6])});
    }
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Status SqlDatabase::WriteBatch(const RecordBatch& batch, std::string_view stream, int64_t checkpoint) {
  return connection_->Transaction([&](SqlSession& s) -> core::Status {
    // Exactly once: a batch whose checkpoint is already stored was committed
    // (data and checkpoint commit together), e.g. by an attempt whose COMMIT
    // reached the server but whose answer was lost. Idempotent, not an error.
    if (!batch.empty()) {
      auto stored = s.Run("SELECT checkpoint FROM record_streams WHERE stream = $1", {std::string(stream)});
      if (!stored.ok()) return stored.status();
      if (!stored->empty() && Int(stored->front().at(0)) >= checkpoint) return core::Status::Ok();
    }
    // Leads first, so an order later in the batch can name a lead the batch
    // created (by id, once the caller knows it) and merges see earlier turns.
    // An order without a lead belongs to the lead its session was upserted
    // to in this batch (a checkout turn carries both).
    std::map<std::pair<std::string, std::string>, int64_t> lead_of_session;
    for (const LeadUpsert& u : batch.leads) {
      auto lead = UpsertLeadIn(s, u);
      if (!lead.ok()) return lead.status();
      lead_of_session[{u.tenant, u.session}] = lead->id;
    }
    for (const Event& e : batch.events) {
      if (auto st = InsertEvent(s, e); !st.ok()) return st;
    }
    for (const Message& m : batch.messages) {
      if (auto st = InsertMessage(s, m); !st.ok()) return st;
    }
    for (const Order& o : batch.orders) {
      Order order = o;
      if (!order.lead_id) {
        auto it = lead_of_session.find({order.tenant, order.session});
        if (it != lead_of_session.end()) order.lead_id = it->second;
      }
      if (auto inserted = InsertOrder(s, order, /*skip_existing=*/true); !inserted.ok()) return inserted.status();
    }
    return s
        .Run("INSERT INTO record_streams (stream, checkpoint) VALUES ($1, $2) "
             "ON CONFLICT (stream) DO UPDATE SET checkpoint = excluded.checkpoint",
             {std::string(stream), checkpoint})
        .status();
  });
}

core::Result<int64_t> SqlDatabase::ReadCheckpoint(std::string_view stream) {
  int64_t checkpoint = 0;
  auto st = connection_->Transaction([&](SqlSession& s) -> core::Status {
    auto rows = s.Run("SELECT checkpoint FROM record_streams WHERE stream = $1", {std::string(stream)});
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) checkpoint = Int(rows->front().at(0));
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return checkpoint;
}

}  // namespace db
