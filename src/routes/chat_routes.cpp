#include "routes/chat_routes.h"

#include <variant>

#include "core/clock.h"
#include "routes/route_support.h"

namespace routes {

namespace {

using core::ErrorCode;
using core::MakeError;

nlohmann::json MoneyJson(const core::Money& m) { return m.major(); }

nlohmann::json CartJson(const core::CartView& cart) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : cart.lines) {
    lines.push_back({{"sku", l.sku},
                     {"name", l.name},
                     {"quantity", l.quantity},
                     {"unit", l.unit},
                     {"unit_price", MoneyJson(l.unit_price)},
                     {"line_total", MoneyJson(l.line_total)},
                     {"line_total_text", core::FormatMoney(l.line_total)}});
  }
  return {{"lines", lines},
          {"total", MoneyJson(cart.total)},
          {"total_text", core::FormatMoney(cart.total)},
          {"currency", cart.total.currency}};
}

}  // namespace

nlohmann::json EntitiesJson(const services::Entities& entities) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& field : services::EntityFields(entities)) {
    std::visit([&](const auto& v) { j[std::string(field.name)] = v; }, field.value);
  }
  return j;
}

nlohmann::json ChatTurnToJson(const services::ChatTurn& turn) {
  const core::Reply& r = turn.reply;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : r.items) {
    items.push_back({{"sku", c.sku},
                     {"name", c.name},
                     {"price", MoneyJson(c.price)},
                     {"price_text", core::FormatMoney(c.price)},
                     {"currency", c.price.currency},
                     {"unit", c.unit},
                     {"in_stock", c.in_stock}});
  }
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& f : r.facts) {
    facts.push_back({{"source", f.source}, {"key", f.key}, {"field", f.field}, {"value", f.value}});
  }
  nlohmann::json body = {{"reply", r.text},
                         {"session_id", turn.session_id},
                         {"tenant", turn.tenant},
                         {"version", turn.tenant_version},
                         {"intent", turn.intent},
                         {"confidence", turn.confidence},
                         {"entities", EntitiesJson(turn.entities)},
                         {"needs_clarification", r.needs_clarification},
                         {"resolved", r.resolved},
                         {"fallback", r.fallback},
                         {"quick_replies", r.quick_replies},
                         {"items", items},
                         {"facts", facts},
                         {"latency_ms", static_cast<double>(turn.latency_us) / 1000.0},
                         {"mode_used", r.mode_used},
                         {"llm",
                          {{"used", r.llm.used},
                           {"rejected_reason", r.llm.rejected_reason},
                           {"tool_calls", r.llm.tool_calls},
                           {"latency_ms", r.llm.latency_ms},
                           {"tokens", r.llm.tokens}}}};
  if (r.cart_changed || !r.cart.lines.empty()) body["cart"] = CartJson(r.cart);
  if (turn.order) body["order_id"] = turn.order->order_id;
  return body;
}

namespace {

// A /chat_api body decoded: every field checked for its type, so a wrong
// type is a 400 naming the field, never an exception.
struct ChatRequest {
  services::ChatInput input;
  core::Channel channel = core::Channel::kWeb;
  std::optional<std::string> tenant;
};

core::Result<ChatRequest> DecodeChatRequest(const http::Request& request, bool allow_test_clock) {
  auto body = ParseJsonObject(request);
  if (!body.ok()) return body.error();
  const nlohmann::json& b = *body;
  auto bad = [](const std::string& msg) { return MakeError(ErrorCode::kInvalidArgument, msg); };
  auto optional_string = [&](const char* field) { return !b.contains(field) || b[field].is_string(); };
  ChatRequest out;
  if (!b.contains("message") || !b["message"].is_string()) return bad("\"message\" must be a string.");
  out.input.message = b["message"].get<std::string>();
  if (b.contains("session_id") && !b["session_id"].is_null()) {
    if (!b["session_id"].is_string()) return bad("\"session_id\" must be a string.");
    out.input.session_id = b["session_id"].get<std::string>();
    // WhatsApp conversations are keyed "wa-<number>": a guessable id that a
    // web client must never be able to write into.
    if (out.input.session_id.rfind("wa-", 0) == 0) {
      return bad("\"session_id\" must not start with \"wa-\" (reserved for WhatsApp conversations).");
    }
  }
  if (!optional_string("tenant")) return bad("\"tenant\" must be a string.");
  if (b.contains("tenant")) out.tenant = b["tenant"].get<std::string>();
  if (!optional_string("channel")) return bad("\"channel\" must be a string: web, wa or api.");
  std::string channel = b.contains("channel") ? b["channel"].get<std::string>() : "web";
  if (channel == "web") out.channel = core::Channel::kWeb;
  else if (channel == "wa") out.channel = core::Channel::kWhatsApp;
  else if (channel == "api") out.channel = core::Channel::kApi;
  else return bad("\"channel\" must be web, wa or api.");
  if (b.contains("metadata")) {
    if (!b["metadata"].is_object()) return bad("\"metadata\" must be an object.");
    out.input.metadata = b["metadata"].dump();
  }
  if (allow_test_clock) {
    if (auto test_now = request.Header("x-test-now")) {
      out.input.now = core::ParseIsoUtc(*test_now);
      if (!out.input.now) return bad("X-Test-Now must be a UTC time like 2026-12-01T10:00:00Z.");
    }
  }
  return out;
}

}  // namespace

void AddChatRoutes(http::RouteTable& table, services::MessageHandler& handler, const core::Clock& clock,
                   core::TenantKey default_tenant, ChatRouteOptions options) {
  table.Add(
      http::Method::kPost, "/chat_api",
      [&handler, &clock, default_tenant, options](http::Request& request) {
        auto decoded = DecodeChatRequest(request, options.allow_test_clock);
        if (!decoded.ok()) return ErrorToResponse(decoded.error(), request);
        auto key = SelectTenant(request, default_tenant, decoded->tenant);
        if (!key.ok()) return ErrorToResponse(key.error(), request);
        core::RequestContext context{request.request_id, *key, decoded->channel,
                                     clock.Monotonic() + options.turn_timeout};
        auto turn = handler.Handle(context, decoded->input);
        if (!turn.ok()) return ErrorToResponse(turn.error(), request);
        http::Response response = JsonOk(ChatTurnToJson(*turn));
        if (decoded->input.now) response.SetHeader("X-Test-Now", core::FormatIsoUtc(*decoded->input.now));
        return response;
      },
      {.cors = true});
}

}  // namespace routes
