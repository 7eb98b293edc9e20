#include "services/understanding/entity_extractor.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using core::Money;
using retrieval::PostcodeSystem;
using services::Entities;
using services::ExtractionContext;

ExtractionContext Uk() { return ExtractionContext{}; }

ExtractionContext Us() {
  ExtractionContext context;
  context.postcode_system = PostcodeSystem::kUsZip;
  context.currency = "USD";
  return context;
}

ExtractionContext On(ExtractionContext context, int year, int month, int day) {
  context.current_year = year;
  context.current_month = month;
  context.current_day = day;
  return context;
}

Entities E(std::string_view raw, const ExtractionContext& context = Uk()) {
  return services::ExtractEntities(raw, retrieval::TextNormalizer().Normalize(raw), context);
}

Money Gbp(int64_t minor) { return Money{minor, "GBP"}; }
Money Usd(int64_t minor) { return Money{minor, "USD"}; }

// ---- Postcodes ----

TEST(EntityExtractorTest, UkFullPostcodeAnywhere) {
  auto e = E("Do you deliver to LS6 1AB on Friday?");
  ASSERT_TRUE(e.postcode.has_value());
  EXPECT_EQ(e.postcode->normalized, "LS6 1AB");
  EXPECT_EQ(e.postcode->outward, "LS6");
  EXPECT_TRUE(e.postcode->full);

  EXPECT_EQ(E("my address is 3 Elm Road ls61ab thanks").postcode->normalized, "LS6 1AB");
  EXPECT_EQ(E("sw1a 1aa").postcode->normalized, "SW1A 1AA");
  EXPECT_EQ(E("ribeye x2, ec1a 1bb").postcode->normalized, "EC1A 1BB");
}

TEST(EntityExtractorTest, UkOutwardOnlyNeedsADeliveryWordOrToStandAlone) {
  EXPECT_EQ(E("do you deliver to ls6?").postcode->normalized, "LS6");
  EXPECT_FALSE(E("do you deliver to ls6?").postcode->full);
  EXPECT_EQ(E("I'm in LS6").postcode->normalized, "LS6");
  EXPECT_EQ(E("LS6 delivery cost?").postcode->normalized, "LS6");
  EXPECT_EQ(E("what about the M1 area").postcode->normalized, "M1");
  EXPECT_EQ(E("my postcode is b33").postcode->normalized, "B33");
  EXPECT_EQ(E("LS6").postcode->normalized, "LS6");

  EXPECT_FALSE(E("a1 steak please").postcode.has_value());
  EXPECT_FALSE(E("is the A1 sauce good with b12 burgers").postcode.has_value());
}

TEST(EntityExtractorTest, UkOutwardCodeInTextSpeakOrAnotherScript) {
  ASSERT_TRUE(E("do u deliver 2 ls6").postcode.has_value());
  EXPECT_EQ(E("do u deliver 2 ls6").postcode->normalized, "LS6");
  // Arabic "do you deliver to LS6?": the code is the only word we read.
  ASSERT_TRUE(E("هل توصلون إلى LS6؟").postcode.has_value());
  EXPECT_EQ(E("هل توصلون إلى LS6؟").postcode->normalized, "LS6");
  EXPECT_FALSE(E("2 a1 steaks").postcode.has_value());
  EXPECT_FALSE(E("المنتج a1 steak").postcode.has_value());
}

TEST(EntityExtractorTest, UkNonPostcodes) {
  EXPECT_FALSE(E("I want 2kg of mince").postcode.has_value());
  EXPECT_FALSE(E("123 ABCDE").postcode.has_value());
  EXPECT_FALSE(E("a1 2kg please").postcode.has_value());  // a weight, not "A1 2KG"
  EXPECT_FALSE(E("deliver to 97214").postcode.has_value());
}

TEST(EntityExtractorTest, UsZipAnywhere) {
  auto e = E("Can you ship to 97214?", Us());
  ASSERT_TRUE(e.postcode.has_value());
  EXPECT_EQ(e.postcode->normalized, "97214");
  EXPECT_TRUE(e.postcode->full);
  EXPECT_FALSE(e.quantity.has_value());

  EXPECT_EQ(E("zip 97214-1234 please", Us()).postcode->normalized, "97214");
  EXPECT_FALSE(E("zip 97214-1234 please", Us()).quantity.has_value());
  EXPECT_FALSE(E("deliver to LS6 1AB", Us()).postcode.has_value());
}

