#include "retrieval/policy_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using retrieval::CivilDate;
using retrieval::OpenStatus;
using retrieval::PolicyStore;
using retrieval::Postcode;
using std::chrono::system_clock;

json DemoFile(const std::string& tenant, const std::string& file) {
  return json::parse(testing_support::ReadText(testing_support::SourceDir() / "business" / tenant / file));
}

std::unique_ptr<PolicyStore> Demo(const std::string& tenant) {
  json info = DemoFile(tenant, "store_info.json");
  auto store = PolicyStore::Build(DemoFile(tenant, "delivery.json"), DemoFile(tenant, "branches.json"),
                                  info["timezone"].get<std::string>(), info["currency"].get<std::string>());
  EXPECT_TRUE(store.ok()) << store.error().message;
  return std::move(store).value();
}

std::unique_ptr<PolicyStore> Build(const json& delivery, const json& branches = nullptr,
                                   const std::string& timezone = "Europe/London") {
  auto store = PolicyStore::Build(delivery, branches, timezone, "GBP");
  EXPECT_TRUE(store.ok()) << store.error().message;
  return std::move(store).value();
}

system_clock::time_point Utc(int y, unsigned m, unsigned d, int hour, int minute) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d) + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

CivilDate Date(int y, int m, int d) { return CivilDate{y, m, d, 0}; }

Postcode Outward(const std::string& code) { return Postcode{code, code, false}; }
Postcode Zip(const std::string& code) { return Postcode{code, code, true}; }

json Zone(const std::string& id, std::vector<std::string> prefixes) {
  return {{"id", id}, {"name", id}, {"postcode_prefixes", prefixes}, {"fee", 1}, {"min_order", 0}, {"eta", "soon"}};
}

json RangeZone(const std::string& id, const std::string& from, const std::string& to) {
  return {{"id", id}, {"name", id},     {"postcode_ranges", {{{"from", from}, {"to", to}}}},
          {"fee", 1}, {"min_order", 0}, {"eta", "soon"}};
}

std::string ZoneId(const PolicyStore& store, const Postcode& code) {
  const retrieval::DeliveryZone* zone = store.ZoneFor(code);
  return zone ? zone->id : "(none)";
}

json BranchWithHours(const std::string& id, const json& week) {
  return {{"branches", {{{"id", id}, {"name", id}, {"hours", week}}}}};
}

// ---- Delivery zones -------------------------------------------------------

TEST(PolicyStoreTest, UkZoneCarriesFeesInTenantCurrency) {
  auto store = Demo("UK_BUTCHER");
  const retrieval::DeliveryZone* zone = store->ZoneFor(Outward("LS6"));
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->id, "leeds-north-west");
  EXPECT_EQ(zone->branch, "leeds-hyde-park");
  EXPECT_EQ(zone->fee, core::Money::FromMajor(3.5, "GBP"));
  EXPECT_EQ(zone->min_order.minor, 2500);
  ASSERT_TRUE(zone->free_over.has_value());
  EXPECT_EQ(zone->free_over->minor, 6000);
  EXPECT_EQ(zone->free_over->currency, "GBP");
  EXPECT_EQ(zone->cutoff, "14:00");
  EXPECT_EQ(zone->days, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(store->zones().size(), 6u);
}

TEST(PolicyStoreTest, UkFullPostcodeUsesItsOutwardCode) {
  auto store = Demo("UK_BUTCHER");
  EXPECT_EQ(ZoneId(*store, Postcode{"LS8 5AN", "LS8", true}), "leeds-north-east");
  EXPECT_EQ(ZoneId(*store, Postcode{"BD3 9LX", "BD3", true}), "bradford-east");
}

TEST(PolicyStoreTest, UkOutwardCodesMatchWholeDistricts) {
  auto demo = Demo("UK_BUTCHER");
  EXPECT_EQ(ZoneId(*demo, Outward("LS12")), "leeds-south");
  EXPECT_EQ(ZoneId(*demo, Outward("LS1")), "(none)");  // listed nowhere, and must not borrow LS12's zone
  EXPECT_EQ(ZoneId(*demo, Outward("LS17")), "leeds-north-east");

  auto store = Build({{"zones", {Zone("one", {"LS1"}), Zone("twelve", {"LS12"})}}});
  EXPECT_EQ(ZoneId(*store, Outward("LS1")), "one");
  EXPECT_EQ(ZoneId(*store, Outward("LS12")), "twelve");
  EXPECT_EQ(ZoneId(*store, Outward("LS13")), "(none)");
  EXPECT_EQ(ZoneId(*store, Postcode{"LS1 2AB", "LS1", true}), "one");
}

