// Date, time and day scanners (services/understanding/entities/dates.h),
// through ExtractEntities.
#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using entities_test::E;
using entities_test::On;
using entities_test::Repeat;
using entities_test::Uk;
using entities_test::Us;

TEST(EntityDateTest, Weekdays) {
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

TEST(EntityDateTest, TodayAndTomorrow) {
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

TEST(EntityDateTest, DatesWithMonthNames) {
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

TEST(EntityDateTest, LeapDayGoesToTheNextLeapYear) {
  EXPECT_EQ(E("29 feb", On(Uk(), 2026, 1, 1)).date, "2028-02-29");
  EXPECT_EQ(E("29/02", On(Uk(), 2028, 1, 1)).date, "2028-02-29");
}

TEST(EntityDateTest, NumericDatesFollowTheShopsConvention) {
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

TEST(EntityDateTest, SlashesThatAreNotDates) {
  EXPECT_FALSE(E("are you open 24/7").date.has_value());
  EXPECT_FALSE(E("are you open 24/7").quantity.has_value());
  EXPECT_FALSE(E("1/2 kg of mince").date.has_value());
  EXPECT_FALSE(E("13/13").date.has_value());
  EXPECT_FALSE(E("2026-13-45").date.has_value());
}

TEST(EntityDateTest, ImpossibleDatesAreNoDates) {
  auto uk = On(Uk(), 2026, 1, 1);
  for (std::string_view text :
       {"2026-02-29", "2026-13-01", "2026-00-10", "31/04", "00/00", "29/2/2027", "dec 32", "31 feb", "0 may"}) {
    EXPECT_FALSE(E(text, uk).date.has_value()) << text;
  }
  EXPECT_EQ(E("2028-02-29", uk).date, "2028-02-29");
  EXPECT_EQ(E("2/29", On(Us(), 2026, 1, 1)).date, "2028-02-29");
}

TEST(EntityDateTest, TheFirstDateIsKept) {
  auto uk = On(Uk(), 2026, 1, 1);
  EXPECT_EQ(E("24/12 25/12", uk).date, "2026-12-24");
  EXPECT_EQ(E("24 dec or 25 dec", uk).date, "2026-12-24");
}

TEST(EntityDateTest, YearsAfterAMonthDate) {
  auto uk = On(Uk(), 2026, 1, 1);
  EXPECT_EQ(E("24 dec 2027", uk).date, "2027-12-24");
  EXPECT_EQ(E("december the 24th", uk).date, "2026-12-24");
  EXPECT_EQ(E("24 dec 2101", uk).date, "2026-12-24");  // not a year we take
  EXPECT_EQ(E("05/06/2027", On(Us(), 2026, 1, 1)).date, "2027-05-06");
}

TEST(EntityDateTest, ClockTimesAreNotCounts) {
  for (std::string_view text :
       {"collect at 18:00", "6:30pm", "at 6:30 pm", "9am", "9 am", "7 oclock", "feeds 10 am", "99:99"}) {
    auto e = E(text);
    EXPECT_FALSE(e.quantity || e.people) << text;
  }
}

TEST(EntityDateTest, SlashedFractionsAreQuantities) {
  auto q = [](std::string_view text) {
    auto e = E(text);
    return std::make_pair(e.quantity.value_or(-1), e.quantity_unit);
  };
  EXPECT_EQ(q("1/8 kg"), std::make_pair(0.125, std::string("kg")));
  EXPECT_EQ(q("3/8 lb"), std::make_pair(0.375, std::string("lb")));
  EXPECT_EQ(q("1/2kg"), std::make_pair(0.5, std::string("kg")));
  EXPECT_EQ(q("7/8 of"), std::make_pair(0.875, std::string("")));
  EXPECT_FALSE(E("1/3").date.has_value());
  EXPECT_EQ(E("5/6", On(Uk(), 2026, 1, 1)).date, "2026-06-05");  // not a fraction we read
}

TEST(EntityDateTest, MoreDayWords) {
  EXPECT_EQ(E("on sat").weekday, 5);
  EXPECT_EQ(E("sat").weekday, 5);
  EXPECT_EQ(E("wed morning").weekday, 2);
  EXPECT_EQ(E("every sunday").weekday, 6);
  EXPECT_EQ(E("mondays").weekday, 0);
  EXPECT_EQ(E("sunday or monday").weekday, 6);
  EXPECT_TRUE(E("this afternoon").today);
  EXPECT_TRUE(E("tonite").today);
  EXPECT_TRUE(E("2moro").tomorrow);
  EXPECT_FALSE(E("sunday").today || E("sunday").tomorrow);
}

TEST(EntityDateTest, LongRunsOfDigitsSlashesAndColons) {
  auto uk = On(Uk(), 2026, 1, 1);
  EXPECT_FALSE(E(Repeat("1/", 50 * 1024), uk).date.has_value());
  EXPECT_FALSE(E(Repeat("2026-", 20 * 1024), uk).date.has_value());
  EXPECT_FALSE(E(std::string(100 * 1024, '9') + "/12", uk).date.has_value());
  EXPECT_FALSE(E(Repeat("12:30 ", 16 * 1024), uk).quantity.has_value());
  auto dates = E(Repeat("24/12 ", 16 * 1024), uk);
  EXPECT_EQ(dates.date, "2026-12-24");
  EXPECT_FALSE(dates.quantity.has_value());
  EXPECT_EQ(E(Repeat("sun dried ", 10 * 1024) + "on sunday", uk).weekday, 6);
}

TEST(EntityDateTest, ImpossibleDatesLeaveNoQuantity) {
  auto uk = On(Uk(), 2026, 1, 1);
  for (std::string_view text : {"31/02", "deliver on 31/02 please", "30/02/2027", "00/13", "32/12"}) {
    auto e = E(text, uk);
    EXPECT_FALSE(e.date.has_value()) << text;
    EXPECT_FALSE(e.quantity.has_value()) << text << " -> " << e.quantity.value_or(-1);
  }
  EXPECT_FALSE(E("02/31", On(Us(), 2026, 1, 1)).quantity.has_value());
}

TEST(EntityDateTest, AShortDayBeforeAClockTime) {
  for (std::string_view text : {"tues 6pm", "are you open tues 6pm?", "tues at 6", "tue"}) {
    EXPECT_EQ(E(text).weekday, 1) << text;
  }
  EXPECT_FALSE(E("tues 6pm").quantity.has_value());
  EXPECT_EQ(E("sat 6pm").weekday, 5);
  EXPECT_EQ(E("sun 10 am").weekday, 6);
  EXPECT_EQ(E("thurs").weekday, 3);
  EXPECT_FALSE(E("sun dried tomatoes").weekday.has_value());
  EXPECT_FALSE(E("sun cream 200ml").weekday.has_value());
}

TEST(EntityDateTest, AFractionOfAUnitAfterOf) {
  auto q = [](std::string_view text) {
    auto e = E(text);
    return std::make_pair(e.quantity.value_or(-1), e.quantity_unit);
  };
  EXPECT_EQ(q("3/4 of a kilo"), std::make_pair(0.75, std::string("kg")));
  EXPECT_EQ(q("1/2 of a pound of mince"), std::make_pair(0.5, std::string("lb")));
  EXPECT_EQ(q("1 1/2 of a kilo"), std::make_pair(1.5, std::string("kg")));
  EXPECT_EQ(q("3/4 of them"), std::make_pair(0.75, std::string("")));
  EXPECT_FALSE(E("3/4 of a kilo").date.has_value());
}

TEST(EntityDateTest, ManyGluedDatesStayLinear) {
  // Quadratic scans would take minutes on these; the ctest timeout catches it.
  auto uk = On(Uk(), 2026, 1, 1);
  for (std::string piece : {"24/12,24/12 ", "24/12", "31/02", "24/12,", "24/12-", "1/2/26", "2026-12-24", "24/12/2026x",
                            "3/4 of ", "12:30pm", "31/02 ", "2026-02-30 "}) {
    auto e = E(Repeat(piece, 20 * 1024), uk);
    EXPECT_FALSE(e.quantity.has_value() && *e.quantity > 100000) << piece;
  }
  auto commas = E(Repeat("24/12,24/12 ", 20 * 1024), uk);
  EXPECT_EQ(commas.date, "2026-12-24");
}

}  // namespace
