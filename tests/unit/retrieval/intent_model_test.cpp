#include "retrieval/intent_model.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace {

using retrieval::IntentCandidate;
using retrieval::IntentModel;
using retrieval::LabelledExample;

// The threshold the tests use for "out of scope"; docs/nlu.md explains the
// range that suits tenants.
constexpr double kThreshold = 0.15;

std::vector<LabelledExample> TwoFaqs() {
  return {{"hours", "what are your opening hours"},
          {"hours", "when do you open"},
          {"hours", "what time do you close"},
          {"halal", "is your meat halal"},
          {"halal", "are you hmc certified"},
          {"halal", "is the chicken hand slaughtered"}};
}

// A made-up word per (label, slot) from a fixed syllable table, so a large
// tenant can be generated without any data file.
std::string MadeUpWord(size_t n) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ter", "vus", "bra", "nel", "qui",
                                     "dor", "fen", "gal", "hap", "jor", "pim", "sar", "wex"};
  std::string w;
  for (int i = 0; i < 3; ++i) {
    w += kSyllables[n % 16];
    n /= 16;
  }
  return w;
}

// A shop with `faqs` entries (a question about a product and 3-5 variants
// each) plus a few built-in intents, like a large tenant.
std::vector<LabelledExample> LargeTenant(size_t faqs) {
  static const char* kTemplates[] = {"do you have {}",          "how much is the {}",   "is the {} in stock",
                                     "{} price",                "can i order {} online", "tell me about the {}"};
  std::vector<LabelledExample> examples;
  for (size_t i = 0; i < faqs; ++i) {
    std::string product = MadeUpWord(2 * i + 100) + " " + MadeUpWord(2 * i + 101);
    size_t variants = 3 + i % 3;
    for (size_t v = 0; v < variants; ++v) {
      std::string t = kTemplates[(i + v) % 6];
      t.replace(t.find("{}"), 2, product);
      examples.push_back({"faq_" + std::to_string(i), t});
    }
  }
  const std::vector<std::pair<std::string, std::vector<std::string>>> intents = {
      {"greeting", {"hello", "hi there", "good morning", "hey"}},
      {"thanks", {"thank you", "thanks a lot", "cheers", "much appreciated"}},
      {"human", {"can i talk to a person", "i want a human", "speak to staff", "real person please"}},
      {"delivery", {"do you deliver", "delivery to my area", "shipping cost", "how long does delivery take"}},
  };
  for (const auto& [label, texts] : intents) {
    for (const auto& t : texts) examples.push_back({label, t});
  }
  return examples;
}

TEST(IntentModelTest, TwoLabelTenantFindsParaphrasesAndTypos) {
  auto m = IntentModel::Train(TwoFaqs());
  EXPECT_EQ(m->label_count(), 2u);
  EXPECT_EQ(m->example_count(), 6u);
  auto a = m->Predict("what time do u open on sunday");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].label, "hours");
  EXPECT_FALSE(IntentModel::OutOfScope(a, kThreshold));
  auto b = m->Predict("is ur meet halal");
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b[0].label, "halal");
  EXPECT_FALSE(IntentModel::OutOfScope(b, kThreshold));
  EXPECT_GE(b[0].confidence, 0.0);
  EXPECT_LE(b[0].confidence, 1.0);
  EXPECT_GE(b[0].probability, b[1].probability);
}

TEST(IntentModelTest, RejectsUnrelatedQuestions) {
  auto m = IntentModel::Train(TwoFaqs());
  for (const char* text : {"can you book me a flight to paris", "what is the capital of france",
                           "play some jazz music", "how tall is mount everest"}) {
    auto c = m->Predict(text);
    EXPECT_TRUE(IntentModel::OutOfScope(c, kThreshold))
        << text << " -> " << c[0].label << " " << c[0].confidence << " (p " << c[0].probability << ", sim "
        << c[0].similarity << ")";
  }
  auto in_scope = m->Predict("is your meat halal");
  EXPECT_GT(in_scope[0].confidence, 0.8);
}