TEST(PolicyStoreTest, LongestUkPrefixWins) {
  auto store =
      Build({{"zones",
              {Zone("area", {"LS"}), Zone("district", {"ls6"}), Zone("liverpool", {"L"}), Zone("west-end", {"W1"})}}});
  EXPECT_EQ(ZoneId(*store, Outward("LS6")), "district");
  EXPECT_EQ(ZoneId(*store, Outward("LS7")), "area");
  EXPECT_EQ(ZoneId(*store, Outward("LS28")), "area");
  EXPECT_EQ(ZoneId(*store, Outward("L1")), "liverpool");
  EXPECT_EQ(ZoneId(*store, Outward("L18")), "liverpool");
  EXPECT_EQ(ZoneId(*store, Outward("W1A")), "west-end");  // lettered sub-district of W1
  EXPECT_EQ(ZoneId(*store, Outward("W12")), "(none)");
  EXPECT_EQ(ZoneId(*store, Outward("BD3")), "(none)");
}

TEST(PolicyStoreTest, UsZipsMatchPrefixesThenRanges) {
  auto store = Demo("US_BIKES");
  EXPECT_EQ(ZoneId(*store, Zip("97214")), "inner-se");     // range 97214-97215
  EXPECT_EQ(ZoneId(*store, Zip("97201")), "inner-se");     // inclusive lower bound
  EXPECT_EQ(ZoneId(*store, Zip("97206")), "inner-se");     // inclusive upper bound
  EXPECT_EQ(ZoneId(*store, Zip("97232")), "inner-se");     // prefix
  EXPECT_EQ(ZoneId(*store, Zip("97211")), "inner-north");  // range 97209-97213
  EXPECT_EQ(ZoneId(*store, Zip("97227")), "inner-north");
  EXPECT_EQ(ZoneId(*store, Zip("97216")), "outer-portland");
  EXPECT_EQ(ZoneId(*store, Zip("97207")), "(none)");  // between two ranges
  EXPECT_EQ(ZoneId(*store, Zip("98660")), "(none)");  // Vancouver, WA
  EXPECT_EQ(store->ZoneFor(Zip("97214"))->fee.currency, "USD");
}

TEST(PolicyStoreTest, UsExactZipBeatsThreeDigitPrefixAndRange) {
  auto store =
      Build({{"zones", {RangeZone("range", "97200", "97299"), Zone("sectional", {"972"}), Zone("exact", {"97214"})}}});
  EXPECT_EQ(ZoneId(*store, Zip("97214")), "exact");
  EXPECT_EQ(ZoneId(*store, Zip("97299")), "sectional");
  EXPECT_EQ(ZoneId(*store, Zip("97300")), "(none)");
}

TEST(PolicyStoreTest, FreeOverAbsentStaysEmpty) {
  auto store = Demo("US_BIKES");
  const retrieval::DeliveryZone* zone = store->ZoneFor(Zip("97005"));
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->id, "metro-suburbs");
  EXPECT_FALSE(zone->free_over.has_value());
  EXPECT_TRUE(zone->branch.empty());
  EXPECT_EQ(zone->fee.minor, 4500);
}

TEST(PolicyStoreTest, ExceptionsApplyOnlyToListedZones) {
  auto store = Demo("US_BIKES");
  auto outer = store->ExceptionOn(Date(2026, 12, 24), "outer-portland");
  ASSERT_TRUE(outer.has_value());
  EXPECT_FALSE(outer->delivers);
  EXPECT_EQ(outer->date, "2026-12-24");
  EXPECT_FALSE(store->ExceptionOn(Date(2026, 12, 24), "inner-se").has_value());

  auto christmas = store->ExceptionOn(Date(2026, 12, 25), "inner-se");
  ASSERT_TRUE(christmas.has_value());
  EXPECT_FALSE(christmas->delivers);
  EXPECT_EQ(christmas->note, "No deliveries on Christmas Day.");
  EXPECT_FALSE(store->ExceptionOn(Date(2026, 12, 23), "inner-se").has_value());
}

TEST(PolicyStoreTest, ZoneSpecificExceptionBeatsGeneralOne) {
  json delivery = {{"zones", {Zone("a", {"LS6"}), Zone("b", {"LS7"})}},
                   {"exceptions",
                    {{{"date", "2026-12-24"}, {"delivers", true}, {"note", "short day"}},
                     {{"date", "2026-12-24"}, {"delivers", false}, {"note", "b rests"}, {"zones", {"b"}}}}}};
  auto store = Build(delivery);
  EXPECT_EQ(store->ExceptionOn(Date(2026, 12, 24), "a")->note, "short day");
  EXPECT_EQ(store->ExceptionOn(Date(2026, 12, 24), "b")->note, "b rests");
  EXPECT_TRUE(store->ExceptionOn(Date(2026, 12, 24), "a")->delivers);
}