TEST(EntityExtractorTest, UsZipIsNotMoneyOrAQuantity) {
  auto price = E("is there a bike for $12000", Us());
  EXPECT_FALSE(price.postcode.has_value());
  EXPECT_EQ(price.amount, Usd(1200000));

  auto dollars = E("I can pay 15000 dollars", Us());
  EXPECT_FALSE(dollars.postcode.has_value());
  EXPECT_EQ(dollars.amount, Usd(1500000));

  auto weight = E("10000 lbs of feed", Us());
  EXPECT_FALSE(weight.postcode.has_value());
  EXPECT_EQ(weight.quantity, 10000);
  EXPECT_EQ(weight.quantity_unit, "lb");
}

// ---- Contact details ----

TEST(EntityExtractorTest, EmailIsLowerCased) {
  auto e = E("email me at Sara.K@Example.com");
  EXPECT_EQ(e.email, "sara.k@example.com");
  EXPECT_FALSE(e.name.has_value());
  EXPECT_EQ(E("it's jo+orders@shop.co.uk.").email, "jo+orders@shop.co.uk");
  EXPECT_EQ(E("(mail: a_b-c@my-domain.org)").email, "a_b-c@my-domain.org");
}

TEST(EntityExtractorTest, NotEmails) {
  EXPECT_FALSE(E("meet @ 5").email.has_value());
  EXPECT_FALSE(E("sara@localhost").email.has_value());
  EXPECT_FALSE(E("@example.com").email.has_value());
  EXPECT_FALSE(E("sara@example.c").email.has_value());
}

TEST(EntityExtractorTest, UkPhoneNumbers) {
  auto e = E("my number is 07700 900123");
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_FALSE(e.quantity.has_value());
  EXPECT_EQ(E("call +44 7700 900123 after 5").phone, "+447700900123");
  EXPECT_EQ(E("tel: (0113) 496-0123").phone, "01134960123");
  EXPECT_EQ(E("07700900123").phone, "07700900123");
  auto trunk = E("phone +44 (0)7700 900123");
  EXPECT_EQ(trunk.phone, "+447700900123");  // the (0) is not dialled from abroad
  EXPECT_FALSE(trunk.quantity.has_value());
}

TEST(EntityExtractorTest, UsPhoneNumbers) {
  EXPECT_EQ(E("(503) 555-0134", Us()).phone, "5035550134");
  EXPECT_EQ(E("text 503-555-0134 please", Us()).phone, "5035550134");
  EXPECT_EQ(E("+1 503 555 0134", Us()).phone, "+15035550134");
  auto e = E("zip 97214 phone 5035550134", Us());
  EXPECT_EQ(e.phone, "5035550134");
  EXPECT_EQ(e.postcode->normalized, "97214");
}

TEST(EntityExtractorTest, NotPhones) {
  EXPECT_FALSE(E("97214", Us()).phone.has_value());
  EXPECT_FALSE(E("£1,299.00").phone.has_value());
  EXPECT_FALSE(E("$1234567890.50", Us()).phone.has_value());
  EXPECT_FALSE(E("order 123456789").phone.has_value());           // nine digits
  EXPECT_FALSE(E("1234567890123456789").phone.has_value());       // too long
  EXPECT_FALSE(E("2 3 4 5 6 7 8 9 10 11 12").phone.has_value());  // a list of small numbers
  EXPECT_FALSE(E("on 2026-12-24").phone.has_value());
}

// ---- Names ----

TEST(EntityExtractorTest, NamePatterns) {
  EXPECT_EQ(E("my name is adam").name, "Adam");
  EXPECT_EQ(E("Hi, I'm Sara. Do you sell lamb?").name, "Sara");
  EXPECT_EQ(E("hi I’m Sara").name, "Sara");
  EXPECT_EQ(E("this is Jo from the office").name, "Jo");
  EXPECT_EQ(E("call me Sam").name, "Sam");
  EXPECT_EQ(E("call me sam").name, "Sam");
  EXPECT_EQ(E("I am Priya").name, "Priya");
  EXPECT_EQ(E("My name's Tom").name, "Tom");
  EXPECT_EQ(E("MY NAME IS ADAM").name, "Adam");
  EXPECT_EQ(E("I'm Sara Khan and I need beef").name, "Sara Khan");
  EXPECT_EQ(E("my name is adam smith").name, "Adam");
  EXPECT_EQ(E("I'm José").name, "José");
  EXPECT_EQ(E("my name is élodie").name, "Élodie");
  EXPECT_EQ(E("I'm O'Brien").name, "O'Brien");
}

