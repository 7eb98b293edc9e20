#include "retrieval/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using nlohmann::json;
using retrieval::Lexicon;
using retrieval::WordClass;
using testing_support::SourceDir;
using testing_support::TempDir;
using testing_support::WriteText;

std::vector<std::string_view> Views(const std::vector<std::string>& words) { return {words.begin(), words.end()}; }

class LexiconTest : public ::testing::Test {
 protected:
  Lexicon Make(const json& words) {
    auto lexicon = Lexicon::FromWords(words, normalizer_);
    EXPECT_TRUE(lexicon.ok()) << (lexicon.ok() ? "" : lexicon.error().message);
    return lexicon.ok() ? *lexicon : Lexicon();
  }
  retrieval::WordMatches Match(const Lexicon& lexicon, const std::string& text) {
    words_ = retrieval::SplitTokens(normalizer_.Normalize(text));
    auto views = Views(words_);
    return lexicon.Match(views);
  }

  retrieval::TextNormalizer normalizer_;
  std::vector<std::string> words_;
};

TEST_F(LexiconTest, ClassNamesRoundTrip) {
  for (size_t i = 0; i < retrieval::kWordClassCount; ++i) {
    auto c = static_cast<WordClass>(i);
    EXPECT_EQ(retrieval::WordClassFromName(retrieval::WordClassName(c)), c) << retrieval::WordClassName(c);
  }
  EXPECT_FALSE(retrieval::WordClassFromName("handof"));
}

TEST_F(LexiconTest, TheSchemaListsExactlyTheRoutersClasses) {
  json common = json::parse(testing_support::ReadText(SourceDir() / "schemas/common.schema.json"));
  std::set<std::string> in_schema;
  for (const auto& [name, _] : common["definitions"]["lexiconWords"]["properties"].items()) {
    if (name != "holidays") in_schema.insert(name);
  }
  std::set<std::string> in_code;
  for (size_t i = 0; i < retrieval::kWordClassCount; ++i) {
    in_code.emplace(retrieval::WordClassName(static_cast<WordClass>(i)));
  }
  EXPECT_EQ(in_schema, in_code);
}

TEST_F(LexiconTest, WordsAndPhrasesAreFoundOnWordBoundaries) {
  Lexicon lexicon = Make({{"delivery", {"deliver", "drop off"}}, {"handoff", {"Real Person"}}});
  EXPECT_TRUE(Match(lexicon, "can you deliver?").any.Has(WordClass::kDelivery));
  EXPECT_FALSE(Match(lexicon, "please drop it off").any.Has(WordClass::kDelivery));
  EXPECT_TRUE(Match(lexicon, "could you drop off my order").any.Has(WordClass::kDelivery));
  EXPECT_FALSE(Match(lexicon, "we delivered").any.Has(WordClass::kDelivery));  // a word, not a prefix
  EXPECT_TRUE(Match(lexicon, "a REAL person please").any.Has(WordClass::kHandoff));
  EXPECT_FALSE(Match(lexicon, "a real persona").any.Has(WordClass::kHandoff));
  EXPECT_TRUE(Match(lexicon, "").any.empty());
}

TEST_F(LexiconTest, EntriesAreNormalizedLikeMessages) {
  Lexicon lexicon = Make({{"remove", {"Don't want"}}, {"greeting", {"Salām"}}});
  EXPECT_EQ(lexicon.Entries(WordClass::kRemove), std::vector<std::string>{"dont want"});
  EXPECT_TRUE(Match(lexicon, "I don't want the lamb").any.Has(WordClass::kRemove));
  EXPECT_TRUE(lexicon.Is(WordClass::kGreeting, "salam"));
}

TEST_F(LexiconTest, OnlyWhenEveryWordBelongsToTheClass) {
  Lexicon lexicon = Make({{"thanks", {"thank you", "cheers", "so much"}}, {"greeting", {"hi"}}});
  auto m = Match(lexicon, "thank you so much");
  EXPECT_TRUE(m.only.Has(WordClass::kThanks));
  EXPECT_FALSE(m.only.Has(WordClass::kGreeting));
  EXPECT_FALSE(Match(lexicon, "thank you for the lamb").only.Has(WordClass::kThanks));
  EXPECT_FALSE(Match(lexicon, "you").only.Has(WordClass::kThanks));  // half a phrase
  EXPECT_TRUE(Match(lexicon, "hi").only.Has(WordClass::kGreeting));
  EXPECT_TRUE(Match(lexicon, "").only.empty());
}

