#include "services/reply/checkout.h"

#include "services/reply/reply_support.h"

namespace services {

namespace {

using core::Reply;
using namespace reply;

bool Has(std::string_view normalized, std::string_view word) {
  std::string padded = " " + std::string(normalized) + " ";
  return padded.find(" " + std::string(word) + " ") != std::string::npos;
}

std::string ChosenFulfilment(std::string_view n) {
  for (auto w : {"delivery", "deliver", "delivered", "delivering"}) {
    if (Has(n, w)) return "delivery";
  }
  for (auto w : {"collection", "collect", "collecting", "pickup", "pick up", "click and collect", "in store"}) {
    if (Has(n, w)) return "collection";
  }
  return {};
}

bool Confirms(std::string_view n) {
  return IsYes(n) || n.rfind("confirm", 0) == 0 || n.rfind("place", 0) == 0 || Has(n, "go ahead") ||
         n.rfind("thats right", 0) == 0 || n.rfind("thats correct", 0) == 0;
}

// The contact details the tenant needs that the session lacks, each with
// its article: "your name and a phone number".
std::vector<std::string> MissingContact(const retrieval::CheckoutSettings& need, const Session& s) {
  std::vector<std::string> missing;
  if (need.name && s.name.empty()) missing.push_back("name");
  if (need.phone && s.phone.empty()) missing.push_back("phone number");
  if (need.email && s.email.empty()) missing.push_back("email address");
  if (need.phone_or_email && !need.phone && !need.email && s.phone.empty() && s.email.empty()) {
    missing.push_back("phone number or email");
  }
  return missing;
}

Reply AskContact(const retrieval::Tenant& t, Session& s) {
  Reply r;
  r.needs_clarification = true;
  s.pending = "checkout_contact";
  std::vector<std::string> missing = MissingContact(t.settings.checkout, s);
  if (missing.front() == "name") {
    for (size_t i = 1; i < missing.size(); ++i) missing[i] = "a " + missing[i];
    r.text = "Can I take your " + Join(missing) + " so we can confirm your order?";
  } else {
    r.text = (s.name.empty() ? std::string("Thanks") : "Thanks, " + s.name) + ". What's the best " + Join(missing) +
             " to confirm your order?";
  }
  return r;
}

// "2 × Sun Cream SPF 50 200ml (£19.98). Delivery to BS6 5AB: £2.95. Total
// £22.93.": the order as the shopper will be asked to confirm it and told it.
std::string OrderText(Reply& r, const retrieval::Tenant& t, const Session& s, const OrderRequest& o) {
  std::vector<std::string> lines;
  for (const auto& l : o.cart.lines) {
    lines.push_back(FormatQuantity(l.quantity, l.unit) + " × " + l.name + " (" +
                    Fact(r, "catalog", l.sku, "line_total", core::FormatMoney(l.line_total)) + ")");
  }
  std::string text = Join(lines) + ". ";
  if (o.fulfilment == "delivery") {
    text += "Delivery to " + o.postcode + ": " +
            (o.delivery_fee.minor == 0 ? "free" : core::FormatMoney(o.delivery_fee)) + ". ";
  } else if (const auto* b = t.geo->BranchById(s.branch_id)) {
    text += "Collection from " + b->name + ". ";
  }
  return text + "Total " + Fact(r, "catalog", "order:" + o.order_id, "total", core::FormatMoney(o.total)) + ".";
}

Reply Step(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn, std::optional<OrderRequest>& order,
           bool confirmed) {
  Reply r;
  if (s.cart.empty()) {
    r.text = "Your basket is empty — what would you like to order?";
    return r;
  }
  if (std::string f = ChosenFulfilment(turn.normalized); !f.empty()) s.fulfilment = f;
  if (s.fulfilment.empty() && turn.branch) s.fulfilment = "collection";  // "checkout, pickup at cherry creek"
  bool can_deliver = !t.policy->zones().empty();
  bool can_collect = t.policy->collection_available() && !t.geo->branches().empty();
  if (s.fulfilment.empty()) {
    if (can_deliver && can_collect) {
      r.needs_clarification = true;
      s.pending = "checkout_fulfilment";
      r.text = "Great! Would you like delivery or to collect from a branch?";
      r.quick_replies = {"Delivery", "Collection"};
      return r;
    }
    s.fulfilment = can_deliver ? "delivery" : "collection";
  }
  core::CartView cart = PriceCart(t, s.cart);
  core::Money fee{0, t.profile.currency};
  if (s.fulfilment == "delivery") {
    if (!s.postcode) return AskPostcode(t, s, "checkout_postcode", "I'll check delivery to you.");
    const retrieval::DeliveryZone* zone = t.policy->ZoneFor(*s.postcode);
    if (!zone) {
      r.text = std::string(Sorry(t.settings.tone)) + " we don't deliver to " + s.postcode->normalized + ".";
      if (can_collect) {
        r.text += " Would you like to collect instead?";
        s.fulfilment.clear();
        s.pending = "checkout_fulfilment";
        r.quick_replies = {"Collection"};
      }
      return r;
    }
    if (cart.total.minor < zone->min_order.minor) {
      core::Money gap{zone->min_order.minor - cart.total.minor, cart.total.currency};
      r.text = "The minimum order for delivery to " + s.postcode->normalized + " is " +
               Fact(r, "policy", zone->id, "min_order", core::FormatMoney(zone->min_order)) + "; your basket is " +
               Fact(r, "catalog", "cart", "total", core::FormatMoney(cart.total)) + ". Add " +
               Fact(r, "policy", zone->id, "min_order_gap", core::FormatMoney(gap)) + " more, or choose collection.";
      r.quick_replies = {"Collection", "Keep shopping"};
      s.fulfilment.clear();
      s.pending = "checkout_fulfilment";
      return r;
    }
    bool free = zone->free_over && cart.total.minor >= zone->free_over->minor;
    fee = free ? core::Money{0, cart.total.currency} : zone->fee;
    Fact(r, "policy", zone->id, "fee", core::FormatMoney(fee));
  } else {
    if (s.branch_id.empty() && turn.branch) s.branch_id = turn.branch->id;
    if (s.branch_id.empty() && t.geo->branches().size() == 1) s.branch_id = t.geo->branches().front().id;
    if (s.branch_id.empty()) {
      r.needs_clarification = true;
      s.pending = "checkout_branch";
      r.text = "Which branch would you like to collect from?";
      for (const auto& b : t.geo->branches()) r.quick_replies.push_back(b.name);
      return r;
    }
  }
  if (!MissingContact(t.settings.checkout, s).empty()) return AskContact(t, s);
  OrderRequest o;
  o.order_id = "ORD-" + s.id.substr(0, 8) + "-" + std::to_string(s.turns);
  o.tenant = s.tenant;
  o.session_id = s.id;
  o.name = s.name;
  o.phone = s.phone;
  o.email = s.email;
  o.fulfilment = s.fulfilment;
  o.postcode = s.postcode ? s.postcode->normalized : "";
  o.branch_id = s.branch_id;
  o.cart = cart;
  o.delivery_fee = fee;
  o.total = core::Money{cart.total.minor + fee.minor, cart.total.currency};
  const std::string thanks = s.name.empty() ? "Thank you" : "Thank you, " + s.name;
  if (t.settings.checkout.confirm && !confirmed) {
    r.needs_clarification = true;
    s.pending = "checkout_confirm";
    r.text = thanks + "! Please check your order: " + OrderText(r, t, s, o) + " Shall I place it?";
    r.quick_replies = {"Yes, place my order", "Keep shopping"};
    return r;
  }
  r.text = thanks + "! Your order request " + o.order_id + " is in: " + OrderText(r, t, s, o) +
           " The team will contact you on " + (s.phone.empty() ? s.email : s.phone) +
           " to confirm and arrange payment.";
  s.order_id = o.order_id;
  s.cart.clear();
  s.fulfilment.clear();
  r.cart_changed = true;
  r.cart = PriceCart(t, s.cart);
  order = std::move(o);
  return r;
}

}  // namespace

Reply CheckoutFlow::Start(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                          std::optional<OrderRequest>& order) {
  return Step(t, s, turn, order, false);
}

std::optional<Reply> CheckoutFlow::Continue(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                                            const std::string& pending, std::optional<OrderRequest>& order) {
  const Entities& e = turn.entities;
  if (pending == "checkout_fulfilment") {
    if (ChosenFulfilment(turn.normalized).empty()) return std::nullopt;
    return Step(t, s, turn, order, false);
  }
  if (pending == "checkout_postcode" && e.postcode) return Step(t, s, turn, order, false);
  if (pending == "checkout_branch" && turn.branch) {
    s.branch_id = turn.branch->id;
    return Step(t, s, turn, order, false);
  }
  if (pending == "checkout_contact" && (e.name || e.phone || e.email)) return Step(t, s, turn, order, false);
  if (pending == "checkout_confirm" && Confirms(turn.normalized)) return Step(t, s, turn, order, true);
  return std::nullopt;
}

}  // namespace services
