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
                         {"latency_ms", static_cast<double>(turn.latency_us) / 1000.0}};
  if (r.cart_changed || !r.cart.lines.empty()) body["cart"] = CartJson(r.cart);
  if (turn.order) body["order_id"] = turn.order->order_id;
  return body;
}

void AddChatRoutes(http::RouteTable& table, services::MessageHandler& handler, core::TenantKey default_tenant,
                   ChatRouteOptions options) {
  table.Add(
      http::Method::kPost, "/chat_api",
      [&handler, default_tenant, options](http::Request& request) {
        auto body = ParseJsonObject(request);
        if (!body.ok()) return ErrorToResponse(body.error(), request);
        const nlohmann::json& b = *body;
        auto bad = [&](const std::string& msg) {
          return ErrorToResponse(MakeError(ErrorCode::kInvalidArgument, msg), request);
        };
        if (!b.contains("message") || !b["message"].is_string()) return bad("\"message\" must be a string.");
        if (b.contains("session_id") && !b["session_id"].is_string() && !b["session_id"].is_null()) {
          return bad("\"session_id\" must be a string.");
        }
        if (b.contains("tenant") && !b["tenant"].is_string()) return bad("\"tenant\" must be a string.");
        if (b.contains("metadata") && !b["metadata"].is_object()) return bad("\"metadata\" must be an object.");
        services::ChatInput input;
        input.message = b["message"].get<std::string>();
        if (b.contains("session_id") && b["session_id"].is_string()) input.session_id = b["session_id"];
        std::string channel = b.value("channel", "web");
        if (channel == "web") input.channel = core::Channel::kWeb;
        else if (channel == "wa") input.channel = core::Channel::kWhatsApp;
        else if (channel == "api") input.channel = core::Channel::kApi;
        else return bad("\"channel\" must be web, wa or api.");
        if (b.contains("metadata")) input.metadata = b["metadata"].dump();
        input.request_id = request.request_id;
        if (options.allow_test_clock) {
          if (auto test_now = request.Header("x-test-now")) {
            input.now = core::ParseIsoUtc(*test_now);
            if (!input.now) return bad("X-Test-Now must be a UTC time like 2026-12-01T10:00:00Z.");
          }
        }
        std::optional<std::string> body_tenant;
        if (b.contains("tenant")) body_tenant = b["tenant"].get<std::string>();
        auto key = SelectTenant(request, default_tenant, body_tenant);
        if (!key.ok()) return ErrorToResponse(key.error(), request);
        auto turn = handler.Handle(*key, input);
        if (!turn.ok()) return ErrorToResponse(turn.error(), request);
        http::Response response = JsonOk(ChatTurnToJson(*turn));
        if (input.now) response.SetHeader("X-Test-Now", core::FormatIsoUtc(*input.now));
        return response;
      },
      {.cors = true});
}

}  // namespace routes
