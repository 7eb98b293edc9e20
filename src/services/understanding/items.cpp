#include "services/understanding/items.h"

#include <algorithm>

#include "services/understanding/turn_signals.h"

namespace services {

namespace {

// The parts of `message` between separators: ",", ";", "&", "+" and the
// words "and" and "plus".
std::vector<std::string_view> Parts(std::string_view message) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  auto word_at = [&](size_t i, std::string_view w) {
    if (i + w.size() > message.size()) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      char c = message[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != w[k]) return false;
    }
    auto boundary = [&](size_t at) { return at >= message.size() || message[at] == ' ' || message[at] == ','; };
    return (i == 0 || message[i - 1] == ' ') && boundary(i + w.size());
  };
  auto cut = [&](size_t end, size_t next) {
    if (end > start) parts.push_back(message.substr(start, end - start));
    start = next;
  };
  for (size_t i = 0; i < message.size(); ++i) {
    char c = message[i];
    if (c == ',' || c == ';' || c == '&' || c == '+') {
      cut(i, i + 1);
    } else if (word_at(i, "and")) {
      cut(i, i + 3);
    } else if (word_at(i, "plus")) {
      cut(i, i + 4);
    }
  }
  cut(message.size(), message.size());
  std::erase_if(parts, [](std::string_view p) {
    return std::all_of(p.begin(), p.end(), [](char c) { return c == ' ' || c == '.' || c == '!' || c == '?'; });
  });
  return parts;
}

bool HasAndInName(const retrieval::Product& p) {
  return p.name.find('&') != std::string::npos || p.name.find(" and ") != std::string::npos ||
         p.name.find(" And ") != std::string::npos;
}

}  // namespace

std::vector<ItemRequest> ReadItems(const retrieval::Tenant& tenant, const Session& session, std::string_view message,
                                   std::chrono::system_clock::time_point now,
                                   const retrieval::TextNormalizer& normalizer, const RoutedTurn& whole) {
  std::vector<ItemRequest> items;
  if (whole.products_from_context) return items;
  // A product named in full whose own name joins two words ("Lamb & Mint Burgers").
  if (whole.exact_product && !whole.products.empty() && HasAndInName(*whole.products.front())) return items;
  std::vector<std::string_view> parts = Parts(message);
  if (parts.size() < 2) return items;
  Session fresh;  // each part on its own: no products referred back to
  fresh.tenant = session.tenant;
  for (std::string_view part : parts) {
    TurnSignals s = ReadTurn(tenant, fresh, part, now, normalizer);
    const RoutedTurn& t = s.turn;
    if (t.product_phrase.empty() && !t.exact_product) continue;  // "please", "thanks"
    if (t.products.empty()) return {};
    items.push_back({t.products, t.exact_product, t.entities, t.product_phrase});
  }
  if (items.size() < 2) return {};
  // One product said twice is one item, not two.
  bool distinct = std::any_of(items.begin() + 1, items.end(), [&](const ItemRequest& i) {
    return i.products.front() != items.front().products.front();
  });
  if (!distinct) return {};
  return items;
}

}  // namespace services
