#include "services/reply/sales_flows.h"

#include <algorithm>
#include <cmath>

#include "services/reply/checkout.h"
#include "services/reply/reply_support.h"

namespace services {

namespace {

using core::Reply;
using retrieval::Product;
using namespace reply;

std::string WeekdayList(const std::vector<int>& days) {
  if (days.empty() || days.size() == 7) return "every day";
  std::vector<std::string> names;
  for (int d : days) names.push_back(std::string(retrieval::WeekdayShort(d)));
  return Join(names);
}

// Quantity in the product's own unit: "500g" of a per-kg product is 0.5.
double QuantityFor(const Product& p, const Entities& e) {
  if (!e.quantity || *e.quantity <= 0) return 1;
  double q = *e.quantity;
  if (p.unit == "kg" && e.quantity_unit == "g") return q / 1000.0;
  if (p.unit == "g" && e.quantity_unit == "kg") return q * 1000.0;
  if (p.unit == "lb" && e.quantity_unit == "oz") return q / 16.0;
  return q;
}

std::string CartSummary(Reply& r, const retrieval::Tenant& t, const Session& s) {
  r.cart = PriceCart(t, s.cart);
  return Fact(r, "catalog", "cart", "total", core::FormatMoney(r.cart.total));
}

// "Delivery is £3.00, free over £55.00; minimum order £25.00. Same day ...
// (order by 14:00). Delivery days: Mon, ...", every value a fact.
std::string ZoneTerms(Reply& r, const retrieval::DeliveryZone& zone) {
  std::string text =
      "Delivery is " +
      (zone.fee.minor == 0 ? std::string("free") : Fact(r, "policy", zone.id, "fee", core::FormatMoney(zone.fee)));
  if (zone.free_over)
    text += ", free over " + Fact(r, "policy", zone.id, "free_over", core::FormatMoney(*zone.free_over));
  if (zone.min_order.minor > 0) {
    text += "; minimum order " + Fact(r, "policy", zone.id, "min_order", core::FormatMoney(zone.min_order));
  }
  text += ". " + Fact(r, "policy", zone.id, "eta", zone.eta);
  if (!zone.cutoff.empty()) text += " (order by " + Fact(r, "policy", zone.id, "cutoff", zone.cutoff) + ")";
  text += ". Delivery days: " + Fact(r, "policy", zone.id, "days", WeekdayList(zone.days)) + ".";
  return text;
}

// Delivery to places named rather than a postcode ("do you deliver to
// Beaverton?"): the terms of the zones that name them, and the postcode
// question, since zones are drawn by postcode.
Reply DeliveryToPlaces(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  for (const auto* zone : turn.zones) {
    r.text += std::string(r.text.empty() ? "Yes, we deliver to " : " We also deliver to ") + zone->name + ". " +
              ZoneTerms(r, *zone);
  }
  std::string postcode_word = t.geo->system() == retrieval::PostcodeSystem::kUsZip ? "ZIP code" : "postcode";
  r.text += " Tell me your " + postcode_word + " and I'll confirm your exact address is covered.";
  s.pending = "delivery_postcode";
  r.quick_replies = {"Opening hours", "Nearest branch"};
  return r;
}

}  // namespace

Reply SalesFlows::Delivery(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn, Clock::time_point now) {
  Reply r;
  if (t.policy->zones().empty()) {
    r.text = std::string(Sorry(t.settings.tone)) + " we don't offer delivery.";
    if (t.policy->collection_available()) r.text += " You're welcome to collect from one of our branches.";
    return r;
  }
  if (!turn.entities.postcode && !turn.zones.empty()) return DeliveryToPlaces(t, s, turn);
  std::optional<retrieval::Postcode> pc = turn.entities.postcode ? turn.entities.postcode : s.postcode;
  if (!pc) return AskPostcode(t, s, "delivery_postcode", "I'll check whether we deliver to you and what it costs.");
  s.postcode = pc;
  const retrieval::DeliveryZone* zone = t.policy->ZoneFor(*pc);
  if (!zone) {
    r.text = std::string(Sorry(t.settings.tone)) + " we don't deliver to " + pc->normalized + " at the moment.";
    Fact(r, "policy", pc->normalized, "covered", "no");
    if (t.policy->collection_available()) {
      auto nearest = t.geo->Nearest(*pc, 1);
      if (!nearest.empty()) {
        const auto& b = *nearest.front().branch;
        r.text += " You can collect from " + b.name + ", " +
                  Fact(r, "geo", b.id, "address", b.address + ", " + b.postcode) + ".";
      } else {
        r.text += " You're welcome to collect from one of our branches.";
      }
    }
    r.quick_replies = {"Nearest branch", "Opening hours"};
    return r;
  }
  r.text = "Yes, we deliver to " + pc->normalized + " (" + zone->name + "). " + ZoneTerms(r, *zone);

  const Entities& e = turn.entities;
  if (auto past = PastDateAsked(t, e, now)) {
    r.text += " " + *past + " has already passed, though — which day would you like it delivered?";
  } else if (e.weekday || e.tomorrow || e.today || e.date) {
    retrieval::CivilDate day = DayAsked(t, e, now);
    auto exception = t.policy->ExceptionOn(day, zone->id);
    bool on_day =
        zone->days.empty() || std::find(zone->days.begin(), zone->days.end(), day.weekday) != zone->days.end();
    std::string label = std::string(retrieval::WeekdayLong(day.weekday)) + " " + day.Iso();
    if (exception && !exception->delivers) {
      r.text += " No deliveries on " + label + (exception->note.empty() ? "" : ": " + exception->note) + ".";
      Fact(r, "policy", zone->id, "exception_" + day.Iso(), "no delivery");
    } else if (!on_day) {
      r.text += " We don't deliver to this area on " + std::string(retrieval::WeekdayLong(day.weekday)) + "s.";
    } else {
      r.text += " Yes, we can deliver on " + label +
                (exception && !exception->note.empty() ? " (" + exception->note + ")" : "") + ".";
    }
  }
  if (!s.cart.empty()) {
    core::CartView cart = PriceCart(t, s.cart);
    std::string total = Fact(r, "catalog", "cart", "total", core::FormatMoney(cart.total));
    if (cart.total.minor < zone->min_order.minor) {
      core::Money gap{zone->min_order.minor - cart.total.minor, cart.total.currency};
      r.text += " Your basket is " + total + ", so add " +
                Fact(r, "policy", zone->id, "min_order_gap", core::FormatMoney(gap)) + " more to reach the minimum.";
    } else if (zone->free_over && cart.total.minor >= zone->free_over->minor) {
      r.text += " Your basket is " + total + ", so delivery would be free.";
    }
  }
  r.quick_replies = {"Checkout", "Opening hours"};
  return r;
}

namespace {

// Several products in one message: each added in turn; one that is
// ambiguous, out of stock or short is said, and the rest still go in.
Reply AddSeveral(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  std::vector<std::string> added, problems;
  std::vector<const Product*> shown;
  for (const auto& item : turn.items) {
    std::vector<const Product*> products = item.products;
    if (item.exact_product) products.resize(1);
    if (products.size() > 1) {
      std::vector<std::string> names;
      for (size_t k = 0; k < products.size() && k < 3; ++k) {
        names.push_back(products[k]->name + " (" + PriceText(r, *products[k]) + ")");
        r.quick_replies.push_back("Add " + products[k]->name);
      }
      problems.push_back("For \"" + item.phrase + "\", which one would you like: " + Join(names, " or ") + "?");
      continue;
    }
    const Product& p = *products.front();
    if (!p.in_stock()) {
      problems.push_back(p.name + " is " + StockText(r, p) + ".");
      continue;
    }
    double q = QuantityFor(p, item.entities);
    if (q > static_cast<double>(p.stock)) {
      problems.push_back("We only have " + Fact(r, "catalog", p.sku, "stock", FormatQuantity(p.stock, p.unit)) +
                         " of " + p.name + ".");
      continue;
    }
    auto it = std::find_if(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == p.sku; });
    if (it != s.cart.end()) {
      it->quantity += q;
    } else {
      s.cart.push_back({p.sku, q, ""});
    }
    core::Money line{static_cast<int64_t>(std::llround(static_cast<double>(p.price.minor) * q)), p.price.currency};
    added.push_back(FormatQuantity(q, p.unit) + " × " + p.name + " (" +
                    Fact(r, "catalog", p.sku, "line_total", core::FormatMoney(line)) + ")");
    shown.push_back(&p);
  }
  if (!added.empty()) {
    r.cart_changed = true;
    r.text = "Added " + Join(added) + " to your basket. Basket total: " + CartSummary(r, t, s) + ".";
    ShowProducts(r, s, shown);
  }
  for (const auto& problem : problems) r.text += (r.text.empty() ? "" : " ") + problem;
  if (!problems.empty()) {
    r.needs_clarification = true;
    r.resolved = added.empty() ? false : r.resolved;
  }
  if (r.quick_replies.empty()) r.quick_replies = {"Checkout", "View basket", "Keep shopping"};
  return r;
}

}  // namespace

