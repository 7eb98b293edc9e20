#include "services/records/crm_records.h"

#include <variant>

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace services {

namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

bool IsProductIntent(std::string_view intent) {
  return intent == "search_product" || intent == "browse_category" || intent == "price_check" ||
         intent == "stock_check";
}

std::string_view IntentTopic(std::string_view intent) {
  if (intent == "check_delivery") return "delivery";
  if (intent == "opening_hours") return "hours";
  if (intent == "branch_locator") return "branches";
  if (intent == "add_to_cart" || intent == "remove_from_cart" || intent == "view_cart") return "cart";
  if (intent == "checkout") return "order";
  if (intent == "sales_bundle") return "bundle";
  if (intent == "human_handoff") return "handoff";
  if (intent == "lead_capture") return "contact";
  return {};
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

json FactsJson(const std::vector<core::Fact>& facts) {
  json out = json::array();
  for (const auto& f : facts) {
    out.push_back({{"source", f.source}, {"key", f.key}, {"field", f.field}, {"value", f.value}});
  }
  return out;
}

json OrderLinesJson(const core::CartView& cart) {
  json lines = json::array();
  for (const auto& l : cart.lines) {
    lines.push_back({{"sku", l.sku},
                     {"name", l.name},
                     {"quantity", l.quantity},
                     {"unit", l.unit},
                     {"unit_price_minor", l.unit_price.minor},
                     {"line_total_minor", l.line_total.minor}});
  }
  return lines;
}

db::Event BaseEvent(core::Channel channel, const ChatTurn& turn, const Session& session, std::string kind) {
  db::Event e;
  e.tenant = turn.tenant;
  e.session = turn.session_id;
  e.channel = std::string(ChannelName(channel));
  e.kind = std::move(kind);
  e.at = session.last_seen;
  e.intent = turn.intent;
  e.confidence = turn.confidence;
  return e;
}

}  // namespace

std::string_view ChannelName(core::Channel channel) {
  switch (channel) {
    case core::Channel::kWeb: return "web";
    case core::Channel::kWhatsApp: return "whatsapp";
    case core::Channel::kApi: return "api";
    case core::Channel::kCli: return "cli";
  }
  return "api";
}

std::string NormalizePhone(std::string_view raw, std::string_view country) {
  size_t first = raw.find_first_not_of(" \t\r\n");
  bool plus = first != std::string_view::npos && raw[first] == '+';
  // "+44 (0)7700 900123": the bracketed trunk zero is not dialled from abroad.
  std::string text(raw);
  if (plus) {
    if (size_t trunk = text.find("(0)"); trunk != std::string::npos) text.erase(trunk, 3);
  }
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (!plus && StartsWith(digits, "00")) {
    plus = true;
    digits.erase(0, 2);
  }
  if (digits.size() < 6) return {};
  if (plus) return "+" + digits;
  if (country == "GB" || country == "UK") {
    if (digits[0] == '0' && (digits.size() == 10 || digits.size() == 11)) return "+44" + digits.substr(1);
    if (StartsWith(digits, "44") && digits.size() == 12) return "+" + digits;
  }
  if (country == "US" || country == "CA") {
    if (digits.size() == 10) return "+1" + digits;
    if (digits.size() == 11 && digits[0] == '1') return "+" + digits;
  }
  return digits;
}

std::string NormalizeEmail(std::string_view raw) {
  size_t b = raw.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = raw.find_last_not_of(" \t\r\n");
  std::string out(raw.substr(b, e - b + 1));
  if (out.find('@') == std::string::npos) return {};
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  // text[cut] is the first byte left out; if it continues a character, that
  // character started before the cut and goes too.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

std::string CleanTag(std::string_view tag, size_t max_bytes) {
  std::string out;
  bool space = false;
  for (char c : tag) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  out = TruncateUtf8(out, max_bytes);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> TurnTags(const retrieval::Tenant& tenant, const ChatTurn& turn, const Session& session,
                                  size_t max) {
  std::vector<std::string> tags;
  auto add = [&](std::string_view tag) {
    if (tags.size() >= max) return;
    std::string clean = CleanTag(tag, 40);
    if (!clean.empty() && std::find(tags.begin(), tags.end(), clean) == tags.end()) tags.push_back(std::move(clean));
  };
  auto add_category = [&](const std::string& sku) {
    if (const retrieval::Product* p = tenant.catalog->FindBySku(sku)) {
      add(p->category_name.empty() ? p->category : p->category_name);
    }
  };
  add(IntentTopic(turn.intent));
  if (turn.order) add("order");
  if (turn.order) {
    for (const auto& l : turn.order->cart.lines) {
      add_category(l.sku);
      add(l.name);
    }
  }
  for (const auto& l : session.cart) {
    add_category(l.sku);
    if (const retrieval::Product* p = tenant.catalog->FindBySku(l.sku)) add(p->name);
  }
  for (const auto& item : turn.reply.items) add_category(item.sku);
  return tags;
}

core::Money TurnCartValue(const retrieval::Tenant& tenant, const ChatTurn& turn, const Session& session) {
  core::Money value;
  if (turn.order) {
    value = turn.order->total;
  } else if (turn.reply.cart_changed || !turn.reply.cart.lines.empty()) {
    value = turn.reply.cart.total;
  } else if (!session.cart.empty()) {
    value = PriceCart(tenant, session.cart).total;
  }
  if (value.currency.empty()) value.currency = tenant.profile.currency;
  return value;
}

bool IsZeroResult(const ChatTurn& turn) {
  return IsProductIntent(turn.intent) && turn.reply.items.empty() && !turn.reply.resolved;
}

db::RecordBatch BuildTurnRecords(const CompletedTurn& done, const TurnRecordOptions& options) {
  const auto& [context, tenant, input, turn, session] = done;
  db::RecordBatch batch;
  const core::Reply& r = turn.reply;
  const core::Money cart_value = TurnCartValue(tenant, turn, session);

  db::Event e = BaseEvent(context.channel, turn, session, "turn");
  e.resolved = r.resolved;
  e.clarifier = r.needs_clarification;
  e.fallback = r.fallback;
  e.items = static_cast<int64_t>(r.items.size());
  e.cart_value_minor = cart_value.minor;
  e.currency = cart_value.currency;
  e.latency_us = turn.latency_us;
  e.query = TruncateUtf8(input.message, options.max_query_bytes);
  e.zero_result = IsZeroResult(turn);
  json skus = json::array();
  for (const auto& item : r.items) skus.push_back(item.sku);
  // Contact details belong on the lead, not in analytics.
  json entities = json::object();
  for (const auto& field : EntityFields(turn.entities)) {
    if (field.name == "name" || field.name == "phone" || field.name == "email") continue;
    std::visit([&](const auto& v) { entities[std::string(field.name)] = v; }, field.value);
  }
  json payload = {{"skus", std::move(skus)}, {"entities", std::move(entities)}};
  if (turn.bot_paused) payload["paused"] = true;
  // V6/V7: whose text the shopper saw and what the model cost (docs/llm.md).
  const bool model_asked = r.llm.used || !r.llm.rejected_reason.empty();
  if (r.mode_used != "V5" || model_asked) payload["mode"] = r.mode_used;
  if (model_asked) {
    payload["llm"] = {{"used", r.llm.used},
                      {"rejected_reason", r.llm.rejected_reason},
                      {"latency_ms", r.llm.latency_ms},
                      {"tokens", r.llm.tokens},
                      {"tool_calls", r.llm.tool_calls}};
  }
  e.payload = Dump(payload);
  batch.events.push_back(std::move(e));
  // A model reply the verifier refused: its own event, so owners can see
  // what the model tried to say (the claims, never the whole text).
  if (r.llm.rejected_reason.rfind("ungrounded", 0) == 0) {
    db::Event rejected = BaseEvent(context.channel, turn, session, "llm_rejected");
    rejected.payload = Dump(json{{"reason", r.llm.rejected_reason}});
    batch.events.push_back(std::move(rejected));
  }

  if (turn.contact_revealed) {
    db::Event lead = BaseEvent(context.channel, turn, session, "lead_captured");
    json via = json::array();
    if (!session.phone.empty()) via.push_back("phone");
    if (!session.email.empty()) via.push_back("email");
    lead.payload = Dump({{"via", via}});
    batch.events.push_back(std::move(lead));
  }
  if (turn.order) {
    const OrderRequest& o = *turn.order;
    db::Event checkout = BaseEvent(context.channel, turn, session, "checkout");
    checkout.resolved = true;
    checkout.items = static_cast<int64_t>(o.cart.lines.size());
    checkout.cart_value_minor = o.total.minor;
    checkout.currency = o.total.currency.empty() ? tenant.profile.currency : o.total.currency;
    json lines = json::array();
    for (const auto& l : o.cart.lines) {
      lines.push_back({{"sku", l.sku}, {"quantity", l.quantity}, {"line_total_minor", l.line_total.minor}});
    }
    checkout.payload = Dump({{"order_id", o.order_id},
                             {"fulfilment", o.fulfilment},
                             {"total_minor", o.total.minor},
                             {"delivery_fee_minor", o.delivery_fee.minor},
                             {"lines", lines}});
    batch.events.push_back(std::move(checkout));
  }
  if (turn.handoff_started) {
    db::Event handoff = BaseEvent(context.channel, turn, session, "handoff");
    handoff.payload = Dump({{"by", "shopper"}});
    batch.events.push_back(std::move(handoff));
  }

  db::Message said;
  said.tenant = turn.tenant;
  said.session = turn.session_id;
  said.at = session.last_seen;
  said.role = "user";
  said.text = input.message;
  said.intent = turn.intent;
  said.confidence = turn.confidence;
  db::Message answered = said;
  answered.role = "bot";
  answered.text = r.text;
  answered.facts = Dump(FactsJson(r.facts));
  batch.messages.push_back(std::move(said));
  batch.messages.push_back(std::move(answered));

  db::LeadUpsert lead;
  lead.tenant = turn.tenant;
  lead.session = turn.session_id;
  lead.name = session.name;
  lead.phone = NormalizePhone(session.phone, tenant.profile.country);
  lead.email = NormalizeEmail(session.email);
  lead.channel = std::string(ChannelName(context.channel));
  lead.tags = TurnTags(tenant, turn, session, options.max_tags);
  if (turn.order || !session.cart.empty()) lead.value_estimate_minor = cart_value.minor;
  lead.currency = cart_value.currency;
  if (session.handoff) lead.handoff = true;
  lead.at = session.last_seen;
  batch.leads.push_back(std::move(lead));

  if (turn.order) {
    const OrderRequest& o = *turn.order;
    db::Order order;
    order.tenant = turn.tenant;
    order.order_id = o.order_id;
    order.session = turn.session_id;
    order.fulfilment = o.fulfilment;
    order.total_minor = o.total.minor;
    order.currency = o.total.currency.empty() ? tenant.profile.currency : o.total.currency;
    order.lines = Dump(OrderLinesJson(o.cart));
    order.at = session.last_seen;
    batch.orders.push_back(std::move(order));
  }
  return batch;
}

}  // namespace services
