#include "retrieval/lexicon.h"

#include <algorithm>

#include "core/json_depth.h"
#include "retrieval/tenant_validation.h"

namespace retrieval {

namespace {

using core::ErrorCode;
using core::ErrorDetail;
using nlohmann::json;

constexpr std::array<std::string_view, kWordClassCount> kClassNames = {
    "handoff",
    "greeting",
    "thanks",
    "goodbye",
    "delivery",
    "delivery_fee",
    "hours",
    "opening",
    "near",
    "branch",
    "shop",
    "live_data_question",
    "cart",
    "view_cart",
    "remove",
    "checkout",
    "done",
    "add",
    "take",
    "want",
    "order_question",
    "quantity_question",
    "price",
    "stock",
    "product_question",
    "asks_for_thing",
    "bundle",
    "browse",
    "refers_back",
    "refers_back_short",
    "negation",
    "negation_opening",
    "cart_total",
    "also",
    "change_line",
    "set_quantity",
    "remove_after",
    "recall",
    "purpose",
    "units",
    "non_product",
};

constexpr std::string_view kHolidays = "holidays";

int WeekdayIndex(const std::string& name) {
  static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i) {
    if (kDays[i] == name) return i;
  }
  return 0;
}

bool IsNamed(std::span<const std::string_view> words, const std::vector<std::string>& name) {
  if (name.empty() || name.size() > words.size()) return false;
  for (size_t start = 0; start + name.size() <= words.size(); ++start) {
    if (std::equal(name.begin(), name.end(), words.begin() + static_cast<std::ptrdiff_t>(start))) return true;
  }
  return false;
}

std::string EscapeToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string_view WordClassName(WordClass word_class) { return kClassNames[static_cast<size_t>(word_class)]; }

std::optional<WordClass> WordClassFromName(std::string_view name) {
  for (size_t i = 0; i < kClassNames.size(); ++i) {
    if (kClassNames[i] == name) return static_cast<WordClass>(i);
  }
  return std::nullopt;
}

void Lexicon::Add(WordClass c, const std::string& normalized) {
  auto& entries = entries_[static_cast<size_t>(c)];
  if (std::find(entries.begin(), entries.end(), normalized) != entries.end()) return;
  entries.push_back(normalized);
  std::vector<std::string> words = SplitTokens(normalized);
  FirstWord& first = first_words_[words.front()];
  if (words.size() == 1) {
    first.alone.Add(c);
  } else {
    first.phrases.push_back({std::vector<std::string>(words.begin() + 1, words.end()), c});
  }
}

void Lexicon::AddWords(const json& words, const TextNormalizer& normalizer, std::string_view file,
                       std::vector<ErrorDetail>* problems) {
  if (!words.is_object()) return;
  auto problem = [&](std::string pointer, std::string message) {
    if (problems) problems->push_back({std::string(file), std::move(pointer), std::move(message)});
  };
  for (const auto& [name, list] : words.items()) {
    const std::string pointer = "/" + EscapeToken(name);
    if (name == kHolidays) {
      for (size_t i = 0; list.is_array() && i < list.size(); ++i) {
        const json& h = list[i];
        Holiday holiday;
        holiday.month = h.value("month", 1);
        holiday.day = h.value("day", 0);
        holiday.weekday = WeekdayIndex(h.value("weekday", ""));
        holiday.week = h.value("week", 0);
        const json names = h.value("names", json::array());
        for (size_t k = 0; k < names.size(); ++k) {
          std::string normalized = names[k].is_string() ? normalizer.Normalize(names[k].get<std::string>()) : "";
          if (normalized.empty()) {
            problem(pointer + "/" + std::to_string(i) + "/names/" + std::to_string(k), "has no letters or digits");
            continue;
          }
          holiday.names.push_back(SplitTokens(normalized));
        }
        if (!holiday.names.empty()) holidays_.push_back(std::move(holiday));
      }
      continue;
    }
    std::optional<WordClass> c = WordClassFromName(name);
    if (!c) {
      problem(pointer, "unknown word class");
      continue;
    }
    for (size_t i = 0; list.is_array() && i < list.size(); ++i) {
      std::string normalized = list[i].is_string() ? normalizer.Normalize(list[i].get<std::string>()) : "";
      if (normalized.empty()) {
        problem(pointer + "/" + std::to_string(i), "has no letters or digits");
        continue;
      }
      Add(*c, normalized);
    }
  }
}

core::Result<Lexicon> Lexicon::FromWords(const json& words, const TextNormalizer& normalizer, std::string_view file) {
  Lexicon lexicon;
  std::vector<ErrorDetail> problems;
  lexicon.AddWords(words, normalizer, file, &problems);
  if (!problems.empty()) {
    core::Error e = core::MakeError(ErrorCode::kSchemaInvalid, "lexicon rejected:\n" + FormatDetails(problems));
    e.details = std::move(problems);
    return e;
  }
  return lexicon;
}

core::Result<std::shared_ptr<const Lexicon>> Lexicon::Load(FileSystem& fs, const std::filesystem::path& dir,
                                                           const SchemaValidator& schemas,
                                                           const TextNormalizer& normalizer) {
  std::vector<std::string> names;
  for (const std::string& name : fs.List(dir)) {
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "LEXICON_DIR=" + dir.string() + " has no lexicon files (<language>.json)");
  }
  auto lexicon = std::make_shared<Lexicon>();
  std::vector<ErrorDetail> problems;
  for (const std::string& name : names) {
    const std::string file = (dir / name).string();
    auto text = fs.ReadFile(dir / name);
    if (!text.ok()) return text.error();
    if (!core::JsonNestingWithin(*text)) {
      problems.push_back({file, "", "invalid JSON: nested too deeply"});
      continue;
    }
    json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      problems.push_back({file, "", "invalid JSON"});
      continue;
    }
    auto violations = schemas.Validate(kLexiconDocument, doc);
    for (auto& v : violations) problems.push_back({file, std::move(v.pointer), std::move(v.message)});
    if (!violations.empty()) continue;
    const std::string language = name.substr(0, name.size() - 5);
    if (doc["language"] != language) {
      problems.push_back({file, "/language", "must be \"" + language + "\", the file's name"});
      continue;
    }
    std::vector<ErrorDetail> word_problems;
    lexicon->AddWords(doc["words"], normalizer, file, &word_problems);
    for (auto& p : word_problems) {
      p.pointer = "/words" + p.pointer;
      problems.push_back(std::move(p));
    }
  }
  if (!problems.empty()) {
    core::Error e = core::MakeError(ErrorCode::kSchemaInvalid, "lexicon rejected:\n" + FormatDetails(problems));
    e.details = std::move(problems);
    return e;
  }
  return std::shared_ptr<const Lexicon>(std::move(lexicon));
}

