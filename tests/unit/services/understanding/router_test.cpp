// The router end to end on a small tenant written from code: the lexicon's
// languages and a tenant's own words. Rule by rule: rules/*_test.cpp; the
// demo tenants: app/pipeline_test.cpp and the packs.
#include "services/understanding/router.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/tenant_fixture.h"

namespace {

using nlohmann::json;
using services::Intent;
using testing_support::SourceDir;
using testing_support::TempDir;

class RouterTest : public ::testing::Test {
 protected:
  std::shared_ptr<const retrieval::Tenant> Build(std::shared_ptr<const retrieval::Lexicon> lexicon,
                                                 const json& overrides = nullptr) {
    retrieval::FileDocs files;
    for (const auto& [name, text] : testing_support::MinimalTenantTexts()) files[name] = json::parse(text);
    if (!overrides.is_null()) files["overrides.json"] = overrides;
    auto data = std::make_shared<const retrieval::TenantData>(
        retrieval::TenantData{core::TenantKey::Parse("TEST").value(), ++version_, "", std::move(files)});
    auto tenant = retrieval::BuildTenant(std::move(data), normalizer_, std::move(lexicon), dir_ / "index");
    EXPECT_TRUE(tenant.ok()) << (tenant.ok() ? "" : tenant.error().message);
    return tenant.ok() ? *tenant : nullptr;
  }
  Intent Route(const retrieval::Tenant& tenant, std::string_view message) {
    return router_.Route(tenant, services::Session{}, message, now_).intent;
  }

  TempDir dir_;
  int version_ = 0;
  retrieval::TextNormalizer normalizer_;
  services::Router router_{normalizer_};
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::from_time_t(1796119200);
};

TEST_F(RouterTest, AddingALanguageIsAddingALexiconFile) {
  auto english = Build(testing_support::SourceLexicon());
  ASSERT_TRUE(english);
  EXPECT_NE(Route(*english, "ciao"), Intent::kGreeting);

  testing_support::CopyTree(SourceDir() / "lexicon", dir_ / "lexicon");
  testing_support::WriteText(
      dir_ / "lexicon/it.json",
      R"({"language": "it", "words": {"greeting": ["ciao", "buongiorno"], "thanks": ["grazie"]}})");
  auto schemas = retrieval::SchemaValidator::Load(SourceDir() / "schemas");
  ASSERT_TRUE(schemas.ok());
  retrieval::PosixFileSystem fs;
  auto lexicon = retrieval::Lexicon::Load(fs, dir_ / "lexicon", **schemas, normalizer_);
  ASSERT_TRUE(lexicon.ok()) << lexicon.error().message;
  auto italian = Build(*lexicon);
  ASSERT_TRUE(italian);
  EXPECT_EQ(Route(*italian, "Ciao !"), Intent::kGreeting);
  EXPECT_EQ(Route(*italian, "buongiorno"), Intent::kGreeting);
  EXPECT_EQ(Route(*italian, "grazie"), Intent::kThanks);
  EXPECT_EQ(Route(*italian, "hello"), Intent::kGreeting);  // the other languages stay
  EXPECT_EQ(Route(*italian, "salaam"), Intent::kGreeting);
  EXPECT_EQ(Route(*italian, "bonjour"), Intent::kGreeting);  // fr.json ships
}

TEST_F(RouterTest, ATenantsOwnWordsAreItsAlone) {
  json overrides = {{"lexicon", {{"handoff", {"speak to the butcher"}}}}};
  auto butcher = Build(testing_support::SourceLexicon(), overrides);
  auto other = Build(testing_support::SourceLexicon());
  ASSERT_TRUE(butcher && other);
  EXPECT_EQ(Route(*butcher, "can I speak to the butcher?"), Intent::kHumanHandoff);
  EXPECT_NE(Route(*other, "can I speak to the butcher?"), Intent::kHumanHandoff);
  EXPECT_EQ(Route(*butcher, "can I talk to someone"), Intent::kHumanHandoff);  // the base words stay
  EXPECT_EQ(other->lexicon, testing_support::SourceLexicon());                 // no words of its own: the base, shared
  EXPECT_NE(butcher->lexicon, testing_support::SourceLexicon());
}

TEST_F(RouterTest, ATenantsNonProductWordsNeverNameAProduct) {
  auto plain = Build(testing_support::SourceLexicon());
  auto tenant = Build(testing_support::SourceLexicon(), {{"lexicon", {{"non_product", {"sourdough"}}}}});
  ASSERT_TRUE(plain && tenant);
  EXPECT_EQ(Route(*plain, "sourdough"), Intent::kSearchProduct);
  EXPECT_NE(Route(*tenant, "sourdough"), Intent::kSearchProduct);
}

TEST_F(RouterTest, RoutesEverydayMessages) {
  auto tenant = Build(testing_support::SourceLexicon());
  ASSERT_TRUE(tenant);
  EXPECT_EQ(Route(*tenant, "hi there"), Intent::kGreeting);
  EXPECT_EQ(Route(*tenant, "thanks a lot"), Intent::kThanks);
  EXPECT_EQ(Route(*tenant, "how much is the sourdough?"), Intent::kPriceCheck);
  EXPECT_EQ(Route(*tenant, "do you deliver to LS1 1AA?"), Intent::kCheckDelivery);
  EXPECT_EQ(Route(*tenant, "when do you open on sunday?"), Intent::kOpeningHours);
  EXPECT_EQ(Route(*tenant, "I want to speak to a real person"), Intent::kHumanHandoff);
  EXPECT_EQ(Route(*tenant, "what's in my basket"), Intent::kViewCart);
}

}  // namespace