Reply SalesFlows::Add(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  if (turn.items.size() > 1) return AddSeveral(t, s, turn);
  Reply r;
  std::vector<const Product*> products = turn.products;
  if (turn.exact_product && !products.empty()) products.resize(1);
  if (products.empty()) {
    r.needs_clarification = true;
    r.resolved = false;
    r.text = turn.missing_words.empty()
                 ? "What would you like to add?"
                 : std::string(Sorry(t.settings.tone)) + " we don't sell " + turn.missing_words + ".";
    if (!turn.missing_words.empty()) {
      r.needs_clarification = false;
      r.fallback = true;
    }
    return r;
  }
  if (products.size() > 1) {
    r.needs_clarification = true;
    r.resolved = false;
    s.pending = "add_which";
    std::vector<const Product*> options(products.begin(), products.begin() + std::min<size_t>(3, products.size()));
    std::vector<std::string> names;
    for (const auto* p : options) {
      names.push_back(p->name + " (" + PriceText(r, *p) + ")");
      r.quick_replies.push_back(p->name);
    }
    ShowProducts(r, s, options);
    r.text = "Which one would you like: " + Join(names, " or ") + "?";
    return r;
  }
  const Product& p = *products.front();
  if (!p.in_stock()) {
    r.text = std::string(Sorry(t.settings.tone)) + " " + p.name + " is " + StockText(r, p) + ".";
    auto subs = SameCategorySubstitutes(t, p);
    if (!subs.empty()) {
      std::vector<std::string> names;
      for (const auto* sub : subs) names.push_back(sub->name + " (" + PriceText(r, *sub) + ")");
      ShowProducts(r, s, subs);
      r.text += " Would " + Join(names, " or ") + " do instead?";
    }
    return r;
  }
  double q = QuantityFor(p, turn.entities);
  if (q > static_cast<double>(p.stock)) {
    r.text = "We only have " + Fact(r, "catalog", p.sku, "stock", FormatQuantity(p.stock, p.unit)) + " of " + p.name +
             " available. Would you like that many?";
    r.needs_clarification = true;
    ShowProducts(r, s, {&p});
    return r;
  }
  auto it = std::find_if(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == p.sku; });
  if (it != s.cart.end()) {
    it->quantity += q;
  } else {
    s.cart.push_back({p.sku, q, ""});
  }
  r.cart_changed = true;
  ShowProducts(r, s, {&p});
  std::string total = CartSummary(r, t, s);
  core::Money line{static_cast<int64_t>(std::llround(static_cast<double>(p.price.minor) * q)), p.price.currency};
  r.text = "Added " + FormatQuantity(q, p.unit) + " × " + p.name + " (" +
           Fact(r, "catalog", p.sku, "line_total", core::FormatMoney(line)) +
           ") to your basket. Basket total: " + total + ".";
  if (t.settings.upsell && !s.upsell_offered) {
    for (const auto* rel : t.catalog->Related(p.sku, 3)) {
      bool in_cart = std::any_of(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == rel->sku; });
      if (!rel->in_stock() || in_cart) continue;
      r.text += " Goes well with: " + rel->name + " (" + PriceText(r, *rel) + ").";
      AddCard(r, *rel);
      s.upsell_offered = true;
      break;
    }
  }
  r.quick_replies = {"Checkout", "View basket", "Keep shopping"};
  return r;
}