TEST(PolicyStoreTest, CollectionAndNotes) {
  auto store = Demo("UK_BUTCHER");
  EXPECT_TRUE(store->collection_available());
  EXPECT_NE(store->collection_note().find("click & collect"), std::string::npos);
  EXPECT_FALSE(store->delivery_notes().empty());
  EXPECT_EQ(store->timezone(), "Europe/London");

  auto bare = Build(nullptr);
  EXPECT_FALSE(bare->collection_available());
  EXPECT_TRUE(bare->zones().empty());
  EXPECT_EQ(bare->ZoneFor(Outward("LS6")), nullptr);
}

// ---- Calendar -------------------------------------------------------------

TEST(PolicyStoreTest, BuildRejectsUnknownTimeZone) {
  for (const char* tz : {"Mars/Olympus_Mons", "Europe/Londn", "", "Etc/Unknown"}) {
    auto store = PolicyStore::Build(nullptr, nullptr, tz, "GBP");
    ASSERT_FALSE(store.ok()) << tz;
    EXPECT_EQ(store.error().code, core::ErrorCode::kInvalidArgument) << tz;
  }
  EXPECT_TRUE(PolicyStore::Build(nullptr, nullptr, "America/Los_Angeles", "USD").ok());
}

TEST(PolicyStoreTest, LocalTimeFollowsLondonDst) {
  auto store = Demo("UK_BUTCHER");
  // Clocks go forward at 01:00 UTC on the last Sunday of March (29 March 2026).
  EXPECT_EQ(store->LocalTime(Utc(2026, 3, 29, 0, 59)), "00:59");
  EXPECT_EQ(store->LocalTime(Utc(2026, 3, 29, 1, 0)), "02:00");
  // And back at 01:00 UTC on the last Sunday of October (25 October 2026).
  EXPECT_EQ(store->LocalTime(Utc(2026, 10, 25, 0, 59)), "01:59");
  EXPECT_EQ(store->LocalTime(Utc(2026, 10, 25, 1, 0)), "01:00");
  EXPECT_EQ(store->LocalTime(Utc(2026, 7, 1, 12, 0)), "13:00");
  EXPECT_EQ(store->LocalTime(Utc(2026, 1, 15, 12, 0)), "12:00");
}

TEST(PolicyStoreTest, LocalTimeFollowsLosAngelesDst) {
  auto store = Demo("US_BIKES");
  // Forward at 02:00 PST on 8 March 2026, back at 02:00 PDT on 1 November 2026.
  EXPECT_EQ(store->LocalTime(Utc(2026, 3, 8, 9, 59)), "01:59");
  EXPECT_EQ(store->LocalTime(Utc(2026, 3, 8, 10, 0)), "03:00");
  EXPECT_EQ(store->LocalTime(Utc(2026, 11, 1, 8, 59)), "01:59");
  EXPECT_EQ(store->LocalTime(Utc(2026, 11, 1, 9, 0)), "01:00");
}

TEST(PolicyStoreTest, TodayIsTheLocalDate) {
  auto london = Demo("UK_BUTCHER");
  // 23:30 UTC on Monday 30 March is 00:30 BST on Tuesday.
  EXPECT_EQ(london->Today(Utc(2026, 3, 30, 23, 30)), Date(2026, 3, 31));
  EXPECT_EQ(london->Today(Utc(2026, 3, 30, 23, 30)).weekday, 1);
  auto portland = Demo("US_BIKES");
  // 06:00 UTC on Monday 30 March is 23:00 PDT on Sunday 29 March.
  CivilDate sunday = portland->Today(Utc(2026, 3, 30, 6, 0));
  EXPECT_EQ(sunday, Date(2026, 3, 29));
  EXPECT_EQ(sunday.weekday, 6);
  EXPECT_EQ(sunday.Iso(), "2026-03-29");
}

TEST(PolicyStoreTest, AddDaysAndNextWeekday) {
  auto store = Demo("UK_BUTCHER");
  CivilDate new_year = store->AddDays(Date(2026, 12, 31), 1);
  EXPECT_EQ(new_year, Date(2027, 1, 1));
  EXPECT_EQ(new_year.weekday, 4);  // Friday
  EXPECT_EQ(store->AddDays(Date(2028, 2, 28), 1), Date(2028, 2, 29));
  EXPECT_EQ(store->AddDays(Date(2026, 3, 1), -1), Date(2026, 2, 28));

  const auto monday_noon = Utc(2026, 3, 30, 11, 0);
  EXPECT_EQ(store->NextWeekday(monday_noon, 0), Date(2026, 3, 30));
  EXPECT_EQ(store->NextWeekday(monday_noon, 4), Date(2026, 4, 3));
  EXPECT_EQ(store->NextWeekday(monday_noon, 6), Date(2026, 4, 5));
}

