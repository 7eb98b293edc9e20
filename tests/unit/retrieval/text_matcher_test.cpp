#include "retrieval/text_matcher.h"

#include <gtest/gtest.h>

#include <thread>

#include "retrieval/faq_store.h"

namespace {

using retrieval::LabelledExample;
using retrieval::TextMatcher;

std::unique_ptr<TextMatcher> TwoFaqs() {
  return TextMatcher::Train({{"hours", "what are your opening hours"},
                             {"hours", "when do you open"},
                             {"hours", "what time do you close"},
                             {"halal", "is your meat halal"},
                             {"halal", "are you hmc certified"},
                             {"halal", "is the chicken hand slaughtered"}});
}

TEST(TextMatcherTest, FindsParaphrasesAndTypos) {
  auto m = TwoFaqs();
  EXPECT_EQ(m->label_count(), 2u);
  EXPECT_EQ(m->example_count(), 6u);
  auto a = m->Match("what time do u open on sunday");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].label, "hours");
  auto b = m->Match("is ur meet halal");
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b[0].label, "halal");
  EXPECT_GT(b[0].score, 0.3);
}

TEST(TextMatcherTest, UnrelatedQuestionsScoreLow) {
  auto m = TwoFaqs();
  auto in_scope = m->Match("is your meat halal");
  auto oos = m->Match("can you book me a flight to paris");
  ASSERT_FALSE(in_scope.empty());
  double oos_score = oos.empty() ? 0 : oos[0].score;
  EXPECT_GT(in_scope[0].score, 0.9);
  EXPECT_LT(oos_score, 0.3);
}

TEST(TextMatcherTest, DeterministicAndThreadSafe) {
  auto m = TwoFaqs();
  auto expected = m->Match("are you open late", 2);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 500; ++k) {
        auto got = m->Match("are you open late", 2);
        if (got.size() != expected.size() || got[0].label != expected[0].label || got[0].score != expected[0].score) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_TRUE(TextMatcher::Train({})->Match("anything").empty());
}

TEST(TextMatcherTest, ScalesToManyLabels) {
  std::vector<LabelledExample> examples;
  for (int i = 0; i < 300; ++i) {
    examples.push_back({"faq" + std::to_string(i), "question about topic" + std::to_string(i) + " zeta" + std::to_string(i)});
    examples.push_back({"faq" + std::to_string(i), "tell me about topic" + std::to_string(i)});
  }
  auto m = TextMatcher::Train(examples);
  EXPECT_EQ(m->label_count(), 300u);
  auto r = m->Match("info on topic217 please");
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r[0].label, "faq217");
}

TEST(FillPlaceholdersTest, FillsKnownAndDropsSentencesWithUnknown) {
  std::string text = "We deliver daily. {delivery_summary}. Call {branch_phone} for help! Thanks.";
  EXPECT_EQ(retrieval::FillPlaceholders(text, {{"delivery_summary", "Fees from £3"}, {"branch_phone", "0113"}}),
            "We deliver daily. Fees from £3. Call 0113 for help! Thanks.");
  EXPECT_EQ(retrieval::FillPlaceholders(text, {{"delivery_summary", "Fees from £3"}}),
            "We deliver daily. Fees from £3. Thanks.");
  EXPECT_EQ(retrieval::FillPlaceholders("{a}", {}), "");
}

}  // namespace
