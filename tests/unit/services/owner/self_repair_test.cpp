#include "services/owner/self_repair.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "fakes/fake_clock.h"
#include "fakes/in_memory_database.h"
#include "support/temp_dir.h"
#include "support/tenant_fixture.h"
#include "support/tenants.h"

namespace {

using core::ErrorCode;
using nlohmann::json;
using services::RepairFinding;
using services::Severity;
using testing_support::SourceDir;
using testing_support::TempDir;

core::TenantKey Key(const std::string& k) { return core::TenantKey::Parse(k).value(); }

// A valid tenant seeded with one of each defect the report looks for.
retrieval::FileTexts DefectiveTenant() {
  retrieval::FileTexts texts = testing_support::MinimalTenantTexts();
  json catalog = {
      {"categories",
       {{{"id", "bread"}, {"name", "Bread"}},
        {{"id", "cakes"}, {"name", "Cakes"}},
        {{"id", "meat"}, {"name", "Meat"}}}},
      {"products",
       {{{"sku", "BR-1"}, {"name", "Sourdough"}, {"category", "bread"}, {"price", 2.5}, {"unit", "loaf"}, {"stock", 5}},
        {{"sku", "BR-2"},
         {"name", "Rye"},
         {"category", "bread"},
         {"price", 3.0},
         {"unit", "loaf"},
         {"stock", 5},
         {"tags", {"rye"}}},
        {{"sku", "br-1"}, {"name", "Bagel"}, {"category", "bread"}, {"price", 0}, {"unit", "each"}, {"stock", 5}},
        {{"sku", "CH-1"},
         {"name", "Chicken Thighs"},
         {"category", "meat"},
         {"price", 4.0},
         {"unit", "kg"},
         {"stock", 5},
         {"tags", {"poultry"}}}}}};
  json open = {{{"open", "08:00"}, {"close", "17:00"}}};
  json weekdays = {{"mon", open}, {"tue", open},          {"wed", open},         {"thu", open},
                   {"fri", open}, {"sat", json::array()}, {"sun", json::array()}};
  json closed = {{"mon", json::array()}, {"tue", json::array()}, {"wed", json::array()}, {"thu", json::array()},
                 {"fri", json::array()}, {"sat", json::array()}, {"sun", json::array()}};
  json branch = {{"id", "main"}, {"name", "Main"}, {"address", "1 High St"},   {"postcode", "LS1 1AA"},
                 {"lat", 53.8},  {"lon", -1.55},   {"phone", "0113 496 0000"}, {"hours", weekdays}};
  json ghost = branch;
  ghost["id"] = "ghost";
  ghost["name"] = "Ghost";
  ghost["hours"] = closed;
  ghost["services"] = {"collection"};
  json zone = {{"id", "z1"},      {"name", "Centre"}, {"postcode_prefixes", {"LS1"}}, {"branch", "main"}, {"fee", 2.5},
               {"min_order", 10}, {"eta", "same day"}};
  json zone2 = zone;
  zone2["id"] = "z2";
  zone2["name"] = "North";
  zone2["postcode_prefixes"] = {"LS6"};
  zone2["branch"] = "ghost";
  json zone3 = zone;
  zone3.erase("branch");
  zone3["id"] = "z3";
  zone3["name"] = "Sunday Run";
  zone3["postcode_prefixes"] = {"LS7"};
  zone3["days"] = {"sun"};
  json faq = {{"faqs",
               {{{"id", "delivery-times"},
                 {"question", "When do you deliver?"},
                 {"variants", {"delivery days"}},
                 {"answer", "Weekdays."}},
                {{"id", "payment"}, {"question", "What payment methods do you take?"}, {"answer", "Cards."}}}}};
  json synonyms = {{"synonyms", {{{"term", "sourdough"}, {"variants", {"sour dough"}}}}}};
  texts["catalog.json"] = catalog.dump(2);
  texts["branches.json"] = json{{"branches", {branch, ghost}}}.dump(2);
  texts["delivery.json"] = json{{"zones", {zone, zone2, zone3}}}.dump(2);
  texts["faq.json"] = faq.dump(2);
  texts["synonyms.json"] = synonyms.dump(2);
  return texts;
}

class SelfRepairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = std::make_unique<services::TenantDataService>(tenants_.repository(), tenants_.tenants());
    analytics_ = std::make_unique<services::AnalyticsService>(db_.events(), db_.orders(), db_.leads());
    repair_ = std::make_unique<services::SelfRepair>(*data_, *analytics_, clock_);
  }

  void SeedTenant() {
    for (const auto& [name, text] : DefectiveTenant()) testing_support::WriteText(dir_ / "business/SHOP" / name, text);
  }

  void Ask(const std::string& query, int times, bool zero_result, const std::string& tenant = "SHOP") {
    std::vector<db::Event> events;
    for (int i = 0; i < times; ++i) {
      db::Event e;
      e.tenant = tenant;
      e.session = "s" + std::to_string(i);
      e.channel = "web";
      e.kind = "turn";
      e.at = clock_.Now() - std::chrono::hours(24) + std::chrono::minutes(i);
      e.intent = zero_result ? "search_product" : "unknown";
      e.zero_result = zero_result;
      e.fallback = !zero_result;
      e.query = query;
      events.push_back(e);
    }
    ASSERT_TRUE(db_.events().AppendEvents(events).ok());
  }

  void SeedQuestions() {
    Ask("chiken thighs", 3, true);
    Ask("Sourdoughh?", 3, true);
    Ask("unicorn steak", 4, true);
    Ask("chiken wings", 2, true);
    Ask("Do you deliver on Sundays?", 3, false);
    Ask("are dogs allowed in the shop", 3, false);
    Ask("what about parking", 9, false, "OTHER");
  }

  std::vector<RepairFinding> Findings(const std::string& kind) {
    auto report = repair_->Report(Key("SHOP"));
    EXPECT_TRUE(report.ok()) << report.error().message;
    std::vector<RepairFinding> out;
    if (!report.ok()) return out;
    for (const auto& f : report->findings) {
      if (f.kind == kind) out.push_back(f);
    }
    return out;
  }

  static std::vector<std::string> Pointers(const std::vector<RepairFinding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.pointer);
    return out;
  }

  const RepairFinding* Suggesting(const std::vector<RepairFinding>& findings, const std::string& text) {
    for (const auto& f : findings) {
      if (f.suggestion && f.suggestion->patch.find(text) != std::string::npos) return &f;
    }
    return nullptr;
  }

  size_t VersionCount() { return data_->ListVersions(Key("SHOP"))->size(); }

  TempDir dir_;
  fakes::FakeClock clock_;
  testing_support::TenantsFixture tenants_{
      {.business_dir = dir_ / "business", .reload_interval = std::chrono::milliseconds(0), .clock = &clock_}};
  std::unique_ptr<services::TenantDataService> data_;
  fakes::InMemoryDatabase db_;
  std::unique_ptr<services::AnalyticsService> analytics_;
  std::unique_ptr<services::SelfRepair> repair_;
};

