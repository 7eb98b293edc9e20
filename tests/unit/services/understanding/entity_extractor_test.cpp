// ExtractEntities as a whole: the scanners together on one message, their
// order, and EntityFields. Each scanner family has its own tests in
// entities/.
#include "services/understanding/entity_extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using entities_test::E;
using entities_test::Gbp;
using entities_test::On;
using entities_test::Uk;
using entities_test::Us;

TEST(EntityExtractorTest, OneBusyMessage) {
  auto e =
      E("Hi, I'm Sara. Need 2kg brisket for 8 people under £60, deliver to LS6 1AB tomorrow. "
        "07700 900123 / sara@example.com",
        On(Uk(), 2026, 5, 1));
  EXPECT_EQ(e.name, "Sara");
  EXPECT_EQ(e.quantity, 2);
  EXPECT_EQ(e.quantity_unit, "kg");
  EXPECT_EQ(e.people, 8);
  EXPECT_EQ(e.budget_max, Gbp(6000));
  EXPECT_EQ(e.postcode->normalized, "LS6 1AB");
  EXPECT_TRUE(e.tomorrow);
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_EQ(e.email, "sara@example.com");
  EXPECT_FALSE(e.amount.has_value());
  EXPECT_FALSE(e.date.has_value());
}

TEST(EntityExtractorTest, EmptyAndUnrelatedMessages) {
  for (std::string_view text : {"", "   ", "hello", "🥩🥩", "do you have lamb shanks?", "\xFF\xFE"}) {
    auto e = E(text);
    EXPECT_FALSE(e.postcode || e.email || e.phone || e.name || e.people || e.quantity || e.budget_max || e.budget_min ||
                 e.amount || e.weekday || e.date || e.today || e.tomorrow)
        << text;
  }
}

TEST(EntityExtractorTest, VeryLongMessagesDoNotCrash) {
  std::string text;
  while (text.size() < 100 * 1024) text += "I'm looking for 2kg at 12:30 on 24/12 for £10 or 07700 900123 ";
  auto e = E(text);
  EXPECT_EQ(e.quantity, 2);
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_FALSE(e.name.has_value());

  std::string digits(100 * 1024, '7');
  EXPECT_FALSE(E(digits).phone.has_value());
  std::string ats(100 * 1024, '@');
  EXPECT_FALSE(E(ats).email.has_value());
}

TEST(EntityExtractorTest, AcceptsANormalizedStringThatDoesNotMatchRaw) {
  // A caller passing the wrong pair gets no crash and no invented facts.
  auto e = services::ExtractEntities("07700 900123", "", Uk());
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_FALSE(e.quantity.has_value());
}

// ---- The order of the scanners: the examples in entity_extractor.cpp ----

TEST(EntityExtractorTest, EarlierScannersClaimTheirText) {
  auto email = E("email monday@shop.com");
  EXPECT_EQ(email.email, "monday@shop.com");
  EXPECT_FALSE(email.weekday.has_value());

  auto stamp = E("2026-12-01 10:00", On(Uk(), 2026, 1, 1));
  EXPECT_EQ(stamp.date, "2026-12-01");
  EXPECT_FALSE(stamp.phone.has_value());

  EXPECT_FALSE(E("07700 900123", Us()).postcode.has_value());
  EXPECT_FALSE(E("call 07700 900123").quantity.has_value());

  auto by = E("need it by 24 dec", On(Uk(), 2026, 1, 1));
  EXPECT_EQ(by.date, "2026-12-24");
  EXPECT_FALSE(by.quantity.has_value());

  EXPECT_FALSE(E("feeds 10 am").people.has_value());

  auto inward = E("deliver to LS6 1LB");
  EXPECT_EQ(inward.postcode->normalized, "LS6 1LB");
  EXPECT_FALSE(inward.quantity.has_value());

  auto x2 = E("x2");
  EXPECT_EQ(x2.quantity, 2);
  EXPECT_FALSE(x2.postcode.has_value());

  auto zip = E("ship to 97214", Us());
  EXPECT_EQ(zip.postcode->normalized, "97214");
  EXPECT_FALSE(zip.quantity.has_value());
}

// ---- EntityFields ----

TEST(EntityExtractorTest, FieldsInTheirOrderWithTheirTypes) {
  auto e =
      E("I'm Sara, 2kg for 8 people under £60 and over £20, about £30, LS6 1AB tomorrow today sunday 24/12 "
        "07700 900123 sara@example.com",
        On(Uk(), 2026, 5, 1));
  std::vector<services::EntityField> fields = services::EntityFields(e);
  std::vector<std::string_view> names;
  for (const auto& f : fields) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"postcode", "email", "phone", "name", "people", "quantity",
                                                  "quantity_unit", "budget_max", "budget_min", "amount", "weekday",
                                                  "today", "tomorrow", "date"}));
  ASSERT_EQ(fields.size(), names.size());
  EXPECT_EQ(std::get<std::string>(fields[0].value), "LS6 1AB");
  EXPECT_EQ(std::get<int64_t>(fields[4].value), 8);
  EXPECT_EQ(std::get<double>(fields[5].value), 2);
  EXPECT_EQ(std::get<std::string>(fields[6].value), "kg");
  EXPECT_EQ(std::get<std::string>(fields[7].value), core::FormatMoney(Gbp(6000)));
  EXPECT_EQ(std::get<int64_t>(fields[10].value), 6);
  EXPECT_TRUE(std::get<bool>(fields[11].value));
  EXPECT_EQ(std::get<std::string>(fields[13].value), "2026-12-24");

  EXPECT_TRUE(services::EntityFields(E("hello")).empty());
  auto count = services::EntityFields(E("two ribeyes"));
  ASSERT_EQ(count.size(), 1u);  // no unit field for a plain count
  EXPECT_EQ(count[0].name, "quantity");
}

}  // namespace