TEST(IntentModelTest, EmptyAndOddInput) {
  auto m = IntentModel::Train(TwoFaqs());
  auto empty = m->Predict("");
  ASSERT_EQ(empty.size(), 2u);
  EXPECT_EQ(empty[0].confidence, 0.0);
  EXPECT_TRUE(IntentModel::OutOfScope(empty, kThreshold));
  EXPECT_TRUE(m->Predict("halal", 0).empty());
  EXPECT_EQ(m->Predict("halal", 10).size(), 2u);
  EXPECT_TRUE(IntentModel::OutOfScope({}, kThreshold));

  auto nothing = IntentModel::Train({});
  EXPECT_EQ(nothing->label_count(), 0u);
  EXPECT_TRUE(nothing->Predict("is your meat halal").empty());

  auto single = IntentModel::Train({{"only", "is your meat halal"}});
  auto c = single->Predict("is your meat halal");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].label, "only");
  EXPECT_FALSE(IntentModel::OutOfScope(c, kThreshold));
  EXPECT_TRUE(IntentModel::OutOfScope(single->Predict("book a flight to rome"), kThreshold));
}

TEST(IntentModelTest, LargeTenantWithThreeHundredFaqs) {
  auto examples = LargeTenant(300);
  auto start = std::chrono::steady_clock::now();
  auto m = IntentModel::Train(examples);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  // Reported, not asserted: tests never assert on wall-clock time.
  std::printf("[ info     ] trained %zu examples, %zu labels in %.1f ms; %zu features, %zu KiB\n", m->example_count(),
              m->label_count(), ms, m->feature_count(), m->memory_bytes() / 1024);
  EXPECT_EQ(m->label_count(), 304u);

  size_t right = 0, accepted = 0;
  for (size_t i = 0; i < 300; ++i) {
    // A phrasing no variant used.
    std::string product = MadeUpWord(2 * i + 100) + " " + MadeUpWord(2 * i + 101);
    auto c = m->Predict("hi what does a " + product + " cost", 3);
    ASSERT_EQ(c.size(), 3u);
    right += c[0].label == "faq_" + std::to_string(i);
    accepted += !IntentModel::OutOfScope(c, kThreshold);
  }
  EXPECT_GE(right, 295u);
  EXPECT_GE(accepted, 285u);
  EXPECT_EQ(m->Predict("thanks a lot")[0].label, "thanks");
  EXPECT_EQ(m->Predict("how long will delivery take")[0].label, "delivery");
  for (const char* text : {"what is the capital of france", "can you book me a flight", "who won the football"}) {
    EXPECT_TRUE(IntentModel::OutOfScope(m->Predict(text), kThreshold)) << text;
  }
}

bool SameCandidates(const std::vector<IntentCandidate>& a, const std::vector<IntentCandidate>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].label != b[i].label || a[i].confidence != b[i].confidence || a[i].probability != b[i].probability ||
        a[i].similarity != b[i].similarity) {
      return false;
    }
  }
  return true;
}

const std::vector<std::string> kQueries = {"how much is a kaloka",      "do you deliver on sunday", "hello there",
                                           "is the mimiter in stock",   "flight to rome",           "",
                                           "can i talk to someone real", "price of dorfengal please"};

TEST(IntentModelTest, TrainingIsDeterministic) {
  auto examples = LargeTenant(60);
  auto a = IntentModel::Train(examples);
  auto b = IntentModel::Train(examples);
  for (const auto& q : kQueries) EXPECT_TRUE(SameCandidates(a->Predict(q, 5), b->Predict(q, 5))) << q;

  retrieval::IntentModelOptions other_seed;
  other_seed.seed = 99;
  auto c = IntentModel::Train(examples, other_seed);
  // Another seed: another shuffle, the same answers to clear questions.
  for (size_t i : {3u, 17u, 42u}) {
    std::string question = "price of the " + MadeUpWord(2 * i + 100) + " " + MadeUpWord(2 * i + 101);
    EXPECT_EQ(c->Predict(question)[0].label, "faq_" + std::to_string(i));
    EXPECT_EQ(a->Predict(question)[0].label, "faq_" + std::to_string(i));
  }
}

TEST(IntentModelTest, ConcurrentPredictionsWhileAnotherModelTrains) {
  auto model = IntentModel::Train(LargeTenant(100));
  std::vector<std::vector<IntentCandidate>> expected;
  for (const auto& q : kQueries) expected.push_back(model->Predict(q, 3));

  std::atomic<int> mismatches{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      for (int round = 0; round < 200 || !stop; ++round) {
        size_t q = (round + t) % kQueries.size();
        if (!SameCandidates(model->Predict(kQueries[q], 3), expected[q])) ++mismatches;
        if (round > 100000) break;
      }
    });
  }
  // A new tenant version trains meanwhile.
  auto next = IntentModel::Train(LargeTenant(300));
  auto twice = IntentModel::Train(LargeTenant(300));
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(mismatches.load(), 0);
  for (const auto& q : kQueries) EXPECT_TRUE(SameCandidates(next->Predict(q, 3), twice->Predict(q, 3))) << q;
}

}  // namespace