TEST(EntityExtractorTest, NotNames) {
  for (std::string_view text : {"i'm looking for lamb",
                                "I'm interested in the bbq box",
                                "I'm after some steak",
                                "im in leeds",
                                "I'm not sure",
                                "I'm from Leeds",
                                "I'm good thanks",
                                "I'm fine",
                                "I'm vegetarian",
                                "I'm hungry",
                                "I'm Looking for beef",
                                "this is great",
                                "This is Great",
                                "call me tomorrow",
                                "call me back",
                                "call me on 07700 900123",
                                "I am a vegetarian",
                                "my name is",
                                "I'm 25",
                                "image of the steak",
                                "I'm 😊"}) {
    EXPECT_FALSE(E(text).name.has_value()) << text << " -> " << E(text).name.value_or("");
  }
}

// ---- People and quantities ----

TEST(EntityExtractorTest, QuantityAndPeopleTogether) {
  auto e = E("2kg of mince for 6 people");
  EXPECT_EQ(e.quantity, 2);
  EXPECT_EQ(e.quantity_unit, "kg");
  EXPECT_EQ(e.people, 6);

  auto steaks = E("6 steaks for 4 people");
  EXPECT_EQ(steaks.quantity, 6);
  EXPECT_EQ(steaks.quantity_unit, "");
  EXPECT_EQ(steaks.people, 4);
}

TEST(EntityExtractorTest, PeoplePatterns) {
  EXPECT_EQ(E("bbq box for 6").people, 6);
  EXPECT_FALSE(E("bbq box for 6").quantity.has_value());
  EXPECT_EQ(E("something for six").people, 6);
  EXPECT_EQ(E("what feeds 8?").people, 8);
  EXPECT_EQ(E("party of 10 on saturday").people, 10);
  EXPECT_EQ(E("6 guests").people, 6);
  EXPECT_EQ(E("there are 5 of us").people, 5);
  EXPECT_EQ(E("12 ppl").people, 12);
  EXPECT_EQ(E("serves 4").people, 4);
  EXPECT_EQ(E("4 adults and 2 kids").people, 6);
  EXPECT_EQ(E("a table for two tomorrow").people, 2);
  EXPECT_EQ(E("we're 6, need burgers").people, 6);
}

TEST(EntityExtractorTest, NotPeople) {
  EXPECT_FALSE(E("open for 2 hours").people.has_value());
  EXPECT_FALSE(E("3 for 10").people.has_value());
  EXPECT_FALSE(E("for 6pm").people.has_value());
  EXPECT_FALSE(E("I need 6 burgers").people.has_value());
  EXPECT_FALSE(E("for 2kg").people.has_value());
  EXPECT_FALSE(E("price for 3?").people.has_value());
  EXPECT_EQ(E("price for 3?").quantity, 3);
}

