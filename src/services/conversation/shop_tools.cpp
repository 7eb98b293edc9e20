#include "services/conversation/shop_tools.h"

#include <cmath>

namespace services {

using ai_modes::ToolArguments;
using ai_modes::ToolOutcome;
using ai_modes::grounding::Action;

namespace {

std::string Arg(const ToolArguments& args, const std::string& name) {
  const std::string* v = args.Text(name);
  return v ? *v : std::string();
}

std::string NumberText(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e9) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

ToolOutcome Failed(std::string error) {
  ToolOutcome o;
  o.error = std::move(error);
  return o;
}

}  // namespace

ShopTools::ShopTools(const retrieval::Tenant& tenant, Session& session, const Router& router,
                     const ReplyComposer& composer, std::chrono::system_clock::time_point now)
    : tenant_(tenant), session_(session), router_(router), composer_(composer), now_(now) {}

ToolOutcome ShopTools::Compose(RoutedTurn routed) {
  routed.confidence = 1.0;
  std::string pending = session_.pending;
  session_.pending.clear();
  ToolOutcome outcome;
  outcome.reply = composer_.Compose(tenant_, session_, routed, now_, order_);
  if (session_.pending.empty()) session_.pending = pending;
  outcome.ok = outcome.reply.resolved && !outcome.reply.fallback;
  return outcome;
}

ToolOutcome ShopTools::ForProduct(const std::string& sku, Intent intent, const ToolArguments& args) {
  const retrieval::Product* product = tenant_.catalog->FindBySku(sku);
  if (!product) return Failed("no product has SKU " + sku + "; search_products finds SKUs");
  std::string ask = product->name;
  bool weighed = product->unit == "kg" || product->unit == "g" || product->unit == "lb";
  if (auto q = args.Number("quantity")) ask = NumberText(*q) + (weighed ? product->unit : "") + " " + ask;
  if (std::string option = Arg(args, "option"); !option.empty()) ask += " " + option;
  RoutedTurn routed = router_.Route(tenant_, session_, ask, now_);
  routed.intent = intent;
  routed.products = {product};
  routed.exact_product = true;
  routed.products_from_context = false;
  if (auto q = args.Number("quantity")) {
    routed.entities.quantity = *q;
    routed.entities.quantity_unit = weighed ? product->unit : "";
  }
  return Compose(std::move(routed));
}

ToolOutcome ShopTools::Call(const std::string& name, const ToolArguments& args) {
  if (name == "search_products") {
    std::string ask = Arg(args, "query");
    if (std::string category = Arg(args, "category"); !category.empty()) ask += " " + category;
    if (auto max = args.Number("max_price")) ask += " under " + NumberText(*max);
    RoutedTurn routed = router_.Route(tenant_, session_, ask, now_);
    if (routed.products.empty() && routed.category) {
      routed.intent = Intent::kBrowseCategory;
    } else if (routed.intent != Intent::kBrowseCategory) {
      routed.intent = Intent::kSearchProduct;
    }
    return Compose(std::move(routed));
  }
  if (name == "get_product") return ForProduct(Arg(args, "sku"), Intent::kSearchProduct, args);
  if (name == "check_delivery") {
    RoutedTurn routed = router_.Route(tenant_, session_, "delivery to " + Arg(args, "postcode"), now_);
    if (!routed.entities.postcode) return Failed("not a postcode this shop uses: " + Arg(args, "postcode"));
    routed.intent = Intent::kCheckDelivery;
    return Compose(std::move(routed));
  }
  if (name == "find_branch") {
    std::string where = Arg(args, "postcode").empty() ? Arg(args, "place") : Arg(args, "postcode");
    RoutedTurn routed =
        router_.Route(tenant_, session_, where.empty() ? "your branches" : "nearest branch to " + where, now_);
    routed.intent = Intent::kBranchLocator;
    return Compose(std::move(routed));
  }
  if (name == "opening_hours") {
    std::string ask = "opening hours";
    if (std::string branch = Arg(args, "branch"); !branch.empty()) ask += " at " + branch;
    if (std::string date = Arg(args, "date"); !date.empty()) ask += " on " + date;
    RoutedTurn routed = router_.Route(tenant_, session_, ask, now_);
    routed.intent = Intent::kOpeningHours;
    return Compose(std::move(routed));
  }
  if (name == "answer_faq") {
    RoutedTurn routed = router_.Route(tenant_, session_, Arg(args, "question"), now_);
    if (routed.faq.faq) routed.intent = Intent::kFaq;
    return Compose(std::move(routed));
  }
  if (name == "cart_add" || name == "cart_remove") {
    ToolOutcome o =
        ForProduct(Arg(args, "sku"), name == "cart_add" ? Intent::kAddToCart : Intent::kRemoveFromCart, args);
    o.ok = o.error.empty() && o.reply.cart_changed;
    if (o.ok) o.action = name == "cart_add" ? Action::kCartAdd : Action::kCartRemove;
    return o;
  }
  if (name == "cart_view") {
    RoutedTurn routed = router_.Route(tenant_, session_, "my basket", now_);
    routed.intent = Intent::kViewCart;
    return Compose(std::move(routed));
  }
  if (name == "start_checkout") {
    bool had_order = order_.has_value();
    RoutedTurn routed = router_.Route(tenant_, session_, "checkout", now_);
    routed.intent = Intent::kCheckout;
    ToolOutcome o = Compose(std::move(routed));
    o.ok = true;
    if (!had_order && order_) o.action = Action::kOrderPlaced;
    return o;
  }
  if (name == "capture_lead") {
    std::string ask;
    if (std::string n = Arg(args, "name"); !n.empty()) ask += "my name is " + n + ". ";
    if (std::string p = Arg(args, "phone"); !p.empty()) ask += "my phone is " + p + ". ";
    if (std::string e = Arg(args, "email"); !e.empty()) ask += "my email is " + e + ". ";
    RoutedTurn routed = router_.Route(tenant_, session_, ask, now_);
    if (!routed.entities.phone && !routed.entities.email) return Failed("no valid phone number or e-mail given");
    routed.intent = Intent::kLeadCapture;
    ToolOutcome o = Compose(std::move(routed));
    o.ok = !session_.phone.empty() || !session_.email.empty();
    if (o.ok) o.action = Action::kLeadCaptured;
    return o;
  }
  if (name == "handoff") {
    RoutedTurn routed = router_.Route(tenant_, session_, "talk to a person", now_);
    routed.intent = Intent::kHumanHandoff;
    ToolOutcome o = Compose(std::move(routed));
    o.ok = session_.handoff;
    if (o.ok) o.action = Action::kHandoff;
    return o;
  }
  return Failed("unknown tool");
}

}  // namespace services
