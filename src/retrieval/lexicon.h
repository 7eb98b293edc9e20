// Lexicon: the words the router recognises, by word class ("handoff",
// "greeting", "delivery", "non_product", ...), and the holidays shoppers name
// instead of a date. The words live in data files, one per language
// (lexicon/en.json, lexicon/ar.json ...), validated by
// schemas/lexicon.schema.json; every language's file is merged into one base
// lexicon at start, and a tenant adds its own words in overrides.json
// ("lexicon": {"handoff": ["speak to the butcher"]}), merged when its Tenant
// is built. Adding a language is adding a file: the classes are the router's,
// the words are data.
//
// Entries are normalized with TextNormalizer when loaded, so they compare
// with normalized messages; an entry of several words is a phrase, matched
// on word boundaries. Single words are found with one hash lookup per word
// of the message, phrases only from their first word.
//
// Immutable after loading; all lookups are const and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/text_normalizer.h"

namespace retrieval {

// The word classes the router knows. Files name them by WordClassName();
// schemas/common.schema.json (definitions/lexiconWords) lists the same names
// with what each class means.
enum class WordClass : uint8_t {
  kHandoff,
  kGreeting,
  kThanks,
  kGoodbye,
  kDelivery,
  kDeliveryFee,
  kHours,
  kOpening,
  kNear,
  kBranch,
  kShop,
  kLiveDataQuestion,
  kCart,
  kViewCart,
  kRemove,
  kCheckout,
  kDone,
  kAdd,
  kTake,
  kWant,
  kOrderQuestion,
  kQuantityQuestion,
  kPrice,
  kStock,
  kProductQuestion,
  kAsksForThing,
  kBundle,
  kBrowse,
  kRefersBack,
  kRefersBackShort,
  kNegation,
  kNegationOpening,
  kCartTotal,
  kAlso,
  kChangeLine,
  kSetQuantity,
  kRemoveAfter,
  kRecall,
  kPurpose,
  kUnits,
  kNonProduct,
};
inline constexpr size_t kWordClassCount = static_cast<size_t>(WordClass::kNonProduct) + 1;
static_assert(kWordClassCount <= 64, "WordClasses is one 64-bit mask");

// "handoff", "non_product" ...
std::string_view WordClassName(WordClass word_class);
std::optional<WordClass> WordClassFromName(std::string_view name);

// A set of word classes (one bit each).
class WordClasses {
 public:
  bool Has(WordClass c) const { return (bits_ >> static_cast<unsigned>(c)) & 1u; }
  void Add(WordClass c) { bits_ |= uint64_t{1} << static_cast<unsigned>(c); }
  bool empty() const { return bits_ == 0; }
  uint64_t bits() const { return bits_; }
  static WordClasses FromBits(uint64_t bits) { return WordClasses(bits); }
  WordClasses() = default;

 private:
  explicit WordClasses(uint64_t bits) : bits_(bits) {}
  uint64_t bits_ = 0;
};

// Which classes the words of one message use.
struct WordMatches {
  WordClasses any;      // a word or phrase of the class occurs
  WordClasses only;     // every word of the message is part of an entry of the class (none for no words)
  WordClasses opening;  // an entry of the class starts at the first word
};

// A day shoppers name instead of a date: a fixed day of a month, or the
// week-th weekday of a month (Thanksgiving: the fourth Thursday of November).
struct Holiday {
  std::vector<std::vector<std::string>> names;  // normalized, as words
  int month = 1;                                // 1..12
  int day = 0;                                  // 1..31, or 0 with weekday/week
  int weekday = 0;                              // 0 = Monday .. 6 = Sunday
  int week = 0;                                 // 1..5: which such weekday of the month
};

// True when `words` (normalized, in message order) name `holiday`.
bool Names(std::span<const std::string_view> words, const Holiday& holiday);

class Lexicon {
 public:
  // Loads every `*.json` of `dir` (in file-name order), each checked against
  // the lexicon schema and named after its language ("en.json" says
  // "language": "en"), and merges them. Errors (kSchemaInvalid) list every
  // problem with its file (the path) and JSON pointer, like tenant files; an
  // entry that normalizes to nothing is a problem too. A missing folder or
  // one without lexicon files is kInvalidArgument.
  static core::Result<std::shared_ptr<const Lexicon>> Load(FileSystem& fs, const std::filesystem::path& dir,
                                                           const SchemaValidator& schemas,
                                                           const TextNormalizer& normalizer);

  // A lexicon of one "words" object (tests, tools). Entries are normalized;
  // an unknown class or an entry that normalizes to nothing is a
  // kSchemaInvalid problem with its pointer (`file` names the source). The
  // object is not schema-checked here.
  static core::Result<Lexicon> FromWords(const nlohmann::json& words, const TextNormalizer& normalizer,
                                         std::string_view file = "lexicon");

  Lexicon() = default;

  // This lexicon plus `words` (a "words" object, as in a tenant's
  // overrides.json "lexicon", already schema-checked): words are added to
  // their classes and holidays after this lexicon's. Entries that normalize
  // to nothing are skipped.
  Lexicon WithWords(const nlohmann::json& words, const TextNormalizer& normalizer) const;

  // True when `word` (normalized, one word) is a single-word entry of `c`.
  bool Is(WordClass c, std::string_view word) const;
  // The classes used by `words` (normalized, in message order).
  WordMatches Match(std::span<const std::string_view> words) const;

  // Entries of `c` as loaded (normalized): for tools and tests.
  const std::vector<std::string>& Entries(WordClass c) const { return entries_[static_cast<size_t>(c)]; }
  // In lexicon order: files by name, each file's in order, a tenant's last.
  const std::vector<Holiday>& holidays() const { return holidays_; }

 private:
  // Everything known about one word: the classes it is an entry of on its
  // own, and the phrases that start with it.
  struct Phrase {
    std::vector<std::string> rest;  // the words after the first
    WordClass word_class;
  };
  struct FirstWord {
    WordClasses alone;
    std::vector<Phrase> phrases;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  void Add(WordClass c, const std::string& normalized);
  // Adds `words`; problems (with `file` and pointers) go to `problems` when given.
  void AddWords(const nlohmann::json& words, const TextNormalizer& normalizer, std::string_view file,
                std::vector<core::ErrorDetail>* problems);

  std::unordered_map<std::string, FirstWord, Hash, std::equal_to<>> first_words_;
  std::array<std::vector<std::string>, kWordClassCount> entries_;
  std::vector<Holiday> holidays_;
};

}  // namespace retrieval
