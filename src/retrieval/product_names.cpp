#include "retrieval/product_names.h"

#include <algorithm>
#include <cmath>

namespace retrieval {

std::string Singular(std::string_view w) {
  if (w.size() > 4 && w.substr(w.size() - 3) == "ies") return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

bool CloseWords(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  // Cheap rejections before building singular forms.
  size_t la = a.size(), lb = b.size();
  if ((la > lb ? la - lb : lb - la) > 3 || (a[0] != b[0] && (la < 4 || lb < 4))) return false;
  std::string sa = Singular(a), sb = Singular(b);
  if (sa == sb) return true;
  return sa.size() >= 4 && sb.size() >= 4 && retrieval::EditDistance(sa, sb, 1) <= 1;
}

void TypoIndex::Add(const std::string& word) {
  auto [it, inserted] = words_.insert(word);
  if (!inserted || word.size() < 4) return;
  const std::string* stored = &*it;
  deletions_[word].push_back(stored);
  for (size_t i = 0; i < word.size(); ++i) {
    std::string d = word;
    d.erase(i, 1);
    auto& list = deletions_[d];
    if (std::find(list.begin(), list.end(), stored) == list.end()) list.push_back(stored);
  }
}

void TypoIndex::Close(std::string_view word, std::vector<const std::string*>& out) const {
  if (auto it = words_.find(std::string(word)); it != words_.end()) out.push_back(&*it);
  if (word.size() < 4) return;
  // A size is never a typo of another size ("200ml" is not "100ml"); a
  // letter more or less is ("700x32" for "700x32c").
  auto digits = [](std::string_view w) {
    std::string d;
    for (char c : w) {
      if (c >= '0' && c <= '9') d += c;
    }
    return d;
  };
  const bool measure = word[0] >= '0' && word[0] <= '9';
  const std::string word_digits = measure ? digits(word) : std::string();
  auto consider = [&](const std::string& key) {
    auto it = deletions_.find(key);
    if (it == deletions_.end()) return;
    for (const std::string* w : it->second) {
      if (*w != word && std::find(out.begin(), out.end(), w) == out.end() &&
          retrieval::EditDistance(*w, word, 1) <= 1 && (!measure || digits(*w) == word_digits)) {
        out.push_back(w);
      }
    }
  };
  std::string key(word);
  consider(key);
  for (size_t i = 0; i < word.size(); ++i) {
    std::string d = key;
    d.erase(i, 1);
    consider(d);
  }
}

const std::string* TypoIndex::Find(std::string_view word) const {
  auto it = words_.find(std::string(word));
  return it == words_.end() ? nullptr : &*it;
}

bool TypoIndex::HasClose(std::string_view word) const {
  std::vector<const std::string*> found;
  Close(word, found);
  return !found.empty();
}

ProductNames::ProductNames(const retrieval::CatalogStore& catalog, const retrieval::TextNormalizer& normalizer,
                           const Lexicon& lexicon) {
  const auto& products = catalog.products();
  products_ = products.data();
  struct Text {
    std::vector<std::string> own, name, core;
  };
  std::vector<Text> texts;
  texts.reserve(products.size());
  for (uint32_t i = 0; i < products.size(); ++i) {
    const retrieval::Product& p = products[i];
    Text text;
    std::string own = normalizer.Normalize(p.name + " " + p.category_name + " " + p.sku);
    for (const auto& tag : p.tags) own += " " + normalizer.Normalize(tag);
    for (const auto& w : retrieval::SplitTokens(own)) text.own.push_back(Singular(w));
    for (const auto& w : retrieval::SplitTokens(normalizer.Normalize(p.name))) text.name.push_back(Singular(w));
    for (const auto& w : retrieval::SplitTokens(normalizer.Normalize(p.name.substr(0, p.name.find('('))))) {
      text.core.push_back(Singular(w));
    }
    auto raw_name = retrieval::SplitTokens(normalizer.Normalize(p.name));
    for (size_t k = 0; k + 1 < raw_name.size(); ++k) bigrams_.insert(raw_name[k] + " " + raw_name[k + 1]);
    for (const auto& w : text.own) {
      auto& list = postings_[w];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
    texts.push_back(std::move(text));
  }
  double n = static_cast<double>(std::max<size_t>(1, products.size()));
  for (const auto& [word, list] : postings_) {
    weights_[word] = std::log(1.0 + n / static_cast<double>(list.size()));
    own_words_.Add(word);
  }
  // Name words are own words too, so every id below exists.
  auto ids = [&](const std::vector<std::string>& words, bool content_only) {
    std::vector<const std::string*> out;
    for (const auto& w : words) {
      if (content_only && lexicon.Is(WordClass::kNonProduct, w)) continue;
      if (const std::string* id = own_words_.Find(w); id && std::find(out.begin(), out.end(), id) == out.end()) {
        out.push_back(id);
      }
    }
    return out;
  };
  words_.reserve(texts.size());
  for (const auto& text : texts) words_.push_back({ids(text.own, false), ids(text.name, true), ids(text.core, true)});
}

std::vector<const std::string*> ProductNames::Forms(std::string_view word) const {
  std::vector<const std::string*> forms;
  own_words_.Close(Singular(word), forms);
  return forms;
}

double ProductNames::Weight(std::string_view word) const {
  auto it = weights_.find(Singular(word));
  // Words no product is called by (description words, words we don't know)
  // weigh little: the words that do name products decide.
  return it == weights_.end() ? 1.0 : it->second;
}

bool ProductNames::IsNameBigram(std::string_view first, std::string_view second) const {
  std::string key;
  key.reserve(first.size() + second.size() + 1);
  key.append(first).append(" ").append(second);
  return bigrams_.count(key) > 0;
}

void ProductNames::ProductsCalled(const std::vector<const std::string*>& forms, std::vector<uint32_t>& out) const {
  for (const std::string* form : forms) {
    auto it = postings_.find(*form);
    if (it != postings_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
}

}  // namespace retrieval
