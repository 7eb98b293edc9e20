#include "db/sql/sql_lead_store.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "db/sql/sql_fields.h"

namespace db {

using core::ErrorCode;
using core::MakeError;
using sql::Cat;
using sql::FromMs;
using sql::Int;
using sql::Params;
using sql::Row;
using sql::SqlSession;
using sql::Text;
using sql::ToMs;

namespace {

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

// Columns: id, tenant, session, at_ms, role, text, intent, confidence, facts.
Message MessageFromRow(const Row& r) {
  return Message{Int(r[0]),  Text(r[1]), Text(r[2]),      FromMs(Int(r[3])), Text(r[4]),
                 Text(r[5]), Text(r[6]), sql::Real(r[7]), Text(r[8])};
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
  l.handoff = sql::Bool(r[12]);
  l.created_at = FromMs(Int(r[13]));
  l.last_seen = FromMs(Int(r[14]));
  return l;
}

// Finds one lead of the tenant by a column from a fixed list.
core::Result<std::optional<Lead>> FindLeadBy(SqlSession& s, std::string_view column, const std::string& tenant,
                                             const std::string& value) {
  if (value.empty()) return std::optional<Lead>();
  auto rows = s.Run(
      Cat("SELECT ", kLeadColumns, Cat(" FROM leads WHERE tenant = $1 AND ", column, " = $2 ORDER BY id LIMIT 1")),
      {tenant, value});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Lead>();
  return std::optional<Lead>(LeadFromRow(rows->front()));
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

// Records that `session` is a conversation of lead `lead_id` (a session
// belongs to one lead: the latest one it was upserted to).
core::Status LinkSession(SqlSession& s, const std::string& tenant, const std::string& session, int64_t lead_id) {
  if (session.empty()) return core::Status::Ok();
  return s
      .Run(
          "INSERT INTO lead_sessions (tenant, session, lead_id) VALUES ($1, $2, $3) "
          "ON CONFLICT (tenant, session) DO UPDATE SET lead_id = excluded.lead_id",
          {tenant, session, lead_id})
      .status();
}

// Folds the anonymous lead `o` into `lead` (in memory) and moves its orders
// and sessions to `lead` before deleting it.
core::Status FoldAnonymous(SqlSession& s, const Lead& o, Lead& lead) {
  if (lead.name.empty()) lead.name = o.name;
  AddTags(lead.tags, o.tags);
  if (!o.notes.empty()) lead.notes = lead.notes.empty() ? o.notes : lead.notes + "\n" + o.notes;
  lead.value_estimate_minor = std::max(lead.value_estimate_minor, o.value_estimate_minor);
  if (lead.currency.empty()) lead.currency = o.currency;
  lead.handoff = lead.handoff || o.handoff;
  lead.created_at = std::min(lead.created_at, o.created_at);
  if (auto r = s.Run("UPDATE orders SET lead_id = $3 WHERE tenant = $1 AND lead_id = $2", {o.tenant, o.id, lead.id});
      !r.ok())
    return r.status();
  if (auto r =
          s.Run("UPDATE lead_sessions SET lead_id = $3 WHERE tenant = $1 AND lead_id = $2", {o.tenant, o.id, lead.id});
      !r.ok())
    return r.status();
  return s.Run("DELETE FROM leads WHERE tenant = $1 AND id = $2", {o.tenant, o.id}).status();
}

core::Result<Lead> InsertLead(SqlSession& s, const LeadUpsert& u) {
  auto rows = s.Run(
      "INSERT INTO leads (tenant, session, name, phone, email, channel, status, tags, value_estimate_minor, "
      "currency, handoff, created_at_ms, last_seen_ms) VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, "
      "$11, $11) RETURNING id",
      {u.tenant, u.session, u.name, u.phone, u.email, u.channel, TagsToJson(u.tags), u.value_estimate_minor.value_or(0),
       u.currency, int64_t{u.handoff.value_or(false)}, ToMs(u.at)});
  if (!rows.ok()) return rows.error();
  const int64_t id = Int(rows->front().at(0));
  if (auto linked = LinkSession(s, u.tenant, u.session, id); !linked.ok()) return linked.error();
  return sql::LoadLead(s, u.tenant, id);
}

}  // namespace

core::Result<Lead> sql::LoadLead(SqlSession& s, const std::string& tenant, int64_t id) {
  auto rows = s.Run(Cat("SELECT ", kLeadColumns, " FROM leads WHERE tenant = $1 AND id = $2"), {tenant, id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return MakeError(ErrorCode::kNotFound, "lead " + std::to_string(id) + " not found");
  return LeadFromRow(rows->front());
}

core::Result<Lead> sql::UpsertLeadIn(SqlSession& s, const LeadUpsert& u) {
  // Two writers merging the same shopper (two servers, or the queue and an
  // owner's edit) must not both find nothing and both insert.
  if (auto locked = s.LockKey("leads:" + u.tenant); !locked.ok()) return locked.error();
  auto by_phone = FindLeadBy(s, "phone", u.tenant, u.phone);
  if (!by_phone.ok()) return by_phone.error();
  auto by_email = FindLeadBy(s, "email", u.tenant, u.email);
  if (!by_email.ok()) return by_email.error();
  auto by_session = FindLeadBy(s, "session", u.tenant, u.session);
  if (!by_session.ok()) return by_session.error();

  std::optional<Lead> primary = *by_phone ? *by_phone : *by_email ? *by_email : *by_session;
  if (!primary) return InsertLead(s, u);

  Lead lead = *primary;
  // Fold leads found by the other keys into the primary one when they are
  // anonymous (the session before the shopper gave a phone or email).
  for (const auto* other : {&*by_email, &*by_session}) {
    if (!*other || (*other)->id == lead.id) continue;
    const Lead& o = **other;
    if (!o.phone.empty() || !o.email.empty()) continue;
    if (auto folded = FoldAnonymous(s, o, lead); !folded.ok()) return folded.error();
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

core::Status sql::InsertMessage(SqlSession& s, const Message& m) {
  return s
      .Run(
          "INSERT INTO messages (tenant, session, at_ms, role, text, intent, confidence, facts) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8)",
          {m.tenant, m.session, ToMs(m.at), m.role, m.text, m.intent, m.confidence, m.facts})
      .status();
}

core::Result<Lead> SqlLeadStore::UpsertLead(const LeadUpsert& u) {
  Lead result;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto lead = sql::UpsertLeadIn(s, u);
    if (!lead.ok()) return lead.status();
    result = std::move(lead).value();
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return result;
}

core::Result<Lead> SqlLeadStore::GetLead(const std::string& tenant, int64_t id) {
  std::optional<Lead> lead;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto loaded = sql::LoadLead(s, tenant, id);
    if (!loaded.ok()) return loaded.status();
    lead = *loaded;
    return core::Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *lead;
}

core::Result<LeadPage> SqlLeadStore::ListLeads(const LeadQuery& query) {
  LeadPage page;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
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

core::Result<Lead> SqlLeadStore::UpdateLead(const std::string& tenant, int64_t id, const LeadPatch& patch) {
  if (patch.status && !IsLeadStatus(*patch.status)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown lead status '" + *patch.status + "'",
                     "Status must be one of new, active, won, lost.");
  }
  Lead result;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    auto loaded = sql::LoadLead(s, tenant, id);
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

core::Status SqlLeadStore::AppendMessages(const std::vector<Message>& batch) {
  if (batch.empty()) return core::Status::Ok();
  return connection_.Transaction([&](SqlSession& s) -> core::Status {
    for (const Message& m : batch) {
      if (auto st = sql::InsertMessage(s, m); !st.ok()) return st;
    }
    return core::Status::Ok();
  });
}

core::Result<std::vector<Message>> SqlLeadStore::Transcript(const std::string& tenant, const std::string& session) {
  std::vector<Message> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
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

core::Result<std::vector<Message>> SqlLeadStore::LeadTranscript(const std::string& tenant, int64_t lead_id) {
  std::vector<Message> out;
  auto st = connection_.Transaction([&](SqlSession& s) -> core::Status {
    if (auto lead = sql::LoadLead(s, tenant, lead_id); !lead.ok()) return lead.status();
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

}  // namespace db