Reply SalesFlows::Remove(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  if (s.cart.empty()) {
    r.text = "Your basket is empty.";
    return r;
  }
  std::vector<CartLine>::iterator it = s.cart.end();
  for (const auto* p : turn.products) {
    it = std::find_if(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == p->sku; });
    if (it != s.cart.end()) break;
  }
  if (it == s.cart.end() && turn.products.empty() && s.cart.size() == 1) it = s.cart.begin();
  if (it == s.cart.end()) {
    r.needs_clarification = true;
    r.resolved = false;
    std::vector<std::string> names;
    for (const auto& line : s.cart) {
      if (const auto* p = t.catalog->FindBySku(line.sku)) {
        names.push_back(p->name);
        r.quick_replies.push_back("Remove " + p->name);
      }
    }
    r.text = "Which item should I remove: " + Join(names, " or ") + "?";
    return r;
  }
  const Product* p = t.catalog->FindBySku(it->sku);
  std::string name = p ? p->name : it->sku;
  double q = p ? QuantityFor(*p, turn.entities) : 1;
  if (turn.entities.quantity && q < it->quantity) {
    it->quantity -= q;
    r.text = "Done — " + FormatQuantity(it->quantity, p ? p->unit : "") + " × " + name + " left in your basket.";
  } else {
    s.cart.erase(it);
    r.text = "Removed " + name + " from your basket.";
  }
  r.cart_changed = true;
  r.text += s.cart.empty() ? " Your basket is now empty." : " Basket total: " + CartSummary(r, t, s) + ".";
  r.cart = PriceCart(t, s.cart);
  return r;
}