TEST(EntityExtractorTest, QuantityPatterns) {
  auto q = [](std::string_view text) {
    auto e = E(text);
    return std::make_pair(e.quantity.value_or(-1), e.quantity_unit);
  };
  EXPECT_EQ(q("500g of bacon"), std::make_pair(500.0, std::string("g")));
  EXPECT_EQ(q("1.5 kilos"), std::make_pair(1.5, std::string("kg")));
  EXPECT_EQ(q("2 lbs"), std::make_pair(2.0, std::string("lb")));
  EXPECT_EQ(q("two ribeyes"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("a dozen eggs"), std::make_pair(12.0, std::string("")));
  EXPECT_EQ(q("dozen sausages"), std::make_pair(12.0, std::string("")));
  EXPECT_EQ(q("two dozen wings"), std::make_pair(24.0, std::string("")));
  EXPECT_EQ(q("half a kilo of mince"), std::make_pair(0.5, std::string("kg")));
  EXPECT_EQ(q("a kilo of mince"), std::make_pair(1.0, std::string("kg")));
  EXPECT_EQ(q("3 packs of sausages"), std::make_pair(3.0, std::string("pack")));
  EXPECT_EQ(q("ribeye x2"), std::make_pair(2.0, std::string("")));
  EXPECT_EQ(q("4 pieces"), std::make_pair(4.0, std::string("each")));
  EXPECT_EQ(q("I want 3"), std::make_pair(3.0, std::string("")));
  EXPECT_EQ(q("2,5 kg"), std::make_pair(2.5, std::string("kg")));
  EXPECT_EQ(q("1 and a half kilos"), std::make_pair(1.5, std::string("kg")));
  EXPECT_EQ(q("1/2 kg of mince"), std::make_pair(0.5, std::string("kg")));
  EXPECT_EQ(q("1 1/2 lb brisket"), std::make_pair(1.5, std::string("lb")));
}

TEST(EntityExtractorTest, PoundsAreMoneyInAPoundShopButWeightElsewhere) {
  auto uk = E("10 pounds");
  EXPECT_EQ(uk.amount, Gbp(1000));
  EXPECT_FALSE(uk.quantity.has_value());

  auto uk_weight = E("2 pounds of mince");
  EXPECT_FALSE(uk_weight.amount.has_value());
  EXPECT_EQ(uk_weight.quantity, 2);
  EXPECT_EQ(uk_weight.quantity_unit, "lb");

  auto us = E("10 pounds of brisket", Us());
  EXPECT_FALSE(us.amount.has_value());
  EXPECT_EQ(us.quantity, 10);
  EXPECT_EQ(us.quantity_unit, "lb");
}

TEST(EntityExtractorTest, NumbersThatAreNotQuantities) {
  EXPECT_FALSE(E("open at 6pm?").quantity.has_value());
  EXPECT_FALSE(E("collect at 6:30").quantity.has_value());
  EXPECT_FALSE(E("order number 12345").quantity.has_value());
  EXPECT_FALSE(E("the red one").quantity.has_value());
  EXPECT_FALSE(E("delivery in 2 days").quantity.has_value());
  EXPECT_FALSE(E("£20").quantity.has_value());
}

// ---- Money ----

TEST(EntityExtractorTest, AmountsInEveryForm) {
  EXPECT_EQ(E("£10").amount, Gbp(1000));
  EXPECT_EQ(E("is it 10 pounds").amount, Gbp(1000));
  EXPECT_EQ(E("$15", Us()).amount, Usd(1500));
  EXPECT_EQ(E("15 dollars").amount, Usd(1500));  // the word names the currency
  EXPECT_EQ(E("15 bucks", Us()).amount, Usd(1500));
  EXPECT_EQ(E("it was 10.50").amount, Gbp(1050));
  EXPECT_EQ(E("it was 10.50", Us()).amount, Usd(1050));
  EXPECT_EQ(E("£1,299").amount, Gbp(129900));
  EXPECT_EQ(E("£5.99 each").amount, Gbp(599));
  EXPECT_EQ(E("50p").amount, Gbp(50));
  EXPECT_EQ(E("€12.50").amount, (Money{1250, "EUR"}));
  EXPECT_EQ(E("20 quid").amount, Gbp(2000));
  EXPECT_EQ(E("under a tenner").budget_max, Gbp(1000));
}

TEST(EntityExtractorTest, BudgetCeilings) {
  auto e = E("under 15 dollars");
  EXPECT_EQ(e.budget_max, Usd(1500));
  EXPECT_FALSE(e.amount.has_value());
  EXPECT_FALSE(e.quantity.has_value());

  EXPECT_EQ(E("something under £20").budget_max, Gbp(2000));
  EXPECT_EQ(E("less than 15 dollars", Us()).budget_max, Usd(1500));
  EXPECT_EQ(E("max $50", Us()).budget_max, Usd(5000));
  EXPECT_EQ(E("below 10").budget_max, Gbp(1000));
  EXPECT_EQ(E("up to £30").budget_max, Gbp(3000));
  EXPECT_EQ(E("cheaper than £8").budget_max, Gbp(800));
  EXPECT_EQ(E("no more than £40").budget_max, Gbp(4000));
  EXPECT_EQ(E("£50 max").budget_max, Gbp(5000));
  EXPECT_EQ(E("£25 or less").budget_max, Gbp(2500));
  EXPECT_EQ(E("my budget is 60").budget_max, Gbp(6000));
}

TEST(EntityExtractorTest, BudgetFloors) {
  EXPECT_EQ(E("over £20").budget_min, Gbp(2000));
  EXPECT_EQ(E("more than $100", Us()).budget_min, Usd(10000));
  EXPECT_EQ(E("at least 30").budget_min, Gbp(3000));
  EXPECT_EQ(E("above £15").budget_min, Gbp(1500));
  EXPECT_FALSE(E("over £20").budget_max.has_value());
}

TEST(EntityExtractorTest, BudgetRange) {
  auto e = E("between £10 and £20");
  EXPECT_EQ(e.budget_min, Gbp(1000));
  EXPECT_EQ(e.budget_max, Gbp(2000));
  auto us = E("between 10 and 20 dollars", Us());
  EXPECT_EQ(us.budget_min, Usd(1000));
  EXPECT_EQ(us.budget_max, Usd(2000));
}

TEST(EntityExtractorTest, BudgetWordsBeforeCountsAreNotMoney) {
  auto e = E("more than 2 steaks");
  EXPECT_FALSE(e.budget_min.has_value());
  EXPECT_EQ(e.quantity, 2);
  auto weight = E("under 5 kg");
  EXPECT_FALSE(weight.budget_max.has_value());
  EXPECT_EQ(weight.quantity, 5);
  EXPECT_FALSE(E("over 6 people").budget_min.has_value());
  EXPECT_EQ(E("over 6 people").people, 6);
}

// ---- Days and dates ----

TEST(EntityExtractorTest, Weekdays) {
  EXPECT_EQ(E("are you open on sunday").weekday, 6);
  EXPECT_EQ(E("Monday please").weekday, 0);
  EXPECT_EQ(E("this weds?").weekday, 2);
  EXPECT_EQ(E("on sun").weekday, 6);
  EXPECT_EQ(E("sun").weekday, 6);
  EXPECT_EQ(E("next fri").weekday, 4);
  EXPECT_EQ(E("open sundays?").weekday, 6);
  EXPECT_FALSE(E("sun dried tomatoes").weekday.has_value());
  EXPECT_FALSE(E("we sat outside").weekday.has_value());
}

TEST(EntityExtractorTest, TodayAndTomorrow) {
  EXPECT_TRUE(E("can I collect tomorrow").tomorrow);
  EXPECT_TRUE(E("tmrw?").tomorrow);
  EXPECT_TRUE(E("tmr morning").tomorrow);
  EXPECT_FALSE(E("tomorrow").today);
  EXPECT_TRUE(E("today").today);
  EXPECT_TRUE(E("for tonight").today);
  EXPECT_TRUE(E("right now").today);
  EXPECT_TRUE(E("this evening").today);
  EXPECT_FALSE(E("today").tomorrow);
  EXPECT_FALSE(E("a steak").today);
}

TEST(EntityExtractorTest, DatesWithMonthNames) {
  auto context = On(Uk(), 2026, 3, 10);
  EXPECT_EQ(E("24th december", context).date, "2026-12-24");
  EXPECT_EQ(E("Dec 24", context).date, "2026-12-24");
  EXPECT_EQ(E("on the 24th of December", context).date, "2026-12-24");
  EXPECT_EQ(E("december 24th 2027", context).date, "2027-12-24");
  EXPECT_EQ(E("1 march", context).date, "2027-03-01");   // already past: next year
  EXPECT_EQ(E("10 march", context).date, "2026-03-10");  // today
  EXPECT_FALSE(E("24th december", context).quantity.has_value());
  EXPECT_FALSE(E("may I have 2", context).date.has_value());
  EXPECT_FALSE(E("31 feb", context).date.has_value());
}

TEST(EntityExtractorTest, LeapDayGoesToTheNextLeapYear) {
  EXPECT_EQ(E("29 feb", On(Uk(), 2026, 1, 1)).date, "2028-02-29");
  EXPECT_EQ(E("29/02", On(Uk(), 2028, 1, 1)).date, "2028-02-29");
}

TEST(EntityExtractorTest, NumericDatesFollowTheShopsConvention) {
  auto uk = On(Uk(), 2026, 1, 1);
  EXPECT_EQ(E("24/12", uk).date, "2026-12-24");
  EXPECT_EQ(E("05/06", uk).date, "2026-06-05");                    // day first
  EXPECT_EQ(E("05/06", On(Us(), 2026, 1, 1)).date, "2026-05-06");  // month first
  EXPECT_EQ(E("12/24", On(Us(), 2026, 1, 1)).date, "2026-12-24");
  EXPECT_EQ(E("12/24", uk).date, "2026-12-24");  // impossible day first: read the other way
  EXPECT_EQ(E("24/12/2027", uk).date, "2027-12-24");
  EXPECT_EQ(E("24/12/27", uk).date, "2027-12-24");
  EXPECT_EQ(E("on 2026-12-24 please", uk).date, "2026-12-24");
  EXPECT_FALSE(E("on 24/12", uk).quantity.has_value());
  EXPECT_FALSE(E("on 2026-12-24 please", uk).quantity.has_value());
}

TEST(EntityExtractorTest, SlashesThatAreNotDates) {
  EXPECT_FALSE(E("are you open 24/7").date.has_value());
  EXPECT_FALSE(E("are you open 24/7").quantity.has_value());
  EXPECT_FALSE(E("1/2 kg of mince").date.has_value());
  EXPECT_FALSE(E("13/13").date.has_value());
  EXPECT_FALSE(E("2026-13-45").date.has_value());
}

// ---- Whole messages and robustness ----

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

}  // namespace