using Ptrs = std::vector<std::string>;

TEST_F(SelfRepairTest, ReportsEachSeededDefect) {
  SeedTenant();
  auto report = repair_->Report(Key("SHOP"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->version, 1);
  ASSERT_FALSE(report->findings.empty());
  EXPECT_EQ(report->findings[0].kind, "duplicate_sku") << "errors first";
  EXPECT_EQ(report->findings[0].severity, Severity::kError);

  EXPECT_EQ(Pointers(Findings("duplicate_sku")), Ptrs{"/products/2/sku"});
  EXPECT_EQ(Pointers(Findings("zero_price")), Ptrs{"/products/2/price"});
  EXPECT_EQ(Pointers(Findings("empty_category")), Ptrs{"/categories/1"});
  EXPECT_EQ(Pointers(Findings("product_without_tags")), (Ptrs{"/products/0", "/products/2"}));
  EXPECT_EQ(Pointers(Findings("faq_without_variants")), Ptrs{"/faqs/1"});
  EXPECT_EQ(Pointers(Findings("branch_without_hours")), Ptrs{"/branches/1/hours"});
  auto zones = Findings("zone_unreachable");
  ASSERT_EQ(Pointers(zones), (Ptrs{"/zones/1", "/zones/2"}));
  EXPECT_NE(zones[0].message.find("does not list the delivery service"), std::string::npos) << zones[0].message;
  EXPECT_NE(zones[1].message.find("no branch offers delivery and opens"), std::string::npos) << zones[1].message;
  for (const auto& f : report->findings) {
    EXPECT_FALSE(f.id.empty());
    EXPECT_FALSE(f.message.empty());
  }
  EXPECT_TRUE(Findings("frequent_zero_result").empty()) << "no analytics yet";
}

TEST_F(SelfRepairTest, IdsAreStableAcrossReports) {
  SeedTenant();
  SeedQuestions();
  auto a = repair_->Report(Key("SHOP"));
  Ask("unicorn steak", 1, true);  // a count changes; ids must not
  auto b = repair_->Report(Key("SHOP"));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->findings.size(), b->findings.size());
  for (size_t i = 0; i < a->findings.size(); ++i) EXPECT_EQ(a->findings[i].id, b->findings[i].id);
}