Reply SalesFlows::View(const retrieval::Tenant& t, Session& s) {
  Reply r;
  r.cart = PriceCart(t, s.cart);
  if (r.cart.lines.empty()) {
    r.text = "Your basket is empty. What can I get you?";
    return r;
  }
  r.text = "Your basket:";
  for (const auto& l : r.cart.lines) {
    r.text += "\n• " + FormatQuantity(l.quantity, l.unit) + " × " + l.name + " — " +
              Fact(r, "catalog", l.sku, "line_total", core::FormatMoney(l.line_total));
  }
  r.text += "\nTotal: " + Fact(r, "catalog", "cart", "total", core::FormatMoney(r.cart.total));
  r.quick_replies = {"Checkout", "Keep shopping"};
  return r;
}

namespace {

// Name words two products share ("Sun Cream SPF 50 200ml" and "... 100ml": 4).
size_t SharedNameWords(const retrieval::Tenant& t, const Product& a, const Product& b) {
  const auto& x = t.names.Of(a).name_content;
  const auto& y = t.names.Of(b).name_content;
  return static_cast<size_t>(std::count_if(
      x.begin(), x.end(), [&](const std::string* id) { return std::find(y.begin(), y.end(), id) != y.end(); }));
}

std::string LineText(Reply& r, const Product& p, double q) {
  core::Money line{static_cast<int64_t>(std::llround(static_cast<double>(p.price.minor) * q)), p.price.currency};
  return FormatQuantity(q, p.unit) + " × " + p.name + " (" +
         Fact(r, "catalog", p.sku, "line_total", core::FormatMoney(line)) + ")";
}

}  // namespace