TEST_F(LexiconTest, OpeningIsAnEntryAtTheFirstWord) {
  Lexicon lexicon = Make({{"negation_opening", {"no", "no way"}}});
  EXPECT_TRUE(Match(lexicon, "no thanks").opening.Has(WordClass::kNegationOpening));
  EXPECT_TRUE(Match(lexicon, "no way").opening.Has(WordClass::kNegationOpening));
  auto later = Match(lexicon, "there is no lamb");
  EXPECT_TRUE(later.any.Has(WordClass::kNegationOpening));
  EXPECT_FALSE(later.opening.Has(WordClass::kNegationOpening));
}

TEST_F(LexiconTest, IsAnswersForSingleWordEntriesOnly) {
  Lexicon lexicon = Make({{"non_product", {"for", "how much"}}});
  EXPECT_TRUE(lexicon.Is(WordClass::kNonProduct, "for"));
  EXPECT_FALSE(lexicon.Is(WordClass::kNonProduct, "how"));
  EXPECT_FALSE(lexicon.Is(WordClass::kDelivery, "for"));
}

TEST_F(LexiconTest, HolidaysKeepTheirOrderAndWordNames) {
  Lexicon lexicon = Make({{"holidays",
                           {{{"names", {"Christmas Eve"}}, {"month", 12}, {"day", 24}},
                            {{"names", {"christmas"}}, {"month", 12}, {"day", 25}},
                            {{"names", {"thanksgiving"}}, {"month", 11}, {"weekday", "thu"}, {"week", 4}}}}});
  ASSERT_EQ(lexicon.holidays().size(), 3u);
  const auto& eve = lexicon.holidays()[0];
  EXPECT_EQ(eve.names, (std::vector<std::vector<std::string>>{{"christmas", "eve"}}));
  EXPECT_EQ(lexicon.holidays()[2].weekday, 3);
  EXPECT_EQ(lexicon.holidays()[2].week, 4);
  std::vector<std::string> words = {"open", "christmas", "eve"};
  EXPECT_TRUE(retrieval::Names(Views(words), eve));
  words = {"open", "on", "christmas"};
  EXPECT_FALSE(retrieval::Names(Views(words), eve));
  EXPECT_TRUE(retrieval::Names(Views(words), lexicon.holidays()[1]));
}

TEST_F(LexiconTest, UnknownClassesAndEmptyEntriesAreProblemsWithPointers) {
  auto bad = Lexicon::FromWords({{"handof", {"human"}}, {"greeting", {"hi", "!!!"}}}, normalizer_, "x.json");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().details.size(), 2u);
  EXPECT_EQ(bad.error().details[0].file, "x.json");
  std::set<std::string> pointers;
  for (const auto& d : bad.error().details) pointers.insert(d.pointer);
  EXPECT_EQ(pointers, (std::set<std::string>{"/handof", "/greeting/1"}));
}

TEST_F(LexiconTest, WithWordsAddsToACopy) {
  Lexicon base = Make({{"handoff", {"human"}}});
  Lexicon tenant = base.WithWords({{"handoff", {"speak to the butcher", "!!!"}}}, normalizer_);
  EXPECT_TRUE(Match(tenant, "can I speak to the butcher").any.Has(WordClass::kHandoff));
  EXPECT_TRUE(Match(tenant, "a human").any.Has(WordClass::kHandoff));
  EXPECT_FALSE(Match(base, "can I speak to the butcher").any.Has(WordClass::kHandoff));
}

class LexiconDirTest : public ::testing::Test {
 protected:
  void SetUp() override { schemas_ = *retrieval::SchemaValidator::Load(SourceDir() / "schemas"); }
  core::Result<std::shared_ptr<const Lexicon>> Load(const std::filesystem::path& dir) {
    return Lexicon::Load(fs_, dir, *schemas_, normalizer_);
  }

  TempDir dir_;
  retrieval::PosixFileSystem fs_;
  retrieval::TextNormalizer normalizer_;
  std::shared_ptr<const retrieval::SchemaValidator> schemas_;
};

TEST_F(LexiconDirTest, TheShippedFilesLoadAndMergeEveryLanguage) {
  auto lexicon = Load(SourceDir() / "lexicon");
  ASSERT_TRUE(lexicon.ok()) << lexicon.error().message;
  EXPECT_TRUE((*lexicon)->Is(WordClass::kGreeting, "hello"));   // en.json
  EXPECT_TRUE((*lexicon)->Is(WordClass::kGreeting, "salaam"));  // ar.json
  EXPECT_TRUE((*lexicon)->Is(WordClass::kGreeting, "السلام"));  // ar.json, Arabic script
  EXPECT_TRUE((*lexicon)->Is(WordClass::kThanks, "shukran"));
  EXPECT_TRUE((*lexicon)->Is(WordClass::kGreeting, "hola"));     // es.json
  EXPECT_TRUE((*lexicon)->Is(WordClass::kGreeting, "bonjour"));  // fr.json
  EXPECT_TRUE((*lexicon)->Is(WordClass::kThanks, "danke"));      // de.json
  EXPECT_TRUE((*lexicon)->Is(WordClass::kNonProduct, "kya"));    // hi.json (Hinglish)
  EXPECT_TRUE((*lexicon)->Is(WordClass::kNonProduct, "how"));
  EXPECT_FALSE((*lexicon)->holidays().empty());
}

