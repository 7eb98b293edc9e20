#include "services/reply/reply_composer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "services/reply/checkout.h"
#include "services/reply/reply_support.h"
#include "services/reply/sales_flows.h"

namespace services {

namespace {

using core::Reply;
using retrieval::Product;
using namespace reply;

std::string Branded(const retrieval::Tenant& t, std::string_view greeting_fallback) {
  const auto& b = t.widget.branding;
  return b.is_object() && b.contains("greeting") ? b["greeting"].get<std::string>() : std::string(greeting_fallback);
}

Reply Greeting(const retrieval::Tenant& t, Session& s) {
  Reply r;
  r.text = Branded(t, "Hello! How can I help you today?");
  if (!s.name.empty()) r.text = "Hi " + s.name + "! " + r.text;
  r.quick_replies = {"Opening hours", "Delivery to my postcode", "Nearest branch"};
  return r;
}

Reply Thanks(const retrieval::Tenant& t) {
  Reply r;
  r.text = "You're welcome! " + std::string(AnythingElse(t.settings.tone));
  if (!t.settings.sign_off.empty()) r.text += " " + t.settings.sign_off;
  return r;
}

Reply Goodbye(const retrieval::Tenant& t) {
  Reply r;
  r.text = t.settings.sign_off.empty() ? "Thanks for chatting — bye for now!" : t.settings.sign_off;
  return r;
}

std::string ContactLine(const retrieval::Tenant& t, Reply& r) {
  std::vector<std::string> ways;
  if (!t.profile.phone.empty()) ways.push_back("call " + Fact(r, "store_info", "contact", "phone", t.profile.phone));
  if (!t.profile.email.empty()) ways.push_back("email " + Fact(r, "store_info", "contact", "email", t.profile.email));
  return ways.empty() ? std::string() : "You can " + Join(ways, " or ") + ".";
}

Reply Handoff(const retrieval::Tenant& t, Session& s) {
  Reply r;
  s.handoff = true;
  r.text = t.settings.handoff_message.empty()
               ? "I'll pass this to a member of our team, who will reply here as soon as they can."
               : t.settings.handoff_message;
  std::string contact = ContactLine(t, r);
  if (!contact.empty())
    r.text += " If it's urgent, " + std::string(1, static_cast<char>(std::tolower(contact[0]))) + contact.substr(1);
  return r;
}

Reply Fallback(const retrieval::Tenant& t) {
  Reply r;
  r.resolved = false;
  r.fallback = true;
  r.text = std::string(Sorry(t.settings.tone)) + " that's not something I have information about. " +
           "I can help with our products and prices, delivery, opening hours and branches.";
  std::string contact = ContactLine(t, r);
  if (!contact.empty()) r.text += " For anything else, you can " + contact.substr(8);
  r.quick_replies = {"Talk to a person", "Opening hours", "Delivery"};
  return r;
}

Reply FaqAnswer(const retrieval::Tenant& t, Session& s, const retrieval::Faq& faq,
                std::chrono::system_clock::time_point now) {
  Reply r;
  // Only the placeholders this answer uses are worked out.
  auto uses = [&](std::string_view name) {
    return faq.answer.find("{" + std::string(name) + "}") != std::string::npos;
  };
  std::map<std::string, std::string> values;
  if (uses("store_phone")) values["store_phone"] = t.profile.phone;
  if (uses("store_email")) values["store_email"] = t.profile.email;
  if (uses("delivery_summary")) values["delivery_summary"] = DeliverySummary(t);
  if (uses("opening_hours_summary")) values["opening_hours_summary"] = OpeningSummary(t, now);
  const retrieval::Branch* branch = t.geo->BranchById(s.branch_id);
  if (!branch && t.geo->branches().size() == 1) branch = &t.geo->branches().front();
  if (branch) {
    if (uses("branch_name")) values["branch_name"] = branch->name;
    if (uses("branch_phone")) values["branch_phone"] = branch->phone;
  }
  r.text = retrieval::FillPlaceholders(faq.answer, values);
  for (const auto& [name, value] : values) {
    if (!value.empty() && faq.answer.find("{" + name + "}") != std::string::npos) {
      Fact(r, "faq", faq.id, name, value);
    }
  }
  // The answer is the tenant's own text: it is the fact.
  Fact(r, "faq", faq.id, "answer", r.text);
  return r;
}

// One question when the message points at a product we cannot tell.
Reply AskWhichProduct(const retrieval::Tenant& t) {
  Reply r;
  r.needs_clarification = true;
  r.resolved = false;
  r.text = "Which product do you mean? Tell me its name and I'll check it for you.";
  for (const auto& c : t.catalog->categories()) {
    if (r.quick_replies.size() < 3) r.quick_replies.push_back(c.name);
  }
  return r;
}

// The FAQs close to the best one when it is not sure enough: the questions
// to offer instead of a bare fallback (2-3, best first).
std::vector<const retrieval::Faq*> CloseFaqs(const retrieval::Tenant& t, const retrieval::FaqMatch& m) {
  std::vector<const retrieval::Faq*> close;
  if (!m.faq) return close;
  const double floor = std::max(t.settings.out_of_scope * 0.5, m.score * 0.6);
  close.push_back(m.faq);
  for (const auto& [faq, score] : m.runners_up) {
    if (close.size() < 3 && score >= floor) close.push_back(faq);
  }
  if (close.size() < 2) close.clear();
  return close;
}

Reply Clarify(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  r.needs_clarification = true;
  r.resolved = false;
  const bool unsure = turn.faq.faq && turn.faq.score >= t.settings.out_of_scope * 0.5;
  if (std::vector<const retrieval::Faq*> close = unsure ? CloseFaqs(t, turn.faq) : std::vector<const retrieval::Faq*>{};
      !close.empty() && (turn.faq.score < t.settings.out_of_scope || turn.faq.margin < 0.1)) {
    r.text = "I'm not sure which you mean — is it one of these?";
    for (const auto* faq : close) {
      r.text += "\n• " + faq->question;
      r.quick_replies.push_back(faq->question);
    }
    return r;
  }
  if (turn.faq.faq && turn.faq.score >= t.settings.out_of_scope) {
    s.pending = "confirm_faq:" + turn.faq.faq->id;
    r.text = "Just to check — do you mean \"" + turn.faq.faq->question + "\"?";
    r.quick_replies = {"Yes", "No"};
    return r;
  }
  return Fallback(t);
}

// --- Product information ---------------------------------------------------

Reply ProductList(const retrieval::Tenant& /*t*/, Session& s, const RoutedTurn& turn,
                  std::vector<const Product*> products, std::string intro) {
  Reply r;
  if (products.size() > 5) products.resize(5);
  std::vector<std::string> lines;
  for (const auto* p : products) {
    lines.push_back("• " + p->name + (p->unit_size.empty() ? "" : " (" + p->unit_size + ")") + " — " +
                    PriceText(r, *p) + (p->in_stock() ? "" : " (" + StockText(r, *p) + ")"));
    if (p->in_stock()) StockText(r, *p);
  }
  ShowProducts(r, s, products);
  r.text = intro;
  for (const auto& l : lines) r.text += "\n" + l;
  if (!turn.corrected_query.empty()) {
    r.text = "Showing results for \"" + turn.corrected_query + "\".\n" + r.text;
  }
  r.text += "\nWould you like me to add one to your basket?";
  for (const auto* p : products) {
    if (r.quick_replies.size() < 3 && p->in_stock()) r.quick_replies.push_back("Add " + p->name);
  }
  return r;
}

Reply Search(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  if (turn.products.size() == 1 || turn.products_from_context) {
    const Product& p = *turn.products.front();
    Reply r;
    r.text = p.name + (p.unit_size.empty() ? "" : " (" + p.unit_size + ")") + " is " + PriceText(r, p) + " and " +
             StockText(r, p) + ".";
    if (!p.description.empty()) r.text += " " + p.description;
    ShowProducts(r, s, {&p});
    if (!p.in_stock()) {
      auto subs = SameCategorySubstitutes(t, p);
      if (!subs.empty()) {
        std::vector<std::string> names;
        for (const auto* sub : subs) {
          names.push_back(sub->name + " (" + PriceText(r, *sub) + ")");
          AddCard(r, *sub);
        }
        r.text += " In stock instead: " + Join(names, " or ") + ".";
        s.last_skus.clear();
        for (const auto* sub : subs) s.last_skus.push_back(sub->sku);
      }
    } else {
      r.text += " Shall I add it to your basket?";
      r.quick_replies = {"Add to basket", "Delivery", "Something else"};
    }
    return r;
  }
  return ProductList(
      t, s, turn, turn.products,
      std::string(Ack(t.settings.tone)) + (Ack(t.settings.tone).empty() ? "" : " ") + "Here's what I found:");
}

Reply Browse(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  retrieval::SearchQuery q;
  q.category = turn.category->id;
  q.limit = 5;
  if (turn.entities.budget_max) q.max_price_minor = turn.entities.budget_max->minor;
  if (turn.entities.budget_min) q.min_price_minor = turn.entities.budget_min->minor;
  auto result = t.catalog->Search(q);
  std::vector<const Product*> products;
  for (const auto& h : result.hits) products.push_back(h.product);
  if (products.empty()) {
    Reply r;
    r.resolved = false;
    r.text = std::string(Sorry(t.settings.tone)) + " I couldn't find anything in " + turn.category->name +
             (turn.entities.budget_max ? " in that price range" : "") + " right now.";
    return r;
  }
  std::string intro = "From our " + turn.category->name + " range";
  if (result.total_matches > products.size()) {
    intro += " (" + std::to_string(result.total_matches) + " items, here are " + std::to_string(products.size()) + ")";
  }
  return ProductList(t, s, turn, products, intro + ":");
}

Reply Price(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  if (turn.products.empty() && turn.category) return Browse(t, s, turn);
  if (turn.products.size() > 1 && !turn.products_from_context) {
    return ProductList(t, s, turn, turn.products, "Here are the prices:");
  }
  const Product& p = *turn.products.front();
  Reply r;
  r.text = p.name + " is " + PriceText(r, p) + (p.unit_size.empty() ? "" : " (" + p.unit_size + ")") + ".";
  if (!p.in_stock()) r.text += " It's " + StockText(r, p) + " at the moment.";
  ShowProducts(r, s, {&p});
  r.quick_replies = {"Add to basket", "Is it in stock?", "Delivery"};
  return r;
}

Reply Stock(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  if (turn.products.empty() && turn.category) return Browse(t, s, turn);
  const Product& p = *turn.products.front();
  Reply r;
  ShowProducts(r, s, {&p});
  if (p.in_stock()) {
    r.text = "Yes, " + p.name + " is " + StockText(r, p) + " (" + PriceText(r, p) + "). Shall I add it to your basket?";
    r.quick_replies = {"Add to basket", "Delivery"};
    return r;
  }
  r.text = std::string(Sorry(t.settings.tone)) + " " + p.name + " is " + StockText(r, p) + " right now.";
  auto subs = SameCategorySubstitutes(t, p);
  if (!subs.empty()) {
    std::vector<std::string> names;
    s.last_skus.clear();
    for (const auto* sub : subs) {
      names.push_back(sub->name + " (" + PriceText(r, *sub) + ")");
      AddCard(r, *sub);
      s.last_skus.push_back(sub->sku);
    }
    r.text += " You might like " + Join(names, " or ") + " instead — both in stock.";
    if (subs.size() == 1) r.text.replace(r.text.rfind("both in stock"), 13, "in stock");
  }
  return r;
}

// --- Places and times -------------------------------------------------------

Reply Branches(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn) {
  Reply r;
  const auto& branches = t.geo->branches();
  if (branches.empty()) {
    r.resolved = false;
    r.text = std::string(Sorry(t.settings.tone)) + " I don't have branch details to share.";
    return r;
  }
  auto describe = [&](const retrieval::Branch& b, double km) {
    std::string line = b.name + ": " + Fact(r, "geo", b.id, "address", b.address + ", " + b.postcode) + ", tel " +
                       Fact(r, "geo", b.id, "phone", b.phone);
    if (km >= 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", km);
      line += " (" + Fact(r, "geo", b.id, "distance_km", buf) + " km away)";
    }
    return line + " — " + retrieval::GeoStore::MapLink(b);
  };
  if (turn.branch) {
    s.branch_id = turn.branch->id;
    r.text = describe(*turn.branch, -1);
    return r;
  }
  std::optional<retrieval::Postcode> pc = turn.entities.postcode ? turn.entities.postcode : s.postcode;
  if (branches.size() == 1) {
    s.branch_id = branches.front().id;
    r.text = "You'll find us at " + describe(branches.front(), -1);
    return r;
  }
  if (!pc) return AskPostcode(t, s, "branch_postcode", "I'll find the nearest branch.");
  s.postcode = pc;
  auto nearest = t.geo->Nearest(*pc, 2);
  if (nearest.empty()) {
    std::vector<std::string> all;
    for (const auto& b : branches) all.push_back(describe(b, -1));
    r.text = "I don't know where " + pc->normalized + " is, but here are our branches:" + Bullets(all);
    return r;
  }
  s.branch_id = nearest.front().branch->id;
  r.text = "Your nearest branch is " + describe(*nearest.front().branch, nearest.front().km) + ".";
  if (nearest.size() > 1) {
    r.text += " Next closest: " + nearest[1].branch->name + " (" +
              std::to_string(static_cast<int>(nearest[1].km + 0.5)) + " km).";
  }
  r.quick_replies = {"Opening hours", "Delivery"};
  return r;
}

Reply Hours(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn, std::chrono::system_clock::time_point now) {
  Reply r;
  const auto& branches = t.geo->branches();
  if (branches.empty()) {
    r.resolved = false;
    r.text = std::string(Sorry(t.settings.tone)) + " I don't have opening hours to share.";
    return r;
  }
  std::vector<const retrieval::Branch*> targets;
  if (turn.branch) {
    targets.push_back(turn.branch);
  } else if (const auto* b = t.geo->BranchById(s.branch_id)) {
    targets.push_back(b);
  } else {
    for (const auto& b : branches) targets.push_back(&b);
  }
  const Entities& e = turn.entities;
  if (auto past = PastDateAsked(t, e, now)) {
    r.text = *past + " has already passed, so I can only tell you our hours from today on. " + OpeningSummary(t, now);
    r.quick_replies = {"Opening hours today", "Nearest branch"};
    return r;
  }
  bool asks_day = e.weekday || e.tomorrow || e.date;
  retrieval::CivilDate day = DayAsked(t, e, now);
  std::string day_label = "today";
  if (e.date) {
    day_label = "on " + std::string(retrieval::WeekdayLong(day.weekday)) + " " + day.Iso();
  } else if (e.tomorrow) {
    day_label = "tomorrow";
  } else if (e.weekday) {
    day_label = day == t.policy->Today(now) ? "today" : "on " + std::string(retrieval::WeekdayLong(day.weekday));
  }
  std::vector<std::string> lines;
  for (const auto* b : targets) {
    if (!asks_day) {
      auto status = t.policy->StatusAt(b->id, now);
      auto hours = t.policy->HoursOn(b->id, day);
      if (!status.ok() || !hours.ok()) continue;
      std::string line = b->name + ": ";
      if (status->open_now) {
        line += "open now until " + Fact(r, "policy", b->id, "closes_at", status->closes_at);
      } else if (!status->opens_next.empty()) {
        line += "closed now, opens " + Fact(r, "policy", b->id, "opens_next", status->opens_next);
      } else {
        line += "closed";
      }
      line += " (today " + Fact(r, "policy", b->id, "hours_" + day.Iso(), HoursText(*hours)) + ")";
      if (!hours->note.empty()) line += " — " + hours->note;
      lines.push_back(line);
    } else {
      auto hours = t.policy->HoursOn(b->id, day);
      if (!hours.ok()) continue;
      std::string text = HoursText(*hours);
      std::string line = b->name + " " + day_label + ": " + Fact(r, "policy", b->id, "hours_" + day.Iso(), text);
      if (!hours->note.empty()) line += " (" + hours->note + ")";
      lines.push_back(line);
    }
  }
  r.text = lines.size() == 1 ? lines.front() + "." : "Opening hours:" + Bullets(lines);
  r.quick_replies = {"Nearest branch", "Delivery"};
  return r;
}

}  // namespace

core::Reply ReplyComposer::Compose(const retrieval::Tenant& t, Session& s, const RoutedTurn& turn,
                                   std::chrono::system_clock::time_point now,
                                   std::optional<OrderRequest>& order) const {
  const Entities& e = turn.entities;
  // Remember what the shopper told us, whatever the intent.
  if (e.name) s.name = *e.name;
  if (e.phone) s.phone = *e.phone;
  if (e.email) s.email = *e.email;
  if (e.postcode) s.postcode = e.postcode;

  // An open question from the previous turn comes first.
  if (!s.pending.empty()) {
    std::string pending = s.pending;
    s.pending.clear();
    if (pending.rfind("confirm_faq:", 0) == 0) {
      if (IsYes(turn.normalized)) {
        if (const auto* faq = t.faq->FindById(pending.substr(12))) return FaqAnswer(t, s, *faq, now);
      }
      if (turn.negated && turn.intent == Intent::kUnknown) {
        Reply r;
        r.needs_clarification = true;
        r.resolved = false;
        r.text =
            "No problem — could you say it another way? I can help with products, prices, delivery, opening "
            "hours and branches.";
        return r;
      }
    } else if ((pending == "delivery_postcode" || pending == "branch_postcode") && e.postcode) {
      RoutedTurn follow = turn;
      follow.intent = pending == "delivery_postcode" ? Intent::kCheckDelivery : Intent::kBranchLocator;
      return pending == "delivery_postcode" ? SalesFlows::Delivery(t, s, follow, now) : Branches(t, s, follow);
    } else if (pending.rfind("checkout", 0) == 0 || pending.rfind("bundle", 0) == 0 || pending.rfind("add", 0) == 0) {
      if (auto continued = SalesFlows::Continue(t, s, turn, pending, order)) return *continued;
    }
  }

  // Not sure enough to answer: one clarifying question or an honest "I don't
  // know", never a guess (threshold from overrides.json).
  // A product we could not find is answered honestly below instead.
  bool unfound_product = turn.products.empty() && !turn.product_phrase.empty() &&
                         (turn.intent == Intent::kSearchProduct || turn.intent == Intent::kPriceCheck ||
                          turn.intent == Intent::kStockCheck);
  if (turn.intent != Intent::kUnknown && turn.confidence < t.settings.intent_confidence && !unfound_product) {
    return Clarify(t, s, turn);
  }
  switch (turn.intent) {
    case Intent::kGreeting: return Greeting(t, s);
    case Intent::kThanks: return Thanks(t);
    case Intent::kGoodbye: return Goodbye(t);
    case Intent::kHumanHandoff: return Handoff(t, s);
    case Intent::kFaq: return FaqAnswer(t, s, *turn.faq.faq, now);
    case Intent::kSearchProduct:
      if (turn.products.empty() && turn.unresolved_reference) return AskWhichProduct(t);
      if (turn.products.empty()) break;
      return Search(t, s, turn);
    case Intent::kBrowseCategory: return Browse(t, s, turn);
    case Intent::kPriceCheck:
      if (turn.products.empty() && !turn.category) break;
      return Price(t, s, turn);
    case Intent::kStockCheck:
      if (turn.products.empty() && !turn.category) break;
      return Stock(t, s, turn);
    case Intent::kCheckDelivery: return SalesFlows::Delivery(t, s, turn, now);
    case Intent::kBranchLocator: return Branches(t, s, turn);
    case Intent::kOpeningHours: return Hours(t, s, turn, now);
    case Intent::kAddToCart: return SalesFlows::Add(t, s, turn);
    case Intent::kRemoveFromCart: return SalesFlows::Remove(t, s, turn);
    case Intent::kUpdateCart: return SalesFlows::Update(t, s, turn);
    case Intent::kRecall: return SalesFlows::Recall(t, s, turn);
    case Intent::kViewCart: return SalesFlows::View(t, s);
    case Intent::kCheckout: return CheckoutFlow::Start(t, s, turn, order);
    case Intent::kSalesBundle: return SalesFlows::BundleFor(t, s, turn);
    case Intent::kLeadCapture: return SalesFlows::Lead(t, s);
    case Intent::kUnknown: break;
  }
  // Product words we could not find, or nothing we understood.
  if (!turn.product_phrase.empty() && turn.intent != Intent::kUnknown) {
    Reply r;
    r.resolved = false;
    r.fallback = true;
    r.text = turn.missing_words.empty()
                 ? std::string(Sorry(t.settings.tone)) + " I couldn't find \"" + turn.product_phrase +
                       "\" in our range. Could you describe it another way, or browse a category?"
                 : std::string(Sorry(t.settings.tone)) + " we don't sell " + turn.missing_words +
                       " — it's not in our range. Would you like to browse what we do have?";
    for (const auto& c : t.catalog->categories()) {
      if (r.quick_replies.size() < 3) r.quick_replies.push_back(c.name);
    }
    return r;
  }
  return Clarify(t, s, turn);
}

}  // namespace services