TEST_F(SelfRepairTest, TurnsFrequentQuestionsIntoSuggestions) {
  SeedTenant();
  SeedQuestions();
  auto zero = Findings("frequent_zero_result");
  ASSERT_EQ(zero.size(), 3u) << "chiken wings is below the threshold";

  const RepairFinding* chiken = Suggesting(zero, "chiken");
  ASSERT_NE(chiken, nullptr);
  EXPECT_EQ(chiken->suggestion->file, "synonyms.json");
  EXPECT_TRUE(chiken->suggestion->applicable);
  EXPECT_EQ(json::parse(chiken->suggestion->patch),
            json::parse(R"([{"op":"add","path":"/synonyms/-","value":{"term":"chicken","variants":["chiken"]}}])"));

  const RepairFinding* sourdough = Suggesting(zero, "sourdoughh");
  ASSERT_NE(sourdough, nullptr);
  EXPECT_EQ(json::parse(sourdough->suggestion->patch),
            json::parse(R"([{"op":"test","path":"/synonyms/0/term","value":"sourdough"},
                                                         {"op":"add","path":"/synonyms/0/variants/-","value":"sourdoughh"}])"));

  auto unicorn = std::find_if(zero.begin(), zero.end(), [](const auto& f) { return !f.suggestion; });
  ASSERT_NE(unicorn, zero.end());
  EXPECT_NE(unicorn->message.find("unicorn steak"), std::string::npos);

  auto unanswered = Findings("frequent_unanswered");
  ASSERT_EQ(unanswered.size(), 2u) << "OTHER's questions never show up";
  const RepairFinding* variant = Suggesting(unanswered, "do you deliver on sundays");
  ASSERT_NE(variant, nullptr);
  EXPECT_TRUE(variant->suggestion->applicable);
  EXPECT_EQ(json::parse(variant->suggestion->patch),
            json::parse(R"([{"op":"test","path":"/faqs/0/id","value":"delivery-times"},
      {"op":"add","path":"/faqs/0/variants/-","value":"do you deliver on sundays"}])"));
  const RepairFinding* fresh = Suggesting(unanswered, "new-dogs-allowed-shop");
  ASSERT_NE(fresh, nullptr);
  EXPECT_FALSE(fresh->suggestion->applicable) << "an answer is needed first";
}

TEST_F(SelfRepairTest, PreviewShowsTheChangeWithoutWriting) {
  SeedTenant();
  SeedQuestions();
  const RepairFinding* chiken = nullptr;
  auto zero = Findings("frequent_zero_result");
  chiken = Suggesting(zero, "chiken");
  ASSERT_NE(chiken, nullptr);
  auto preview = repair_->Preview(Key("SHOP"), chiken->id);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->file, "synonyms.json");
  EXPECT_EQ(preview->version, 1);
  EXPECT_EQ(preview->before.find("chiken"), std::string::npos);
  auto after = json::parse(preview->after);
  EXPECT_EQ(after["synonyms"][1], json::parse(R"({"term":"chicken","variants":["chiken"]})"));
  EXPECT_EQ(preview->patch, chiken->suggestion->patch);
  EXPECT_EQ(VersionCount(), 1u);
  EXPECT_EQ(data_->ReadFile(Key("SHOP"), "synonyms.json").value().text, preview->before);
}

TEST_F(SelfRepairTest, ApplyPublishesOneVersionAndTheSynonymWorks) {
  SeedTenant();
  SeedQuestions();
  auto zero = Findings("frequent_zero_result");
  const RepairFinding* chiken = Suggesting(zero, "chiken");
  ASSERT_NE(chiken, nullptr);
  std::string id = chiken->id;
  auto info = repair_->Apply(Key("SHOP"), id, "owner@example.com");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->version, 2);
  EXPECT_EQ(info->author, "owner@example.com");
  EXPECT_EQ(VersionCount(), 2u);
  auto tenant = tenants_.tenants().Get(Key("SHOP"));
  ASSERT_TRUE(tenant.ok()) << tenant.error().message;
  EXPECT_EQ((*tenant)->version(), 2);
  EXPECT_EQ((*tenant)->synonyms.Expand("chiken thighs"), "chiken thighs chicken");

  auto again = repair_->Apply(Key("SHOP"), id, "owner@example.com");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict) << "the report no longer has it";
  EXPECT_EQ(VersionCount(), 2u);
  EXPECT_EQ(Suggesting(Findings("frequent_zero_result"), "chiken"), nullptr);
}