TEST_F(LexiconDirTest, TheShippedEntriesAreWrittenAsTheyMatch) {
  // Entries are normalized at load; keeping the files normalized means what
  // a reader sees is what matches.
  for (const char* file : {"en.json", "ar.json", "de.json", "es.json", "fr.json", "hi.json"}) {
    json doc = json::parse(testing_support::ReadText(SourceDir() / "lexicon" / file));
    for (const auto& [name, list] : doc["words"].items()) {
      if (name == "holidays") continue;
      for (const auto& entry : list) {
        std::string text = entry.get<std::string>();
        EXPECT_EQ(normalizer_.Normalize(text), text) << file << " " << name;
      }
    }
  }
}

TEST_F(LexiconDirTest, ABadFileIsRejectedWithItsPathAndPointer) {
  WriteText(dir_ / "en.json", R"({"language": "en", "words": {"handof": ["human"], "greeting": "hi"}})");
  WriteText(dir_ / "fr.json", R"({"language": "de", "words": {"greeting": ["bonjour"]}})");
  WriteText(dir_ / "xx.json", R"({"language": "xx", "words": {"greeting": [)");
  auto lexicon = Load(dir_.path());
  ASSERT_FALSE(lexicon.ok());
  const auto& e = lexicon.error();
  EXPECT_EQ(e.code, core::ErrorCode::kSchemaInvalid);
  auto has = [&](const std::string& file, const std::string& pointer, const std::string& words) {
    return std::any_of(e.details.begin(), e.details.end(), [&](const core::ErrorDetail& d) {
      return d.file == (dir_ / file).string() && d.pointer == pointer && d.message.find(words) != std::string::npos;
    });
  };
  EXPECT_TRUE(has("en.json", "/words", "'handof'")) << e.message;  // an unknown class
  EXPECT_TRUE(has("en.json", "/words/greeting", "")) << e.message;
  EXPECT_TRUE(has("fr.json", "/language", "\"fr\"")) << e.message;
  EXPECT_TRUE(has("xx.json", "", "invalid JSON")) << e.message;
  // The start-up message names each file and pointer, like tenant files.
  EXPECT_NE(e.message.find((dir_ / "en.json").string() + " /words/greeting: "), std::string::npos) << e.message;
}

TEST_F(LexiconDirTest, AnEntryWithoutLettersIsRejected) {
  WriteText(dir_ / "en.json", R"({"language": "en", "words": {"greeting": ["hi", "?!"]}})");
  auto lexicon = Load(dir_.path());
  ASSERT_FALSE(lexicon.ok());
  ASSERT_EQ(lexicon.error().details.size(), 1u);
  EXPECT_EQ(lexicon.error().details[0].pointer, "/words/greeting/1");
}

TEST_F(LexiconDirTest, AFolderWithoutLexiconFilesIsAConfigurationError) {
  auto lexicon = Load(dir_ / "missing");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(lexicon.error().message.find("LEXICON_DIR"), std::string::npos);
}

TEST_F(LexiconDirTest, ATenantsWordsAreCheckedWithItsOverrides) {
  EXPECT_TRUE(schemas_->Validate("overrides.json", json::parse(R"({"lexicon": {"handoff": ["speak to the butcher"]}})"))
                  .empty());
  auto problems = schemas_->Validate("overrides.json", json::parse(R"({"lexicon": {"handof": ["x"]}})"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/lexicon");
  EXPECT_NE(problems[0].message.find("'handof'"), std::string::npos) << problems[0].message;
  problems = schemas_->Validate("overrides.json", json::parse(R"({"lexicon": {"greeting": ["", "hi"]}})"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/lexicon/greeting/0");
}

TEST_F(LexiconDirTest, HolidaysNeedADayOrAWeekdayOfAWeek) {
  WriteText(dir_ / "en.json",
            R"({"language": "en", "words": {"holidays": [{"names": ["eid"], "month": 4, "weekday": "mon"}]}})");
  auto lexicon = Load(dir_.path());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.error().details[0].pointer.rfind("/words/holidays/0", 0), 0u) << lexicon.error().message;
}

}  // namespace