TEST(PolicyStoreTest, WeekdayNames) {
  EXPECT_EQ(retrieval::WeekdayShort(0), "Mon");
  EXPECT_EQ(retrieval::WeekdayShort(6), "Sun");
  EXPECT_EQ(retrieval::WeekdayLong(2), "Wednesday");
  EXPECT_EQ(retrieval::WeekdayShort(7), "");
}

// ---- Opening hours --------------------------------------------------------

TEST(PolicyStoreTest, HoursOnFridayHaveThePrayerBreak) {
  auto store = Demo("UK_BUTCHER");
  auto friday = store->HoursOn("leeds-harehills", Date(2026, 3, 27));
  ASSERT_TRUE(friday.ok());
  ASSERT_EQ(friday->intervals.size(), 2u);
  EXPECT_EQ(friday->intervals[0].open, "08:00");
  EXPECT_EQ(friday->intervals[0].close, "13:00");
  EXPECT_EQ(friday->intervals[1].open, "14:00");
  EXPECT_EQ(friday->intervals[1].close, "20:00");
  EXPECT_FALSE(friday->special);
  EXPECT_EQ(friday->date.weekday, 4);  // recomputed, whatever the caller passed
}

TEST(PolicyStoreTest, HoursOnAppliesClosuresAndSpecialHours) {
  auto store = Demo("UK_BUTCHER");
  auto christmas = store->HoursOn("leeds-hyde-park", Date(2026, 12, 25));
  ASSERT_TRUE(christmas.ok());
  EXPECT_TRUE(christmas->intervals.empty());
  EXPECT_TRUE(christmas->special);
  EXPECT_EQ(christmas->note, "Christmas Day");

  auto eve = store->HoursOn("leeds-hyde-park", Date(2026, 12, 24));
  ASSERT_TRUE(eve.ok());
  ASSERT_EQ(eve->intervals.size(), 1u);
  EXPECT_EQ(eve->intervals[0].open, "08:00");
  EXPECT_EQ(eve->intervals[0].close, "14:00");
  EXPECT_TRUE(eve->special);
  EXPECT_EQ(eve->note, "Christmas Eve: closing early");

  auto sunday = store->HoursOn("bradford-leeds-road", Date(2026, 3, 29));
  ASSERT_TRUE(sunday.ok());
  EXPECT_TRUE(sunday->intervals.empty());
  EXPECT_FALSE(sunday->special);
}

TEST(PolicyStoreTest, UnknownBranchIsNotFound) {
  auto store = Demo("UK_BUTCHER");
  auto hours = store->HoursOn("leeds-city", Date(2026, 3, 27));
  ASSERT_FALSE(hours.ok());
  EXPECT_EQ(hours.error().code, core::ErrorCode::kNotFound);
  auto status = store->StatusAt("leeds-city", Utc(2026, 3, 27, 10, 0));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kNotFound);
}

TEST(PolicyStoreTest, StatusThroughAFridayWithABreak) {
  auto store = Demo("UK_BUTCHER");
  // Friday 27 March 2026 is still GMT, so UTC equals local time.
  auto at = [&](int hour, int minute) {
    return store->StatusAt("leeds-harehills", Utc(2026, 3, 27, hour, minute)).value();
  };

  OpenStatus before = at(7, 15);
  EXPECT_FALSE(before.open_now);
  EXPECT_EQ(before.opens_next, "08:00");

  OpenStatus morning = at(10, 0);
  EXPECT_TRUE(morning.open_now);
  EXPECT_EQ(morning.closes_at, "13:00");

  OpenStatus prayers = at(13, 0);
  EXPECT_FALSE(prayers.open_now);
  EXPECT_EQ(prayers.opens_next, "14:00");

  OpenStatus afternoon = at(14, 0);
  EXPECT_TRUE(afternoon.open_now);
  EXPECT_EQ(afternoon.closes_at, "20:00");

  OpenStatus evening = at(20, 0);
  EXPECT_FALSE(evening.open_now);
  EXPECT_EQ(evening.opens_next, "Sat 08:00");
}