Reply SalesFlows::Update(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  if (s.cart.empty()) {
    r.text = "Your basket is empty. What can I get you?";
    return r;
  }
  const Entities& e = turn.entities;
  auto in_cart = [&](const Product* p) {
    return std::find_if(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == p->sku; });
  };
  // Another quantity of a line: the one referred to, else the last one.
  bool named_new = std::any_of(turn.products.begin(), turn.products.end(),
                               [&](const Product* p) { return in_cart(p) == s.cart.end(); });
  if (e.quantity && (turn.products.empty() || turn.products_from_context || !named_new)) {
    auto line = s.cart.end() - 1;
    for (const auto* p : turn.products) {
      if (auto it = in_cart(p); it != s.cart.end()) line = it;
    }
    const Product* p = t.catalog->FindBySku(line->sku);
    if (!p) return View(t, s);
    double q = QuantityFor(*p, e);
    if (q > static_cast<double>(p->stock)) {
      r.needs_clarification = true;
      r.text = "We only have " + Fact(r, "catalog", p->sku, "stock", FormatQuantity(p->stock, p->unit)) + " of " +
               p->name + " available. Would you like that many?";
      return r;
    }
    line->quantity = q;
    r.cart_changed = true;
    r.text = "Updated: " + LineText(r, *p, q) + ". Basket total: " + CartSummary(r, t, s) + ".";
    r.quick_replies = {"Checkout", "View basket"};
    return r;
  }
  // Another product for a line: the pair of line and named product whose
  // names share the most words (a size for its sibling).
  const Product* best = nullptr;
  std::vector<CartLine>::iterator target = s.cart.end();
  size_t best_shared = 0;
  for (auto it = s.cart.begin(); it != s.cart.end(); ++it) {
    const Product* old = t.catalog->FindBySku(it->sku);
    if (!old) continue;
    for (const auto* p : turn.products) {
      if (p == old || in_cart(p) != s.cart.end()) continue;
      size_t shared = SharedNameWords(t, *old, *p);
      if (!best || shared >= best_shared) {
        best = p;
        target = it;
        best_shared = shared;
      }
    }
  }
  if (!best) return View(t, s);
  const Product* old = t.catalog->FindBySku(target->sku);
  if (!best->in_stock()) {
    r.text = std::string(Sorry(t.settings.tone)) + " " + best->name + " is " + StockText(r, *best) + ", so I've left " +
             old->name + " in your basket.";
    return r;
  }
  double q = e.quantity ? QuantityFor(*best, e) : target->quantity;
  target->sku = best->sku;
  target->quantity = q;
  target->option.clear();
  r.cart_changed = true;
  ShowProducts(r, s, {best});
  r.text = "Done — I've changed " + old->name + " to " + LineText(r, *best, q) +
           ". Basket total: " + CartSummary(r, t, s) + ".";
  r.quick_replies = {"Checkout", "View basket"};
  return r;
}

Reply SalesFlows::Recall(const retrieval::Tenant& /*t*/, Session& s, const RoutedTurn& turn) {
  Reply r;
  std::string padded = " " + turn.normalized + " ";
  auto asks = [&](std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const char* w) { return padded.find(" " + std::string(w) + " ") != std::string::npos; });
  };
  std::vector<std::string> told, missing;
  auto report = [&](const char* what, const std::string& value, const char* field) {
    if (value.empty()) {
      missing.push_back(what);
    } else {
      told.push_back("your " + std::string(what) + " is " + Fact(r, "session", s.id, field, value));
    }
  };
  bool any = false;
  if (asks({"email", "mail", "e"})) {
    report("email", s.email, "email");
    any = true;
  }
  if (asks({"number", "phone", "mobile", "tel"})) {
    report("phone number", s.phone, "phone");
    any = true;
  }
  if (asks({"postcode", "zip", "address"})) {
    report("postcode", s.postcode ? s.postcode->normalized : "", "postcode");
    any = true;
  }
  if (!any || asks({"name", "called"})) report("name", s.name, "name");
  if (!told.empty()) {
    told.front()[0] = 'Y';
    r.text = Join(told) + ".";
  }
  if (!missing.empty()) {
    r.text += std::string(r.text.empty() ? "" : " ") + "You haven't told me your " + Join(missing, " or ") + " yet.";
  }
  return r;
}