Lexicon Lexicon::WithWords(const json& words, const TextNormalizer& normalizer) const {
  Lexicon merged = *this;
  merged.AddWords(words, normalizer, "", nullptr);
  return merged;
}

bool Lexicon::Is(WordClass c, std::string_view word) const {
  auto it = first_words_.find(word);
  return it != first_words_.end() && it->second.alone.Has(c);
}

WordMatches Lexicon::Match(std::span<const std::string_view> words) const {
  WordMatches m;
  if (words.empty()) return m;
  // reach[c]: one past the last word covered by an entry of class c so far;
  // word i is covered by c when reach[c] > i.
  std::array<uint32_t, kWordClassCount> reach{};
  uint64_t any = 0, opening = 0;
  uint64_t only = ~uint64_t{0} >> (64 - kWordClassCount);
  auto found = [&](WordClass c, size_t end, bool first) {
    uint64_t bit = uint64_t{1} << static_cast<unsigned>(c);
    any |= bit;
    if (first) opening |= bit;
    auto& r = reach[static_cast<size_t>(c)];
    r = std::max(r, static_cast<uint32_t>(end));
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (auto it = first_words_.find(words[i]); it != first_words_.end()) {
      const FirstWord& fw = it->second;
      for (uint64_t bits = fw.alone.bits(); bits; bits &= bits - 1) {
        found(static_cast<WordClass>(__builtin_ctzll(bits)), i + 1, i == 0);
      }
      for (const Phrase& p : fw.phrases) {
        if (i + 1 + p.rest.size() > words.size()) continue;
        if (std::equal(p.rest.begin(), p.rest.end(), words.begin() + static_cast<std::ptrdiff_t>(i + 1))) {
          found(p.word_class, i + 1 + p.rest.size(), i == 0);
        }
      }
    }
    if (only == 0) continue;
    uint64_t covered = 0;
    for (size_t c = 0; c < kWordClassCount; ++c) {
      if (reach[c] > i) covered |= uint64_t{1} << c;
    }
    only &= covered;
  }
  m.any = WordClasses::FromBits(any);
  m.only = WordClasses::FromBits(only);
  m.opening = WordClasses::FromBits(opening);
  return m;
}

bool Names(std::span<const std::string_view> words, const Holiday& holiday) {
  return std::any_of(holiday.names.begin(), holiday.names.end(),
                     [&](const std::vector<std::string>& name) { return IsNamed(words, name); });
}

}  // namespace retrieval
