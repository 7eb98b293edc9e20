#include "db/journal/record_json.h"

#include <gtest/gtest.h>

#include <climits>

#include <nlohmann/json.hpp>

#include "support/lead_upsert_builder.h"

namespace {

using db::ParseJournalLine;
using db::RecordBatchFromJson;
using db::RecordBatchToJson;

const db::Time kT0 = db::Time(std::chrono::milliseconds(1'790'000'000'123));

db::RecordBatch FullBatch() {
  db::RecordBatch b;
  db::Event e;
  e.tenant = "UK_BUTCHER";
  e.session = "s1";
  e.channel = "web";
  e.kind = "turn";
  e.at = kT0;
  e.intent = "price";
  e.confidence = 0.1 + 0.2;  // not exactly representable: must round-trip anyway
  e.resolved = true;
  e.clarifier = true;
  e.fallback = true;
  e.items = 3;
  e.cart_value_minor = 1250;
  e.currency = "GBP";
  e.latency_us = 900;
  e.query = "lamb \"chops\"\n";
  e.zero_result = true;
  e.payload = R"({"k":[1,2]})";
  b.events.push_back(e);
  b.messages.push_back({0, "UK_BUTCHER", "s1", kT0, "bot", "£4.50 – ok", "price", 0.5, R"(["sku:L1"])"});
  b.leads.push_back(testing_support::LeadUpsertBuilder("UK_BUTCHER", "s1")
                        .Name("Sam")
                        .Phone("+447700900123")
                        .Email("sam@example.com")
                        .Channel("whatsapp")
                        .Tags({"lamb", "bbq"})
                        .Value(0, "GBP")
                        .Handoff(false)
                        .At(kT0));
  db::LeadUpsert bare;
  bare.tenant = "UK_BUTCHER";
  b.leads.push_back(bare);
  b.orders.push_back({0, "UK_BUTCHER", "o1", "s1", 17, "delivery", 4200, "GBP", R"([{"sku":"L1"}])", kT0});
  return b;
}

TEST(RecordJsonTest, RoundTripsEveryField) {
  db::RecordBatch b = FullBatch();
  auto back = RecordBatchFromJson(RecordBatchToJson(b));
  ASSERT_TRUE(back.ok()) << back.error().message;
  const db::Event& e = back->events.at(0);
  EXPECT_EQ(e.tenant, "UK_BUTCHER");
  EXPECT_EQ(e.at, kT0);
  EXPECT_EQ(e.confidence, 0.1 + 0.2);
  EXPECT_TRUE(e.resolved && e.clarifier && e.fallback && e.zero_result);
  EXPECT_EQ(e.items, 3);
  EXPECT_EQ(e.cart_value_minor, 1250);
  EXPECT_EQ(e.latency_us, 900);
  EXPECT_EQ(e.query, "lamb \"chops\"\n");
  EXPECT_EQ(e.payload, R"({"k":[1,2]})");
  const db::Message& m = back->messages.at(0);
  EXPECT_EQ(m.text, "£4.50 – ok");
  EXPECT_EQ(m.facts, R"(["sku:L1"])");
  EXPECT_EQ(m.at, kT0);
  const db::LeadUpsert& u = back->leads.at(0);
  EXPECT_EQ(u.tags, (std::vector<std::string>{"lamb", "bbq"}));
  EXPECT_EQ(u.value_estimate_minor, 0);  // present, even when zero
  EXPECT_EQ(u.handoff, false);
  EXPECT_EQ(u.email, "sam@example.com");
  EXPECT_FALSE(back->leads.at(1).value_estimate_minor.has_value());
  EXPECT_FALSE(back->leads.at(1).handoff.has_value());
  const db::Order& o = back->orders.at(0);
  EXPECT_EQ(o.lead_id, 17);
  EXPECT_EQ(o.total_minor, 4200);
  EXPECT_EQ(o.lines, R"([{"sku":"L1"}])");
}

TEST(RecordJsonTest, EmptyListsAreLeftOut) { EXPECT_EQ(RecordBatchToJson(db::RecordBatch{}), "{}"); }

TEST(RecordJsonTest, InvalidUtf8IsReplacedNotFatal) {
  db::RecordBatch b;
  db::Message m;
  m.text = std::string("caf\xC3", 4);
  b.messages.push_back(m);
  auto back = RecordBatchFromJson(RecordBatchToJson(b));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->messages.at(0).text, "caf\xEF\xBF\xBD");
}