Reply SalesFlows::BundleFor(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  const retrieval::Bundle* bundle = turn.bundle;
  if (!bundle) {
    r.needs_clarification = true;
    r.resolved = false;
    r.text = "Which pack are you interested in?";
    for (const auto& b : t.catalog->bundles()) r.quick_replies.push_back(b.name);
    return r;
  }
  std::optional<int> people = turn.entities.people;
  if (!people && turn.entities.quantity && turn.entities.quantity_unit.empty()) {
    people = static_cast<int>(*turn.entities.quantity);
  }
  if (!people) {
    r.needs_clarification = true;
    r.resolved = false;
    s.pending = "bundle_people:" + bundle->id;
    r.text = "Happy to put together our " + bundle->name + ". How many people is it for?";
    return r;
  }
  if (*people < bundle->min_people || *people > bundle->max_people) {
    r.text = "Our " + bundle->name + " is for " + std::to_string(bundle->min_people) + " to " +
             std::to_string(bundle->max_people) + " people. For " + std::to_string(*people) +
             ", please contact us and we'll tailor an order.";
    return r;
  }
  r.text = bundle->name + " for " + std::to_string(*people) + " people:";
  std::vector<const Product*> shown;
  core::Money total{0, t.profile.currency};
  std::vector<std::string> unavailable;
  for (const auto& item : bundle->per_person) {
    const Product* p = t.catalog->FindBySku(item.sku);
    if (!p) continue;
    double q = item.quantity_per_person * *people;
    q = (p->unit == "kg" || p->unit == "lb") ? std::ceil(q * 10.0 - 1e-9) / 10.0 : std::ceil(q - 1e-9);
    if (!p->in_stock()) {
      unavailable.push_back(p->name);
      continue;
    }
    core::Money line{static_cast<int64_t>(std::llround(static_cast<double>(p->price.minor) * q)), p->price.currency};
    total.minor += line.minor;
    r.text += "\n• " + FormatQuantity(q, p->unit) + " × " + p->name + " — " +
              Fact(r, "catalog", p->sku, "line_total", core::FormatMoney(line));
    Fact(r, "catalog", p->sku, "price", core::FormatMoney(p->price));
    shown.push_back(p);
  }
  r.text += "\nTotal: " + Fact(r, "catalog", "bundle:" + bundle->id, "total", core::FormatMoney(total)) + ".";
  if (!unavailable.empty()) r.text += " (Currently out of stock and left out: " + Join(unavailable) + ".)";
  r.text += " Shall I add it all to your basket?";
  ShowProducts(r, s, shown);
  s.pending = "bundle_add:" + bundle->id + ":" + std::to_string(*people);
  r.quick_replies = {"Add all to basket", "No thanks"};
  return r;
}

Reply SalesFlows::Lead(const retrieval::Tenant& t, Session& s) {
  Reply r;
  std::string who = s.name.empty() ? "" : ", " + s.name;
  if (!s.phone.empty() || !s.email.empty()) {
    std::vector<std::string> got;
    if (!s.phone.empty()) got.push_back(Fact(r, "session", s.id, "phone", s.phone));
    if (!s.email.empty()) got.push_back(Fact(r, "session", s.id, "email", s.email));
    r.text = "Thanks" + who + "! I've noted " + Join(got) + " so our team can get back to you. " +
             std::string(AnythingElse(t.settings.tone));
  } else {
    r.text = "Nice to meet you" + who + "! How can I help today?";
  }
  return r;
}

std::optional<Reply> SalesFlows::Continue(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                                          const std::string& pending, std::optional<OrderRequest>& order) {
  const Entities& e = turn.entities;
  if (pending.rfind("checkout_", 0) == 0) return CheckoutFlow::Continue(t, s, turn, pending, order);
  if (pending.rfind("bundle_people:", 0) == 0 && (e.people || e.quantity)) {
    RoutedTurn follow = turn;
    for (const auto& b : t.catalog->bundles()) {
      if (b.id == pending.substr(14)) follow.bundle = &b;
    }
    return BundleFor(t, s, follow);
  }
  if (pending.rfind("bundle_add:", 0) == 0 && IsYes(turn.normalized)) {
    std::string rest = pending.substr(11);
    size_t colon = rest.rfind(':');
    std::string id = rest.substr(0, colon);
    int people = std::stoi(rest.substr(colon + 1));
    Reply r;
    for (const auto& b : t.catalog->bundles()) {
      if (b.id != id) continue;
      for (const auto& item : b.per_person) {
        const Product* p = t.catalog->FindBySku(item.sku);
        if (!p || !p->in_stock()) continue;
        double q = item.quantity_per_person * people;
        q = (p->unit == "kg" || p->unit == "lb") ? std::ceil(q * 10.0 - 1e-9) / 10.0 : std::ceil(q - 1e-9);
        auto it = std::find_if(s.cart.begin(), s.cart.end(), [&](const CartLine& l) { return l.sku == p->sku; });
        if (it != s.cart.end())
          it->quantity += q;
        else
          s.cart.push_back({p->sku, q, ""});
      }
      r.cart_changed = true;
      r.text = "Added the " + b.name + " for " + std::to_string(people) +
               " to your basket. Basket total: " + CartSummary(r, t, s) + ".";
      r.quick_replies = {"Checkout", "View basket"};
      return r;
    }
    return std::nullopt;
  }
  if (pending == "add_which" && !turn.products.empty() && !turn.products_from_context) {
    RoutedTurn follow = turn;
    follow.products.resize(1);
    return Add(t, s, follow);
  }
  return std::nullopt;
}

}  // namespace services