TEST(PolicyStoreTest, StatusSkipsAClosedSundayToMonday) {
  auto store = Demo("UK_BUTCHER");
  // Saturday evening and Sunday morning (BST from 29 March) both point to Monday.
  OpenStatus saturday = store->StatusAt("bradford-leeds-road", Utc(2026, 3, 28, 20, 0)).value();
  EXPECT_FALSE(saturday.open_now);
  EXPECT_EQ(saturday.opens_next, "Mon 08:30");
  OpenStatus sunday = store->StatusAt("bradford-leeds-road", Utc(2026, 3, 29, 9, 0)).value();
  EXPECT_FALSE(sunday.open_now);
  EXPECT_EQ(sunday.opens_next, "Mon 08:30");
}

TEST(PolicyStoreTest, StatusAcrossChristmasClosures) {
  auto store = Demo("UK_BUTCHER");
  // Christmas Eve closes at 14:00; 25th, 26th (Sat) and Sunday are closed.
  OpenStatus eve = store->StatusAt("bradford-leeds-road", Utc(2026, 12, 24, 15, 0)).value();
  EXPECT_FALSE(eve.open_now);
  EXPECT_EQ(eve.opens_next, "Mon 08:30");
  OpenStatus eve_morning = store->StatusAt("bradford-leeds-road", Utc(2026, 12, 24, 9, 0)).value();
  EXPECT_TRUE(eve_morning.open_now);
  EXPECT_EQ(eve_morning.closes_at, "14:00");
}

TEST(PolicyStoreTest, StatusUsesLocalTimeAcrossDst) {
  auto store = Demo("UK_BUTCHER");
  // 07:30 UTC is 08:30 BST (open) but 07:30 GMT (not yet open).
  OpenStatus bst = store->StatusAt("leeds-hyde-park", Utc(2026, 3, 30, 7, 30)).value();
  EXPECT_TRUE(bst.open_now);
  EXPECT_EQ(bst.closes_at, "19:00");
  OpenStatus gmt = store->StatusAt("leeds-hyde-park", Utc(2026, 3, 27, 7, 30)).value();
  EXPECT_FALSE(gmt.open_now);
  EXPECT_EQ(gmt.opens_next, "08:00");

  OpenStatus october_bst = store->StatusAt("leeds-hyde-park", Utc(2026, 10, 23, 7, 30)).value();
  EXPECT_TRUE(october_bst.open_now);
  OpenStatus october_gmt = store->StatusAt("leeds-hyde-park", Utc(2026, 10, 26, 7, 30)).value();
  EXPECT_FALSE(october_gmt.open_now);
  EXPECT_EQ(october_gmt.opens_next, "08:00");

  auto portland = Demo("US_BIKES");
  // 17:30 UTC is 10:30 PDT (open) but 09:30 PST (not yet open).
  EXPECT_TRUE(portland->StatusAt("hawthorne", Utc(2026, 3, 9, 17, 30)).value().open_now);
  OpenStatus pst = portland->StatusAt("hawthorne", Utc(2026, 3, 6, 17, 30)).value();
  EXPECT_FALSE(pst.open_now);
  EXPECT_EQ(pst.opens_next, "10:00");
}

TEST(PolicyStoreTest, StatusMergesBackToBackIntervalsAndReportsNeverOpen) {
  json split = json::array({{{"open", "08:00"}, {"close", "12:00"}}, {{"open", "12:00"}, {"close", "17:00"}}});
  json closed = json::array();
  json week = {{"mon", split}, {"tue", split}, {"wed", split}, {"thu", split},
               {"fri", split}, {"sat", split}, {"sun", split}};
  auto store = Build(nullptr, BranchWithHours("shop", week));
  OpenStatus status = store->StatusAt("shop", Utc(2026, 1, 14, 11, 0)).value();
  EXPECT_TRUE(status.open_now);
  EXPECT_EQ(status.closes_at, "17:00");

  json never = {{"mon", closed}, {"tue", closed}, {"wed", closed}, {"thu", closed},
                {"fri", closed}, {"sat", closed}, {"sun", closed}};
  auto shut = Build(nullptr, BranchWithHours("shut", never));
  OpenStatus none = shut->StatusAt("shut", Utc(2026, 1, 14, 11, 0)).value();
  EXPECT_FALSE(none.open_now);
  EXPECT_EQ(none.opens_next, "");
}

TEST(PolicyStoreTest, ConcurrentReadersAgree) {
  auto store = Demo("UK_BUTCHER");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        bool summer = (i + t) % 2 == 0;
        auto now = summer ? Utc(2026, 3, 30, 7, 30) : Utc(2026, 3, 27, 7, 30);
        if (store->StatusAt("leeds-hyde-park", now).value().open_now != summer) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