TEST(RecordJsonTest, HandWrittenJsonEscapesAndValidatesLikeAJsonLibrary) {
  // Every control character, quotes and backslashes, 2-4 byte UTF-8 kept;
  // overlong forms, surrogates, stray continuation bytes and truncated
  // sequences replaced.
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {controls + "\"\\/", controls + "\"\\/"},
      {"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x91", "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x91"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"\x80x", "\xEF\xBF\xBDx"},
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const auto& [in, expected] : cases) {
    db::RecordBatch b;
    db::LeadUpsert u;
    u.name = in;
    u.tags = {in, ""};
    b.leads.push_back(u);
    db::Event e;
    e.query = in;
    e.confidence = 1e-7;
    e.latency_us = INT64_MAX;
    e.cart_value_minor = -5;
    b.events.push_back(e);
    std::string text = RecordBatchToJson(b);
    auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    auto back = RecordBatchFromJson(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->leads.at(0).name, expected);
    EXPECT_EQ(back->leads.at(0).tags, (std::vector<std::string>{expected, ""}));
    EXPECT_EQ(back->events.at(0).query, expected);
    EXPECT_EQ(back->events.at(0).confidence, 1e-7);
    EXPECT_EQ(back->events.at(0).latency_us, INT64_MAX);
    EXPECT_EQ(back->events.at(0).cart_value_minor, -5);
  }
}

TEST(RecordJsonTest, JournalLinesRoundTripAndDamageIsAnError) {
  std::string line = db::JournalLine(42, RecordBatchToJson(FullBatch()));
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line, whatever the text holds
  auto record = ParseJournalLine(std::string_view(line).substr(0, line.size() - 1));
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(record->seq, 42);
  EXPECT_EQ(record->batch.events.at(0).query, "lamb \"chops\"\n");

  EXPECT_EQ(ParseJournalLine(line.substr(0, line.size() / 2)).error().code, core::ErrorCode::kInvalidJson);
  EXPECT_FALSE(ParseJournalLine(R"({"seq":1})").ok());
  EXPECT_FALSE(ParseJournalLine(R"({"seq":"x","batch":{}})").ok());
  EXPECT_FALSE(ParseJournalLine(R"({"seq":1,"batch":{"events":[{"items":"many"}]}})").ok());
  EXPECT_FALSE(ParseJournalLine(R"({"seq":1,"batch":{"events":{}}})").ok());
}

}  // namespace

// Found by fuzz_journal_line: a damaged time overflowed the conversion to
// the clock's nanoseconds (undefined behaviour) instead of being refused.
TEST(RecordJsonTest, ATimeOutsideTheCalendarIsAnErrorNotAnOverflow) {
  auto far = RecordBatchFromJson(R"({"events":[{"tenant":"T","at":17900010000000000}]})");
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().code, core::ErrorCode::kInvalidJson);
  EXPECT_NE(far.error().message.find("at is not a time"), std::string::npos) << far.error().message;
  EXPECT_FALSE(RecordBatchFromJson(R"({"messages":[{"at":-9223372036854775807}]})").ok());
  auto edge = RecordBatchFromJson(R"({"events":[{"tenant":"T","at":9000000000000}]})");
  ASSERT_TRUE(edge.ok()) << edge.error().message;
  EXPECT_NE(RecordBatchToJson(*edge).find("9000000000000"), std::string::npos);
}

// Found by fuzz_journal_line: 1.79e20 converted to an int64 is undefined.
TEST(RecordJsonTest, AnIntegerFieldMustHoldAnIntegerThatFits) {
  EXPECT_FALSE(RecordBatchFromJson(R"({"events":[{"latency_us":1.79e20}]})").ok());
  EXPECT_FALSE(RecordBatchFromJson(R"({"events":[{"latency_us":18446744073709551615}]})").ok());
  EXPECT_FALSE(RecordBatchFromJson(R"({"orders":[{"lead_id":2.5}]})").ok());
  EXPECT_FALSE(ParseJournalLine(R"({"seq":1e30,"batch":{}})").ok());
  auto fine = RecordBatchFromJson(R"({"events":[{"latency_us":9223372036854775807}]})");
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->events.at(0).latency_us, INT64_MAX);
}

// Found by fuzz_journal_line after 7.3M runs: -0.0 was written as "-0",
// which reads back as 0 and so wrote differently the second time.
TEST(RecordJsonTest, NegativeZeroRoundTrips) {
  auto first = RecordBatchFromJson(R"({"events":[{"channel":"web","confidence":-0.000}]})");
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::string once = RecordBatchToJson(*first);
  auto again = RecordBatchFromJson(once);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(RecordBatchToJson(*again), once);
}