TEST_F(SelfRepairTest, ApplyAddsAnFaqVariantAndRemovesAnEmptyCategory) {
  SeedTenant();
  SeedQuestions();
  auto unanswered = Findings("frequent_unanswered");
  const RepairFinding* variant = Suggesting(unanswered, "do you deliver on sundays");
  ASSERT_NE(variant, nullptr);
  ASSERT_TRUE(repair_->Apply(Key("SHOP"), variant->id, "owner").ok());
  auto faq = json::parse(data_->ReadFile(Key("SHOP"), "faq.json").value().text);
  EXPECT_EQ(faq["faqs"][0]["variants"], json::parse(R"(["delivery days","do you deliver on sundays"])"));

  auto empty = Findings("empty_category");
  ASSERT_EQ(empty.size(), 1u);
  ASSERT_TRUE(empty[0].suggestion.has_value());
  auto applied = repair_->Apply(Key("SHOP"), empty[0].id, "owner");
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(applied->version, 3);
  auto catalog = json::parse(data_->ReadFile(Key("SHOP"), "catalog.json").value().text);
  EXPECT_EQ(catalog["categories"].size(), 2u);
  EXPECT_TRUE(Findings("empty_category").empty());
}

TEST_F(SelfRepairTest, RefusesStaleUnknownAndNonApplicableIds) {
  SeedTenant();
  SeedQuestions();
  auto bogus = repair_->Apply(Key("SHOP"), "0123456789abcdef", "owner");
  ASSERT_FALSE(bogus.ok());
  EXPECT_EQ(bogus.error().code, ErrorCode::kConflict);

  auto unanswered = Findings("frequent_unanswered");
  const RepairFinding* fresh = Suggesting(unanswered, "new-dogs-allowed-shop");
  ASSERT_NE(fresh, nullptr);
  auto preview = repair_->Preview(Key("SHOP"), fresh->id);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_FALSE(preview->applicable);
  auto refused = repair_->Apply(Key("SHOP"), fresh->id, "owner");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);

  auto no_fix = Findings("zero_price");
  ASSERT_EQ(no_fix.size(), 1u);
  auto none = repair_->Apply(Key("SHOP"), no_fix[0].id, "owner");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);

  // The FAQ the variant was computed against moves: the old id is stale.
  auto variant = Suggesting(unanswered, "do you deliver on sundays");
  ASSERT_NE(variant, nullptr);
  std::string stale = variant->id;
  auto faq = json::parse(data_->ReadFile(Key("SHOP"), "faq.json").value().text);
  std::swap(faq["faqs"][0], faq["faqs"][1]);
  ASSERT_TRUE(data_->ReplaceFile(Key("SHOP"), "faq.json", faq.dump(2), "someone else").ok());
  auto conflict = repair_->Apply(Key("SHOP"), stale, "owner");
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(VersionCount(), 2u);
}

TEST_F(SelfRepairTest, DemoTenantsHaveNoErrorsOrUnreachableZones) {
  for (const std::string tenant : {"UK_BUTCHER", "US_BIKES"}) {
    testing_support::CopyTree(SourceDir() / "business" / tenant, dir_ / "business" / tenant);
    auto report = repair_->Report(Key(tenant));
    ASSERT_TRUE(report.ok()) << report.error().message;
    for (const auto& f : report->findings) {
      EXPECT_NE(f.severity, Severity::kError) << tenant << " " << f.kind << " " << f.pointer << ": " << f.message;
      EXPECT_NE(f.kind, "zone_unreachable") << tenant << " " << f.message;
    }
  }
}

TEST_F(SelfRepairTest, CatalogNamerNamesTheTenantsProducts) {
  SeedTenant();
  auto tenant = tenants_.tenants().Get(Key("SHOP"));
  ASSERT_TRUE(tenant.ok()) << tenant.error().message;
  auto namer = services::CatalogNamer(*tenant);
  EXPECT_EQ(namer("CH-1"), "Chicken Thighs");
  EXPECT_EQ(namer("NOPE"), "");
  EXPECT_EQ(services::CatalogNamer(nullptr)("CH-1"), "");
}

TEST(SeverityNameTest, NamesEachSeverity) {
  EXPECT_EQ(services::SeverityName(Severity::kError), "error");
  EXPECT_EQ(services::SeverityName(Severity::kWarning), "warning");
  EXPECT_EQ(services::SeverityName(Severity::kInfo), "info");
}

}  // namespace
