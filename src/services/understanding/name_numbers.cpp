#include "services/understanding/name_numbers.h"

#include <algorithm>

namespace services {

namespace {

bool StartsWithDigit(std::string_view t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; }

bool SkuChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// The name of `p` contains the word `t` (compared in singular form, exactly:
// "100ml" is not "200ml").
bool NameHas(const retrieval::Tenant& tenant, const retrieval::Product& p, std::string_view t) {
  std::string word = retrieval::Singular(t);
  const auto& name = tenant.names.Of(p).name_content;
  return std::any_of(name.begin(), name.end(), [&](const std::string* id) { return *id == word; });
}

// Every word of `canonical` is one of the product's own words.
bool TermNames(const retrieval::Tenant& tenant, const retrieval::Product& p, const std::string& canonical) {
  const auto& own = tenant.names.Of(p).own;
  for (const auto& w : retrieval::SplitTokens(canonical)) {
    std::string word = retrieval::Singular(w);
    if (std::none_of(own.begin(), own.end(), [&](const std::string* id) { return *id == word; })) return false;
  }
  return true;
}

}  // namespace

std::vector<TypedSku> FindTypedSkus(const retrieval::Tenant& tenant, std::string_view raw,
                                    const std::vector<std::string>& tokens,
                                    const retrieval::TextNormalizer& normalizer) {
  std::vector<TypedSku> found;
  size_t i = 0;
  while (i < raw.size()) {
    if (!SkuChar(raw[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    bool marked = false;
    while (end < raw.size() && SkuChar(raw[end])) {
      marked = marked || raw[end] == '-' || raw[end] == '_' || (raw[end] >= '0' && raw[end] <= '9');
      ++end;
    }
    std::string_view word = raw.substr(i, end - i);
    while (!word.empty() && (word.back() == '-' || word.back() == '_')) word.remove_suffix(1);
    i = end;
    if (!marked || word.size() < 3 || word.size() > 40) continue;
    const retrieval::Product* p = tenant.catalog->FindBySku(word);
    if (!p || !p->active) continue;
    if (std::any_of(found.begin(), found.end(), [&](const TypedSku& f) { return f.product == p; })) continue;
    auto pieces = retrieval::SplitTokens(normalizer.Normalize(word));
    if (pieces.empty()) continue;
    for (size_t k = 0; k + pieces.size() <= tokens.size(); ++k) {
      if (std::equal(pieces.begin(), pieces.end(), tokens.begin() + static_cast<std::ptrdiff_t>(k))) {
        found.push_back({p, k, k + pieces.size() - 1});
        break;
      }
    }
  }
  return found;
}

void NarrowByNamedNumbers(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                          const std::vector<char>& skip, RoutedTurn& turn) {
  if (turn.products.size() < 2 || turn.products_from_context) return;
  for (size_t i = 0; i < tokens.size() && turn.products.size() > 1; ++i) {
    if (!StartsWithDigit(tokens[i]) || (i < skip.size() && skip[i])) continue;
    std::vector<const retrieval::Product*> with;
    for (const auto* p : turn.products) {
      if (NameHas(tenant, *p, tokens[i])) with.push_back(p);
    }
    if (!with.empty() && with.size() < turn.products.size()) turn.products = std::move(with);
  }
  if (turn.products.size() == 1) turn.exact_product = true;
}

std::vector<char> NameTokens(const retrieval::Tenant& tenant, const std::vector<std::string>& tokens,
                             const std::vector<char>& skip, const RoutedTurn& turn) {
  std::vector<char> name(tokens.size(), 0);
  for (size_t i = 0; i < tokens.size() && i < skip.size(); ++i) name[i] = skip[i];
  if (turn.products.empty() || turn.products_from_context) return name;
  const retrieval::Product& p = *turn.products.front();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (StartsWithDigit(tokens[i]) && NameHas(tenant, p, tokens[i])) name[i] = 1;
  }
  for (const auto& span : tenant.synonyms.Find(tokens)) {
    if (!TermNames(tenant, p, *span.canonical)) continue;
    for (size_t k = span.start; k < span.start + span.length && k < name.size(); ++k) name[k] = 1;
  }
  return name;
}

std::string MaskTokens(const std::vector<std::string>& tokens, const std::vector<char>& mask) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += i < mask.size() && mask[i] ? std::string("~") : tokens[i];
  }
  return out;
}

}  // namespace services
