#include "services/owner/analytics_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "fakes/in_memory_database.h"
#include "services/owner/csv_writer.h"
#include "support/lead_upsert_builder.h"

namespace {

using namespace std::chrono;
using core::ErrorCode;
using db::Time;
using services::AnalyticsService;
using services::ExportKind;

const Time kDay0 = sys_days{year{2026} / May / 1};
const Time kDay1 = kDay0 + days(1);
const Time kDay2 = kDay0 + days(2);

core::TenantKey Key(const std::string& k) { return core::TenantKey::Parse(k).value(); }

class AnalyticsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { service_ = std::make_unique<AnalyticsService>(db_.events(), db_.orders(), db_.leads()); }

  static db::Event Turn(const std::string& tenant, const std::string& session, const std::string& channel, Time at,
                        const std::string& intent, int64_t latency_us) {
    db::Event e;
    e.tenant = tenant;
    e.session = session;
    e.channel = channel;
    e.kind = "turn";
    e.at = at;
    e.intent = intent;
    e.confidence = 0.9;
    e.resolved = true;
    e.currency = "GBP";
    e.latency_us = latency_us;
    return e;
  }
  static db::Event Business(const std::string& tenant, const std::string& session, const std::string& channel, Time at,
                            const std::string& kind) {
    db::Event e;
    e.tenant = tenant;
    e.session = session;
    e.channel = channel;
    e.kind = kind;
    e.at = at;
    return e;
  }
  static db::Order MakeOrder(const std::string& tenant, const std::string& id, const std::string& session, Time at,
                             int64_t total) {
    db::Order o;
    o.tenant = tenant;
    o.order_id = id;
    o.session = session;
    o.fulfilment = "delivery";
    o.total_minor = total;
    o.currency = "GBP";
    o.at = at;
    return o;
  }

  // Three conversations over two days for SHOP (see the expectations in
  // CountsEveryKpiExactly), plus noise: another tenant and events outside
  // the range.
  void Seed() {
    std::vector<db::Event> ev;
    // s1, web, day 0: greeting, search, add to cart, lead.
    ev.push_back(Turn("SHOP", "s1", "web", kDay0 + hours(10), "greeting", 1000));
    auto search = Turn("SHOP", "s1", "web", kDay0 + hours(10) + minutes(1), "search_product", 2000);
    search.query = "lamb chops";
    search.payload = R"({"skus":["LAMB-1","BEEF-2","LAMB-1"],"entities":{}})";
    ev.push_back(search);
    auto add = Turn("SHOP", "s1", "web", kDay0 + hours(10) + minutes(2), "add_to_cart", 3000);
    add.payload = R"({"skus":["LAMB-1"]})";
    add.cart_value_minor = 1500;
    ev.push_back(add);
    ev.push_back(Business("SHOP", "s1", "web", kDay0 + hours(10) + minutes(3), "lead_captured"));
    // s2, whatsapp, day 0: two unanswered questions, then a hand-off.
    auto f1 = Turn("SHOP", "s2", "whatsapp", kDay0 + hours(11), "unknown", 4000);
    f1.resolved = false;
    f1.fallback = true;
    f1.query = "Do you sell GOAT?";
    ev.push_back(f1);
    auto f2 = f1;
    f2.at += minutes(1);
    f2.latency_us = 5000;
    f2.query = "do you sell goat";
    ev.push_back(f2);
    ev.push_back(Turn("SHOP", "s2", "whatsapp", kDay0 + hours(11) + minutes(2), "human_handoff", 6000));
    ev.push_back(Business("SHOP", "s2", "whatsapp", kDay0 + hours(11) + minutes(2), "handoff"));
    // s3, web, day 1: a zero-result clarifier, a search with a cart, an unanswered delivery question.
    auto zero = Turn("SHOP", "s3", "web", kDay1 + hours(9), "search_product", 7000);
    zero.resolved = false;
    zero.clarifier = true;
    zero.zero_result = true;
    zero.query = "chikn thighs!";
    zero.payload = R"({"skus":[]})";
    ev.push_back(zero);
    auto found = Turn("SHOP", "s3", "web", kDay1 + hours(9) + minutes(1), "search_product", 8000);
    found.payload = R"({"skus":["LAMB-1"]})";
    found.cart_value_minor = 2500;
    ev.push_back(found);
    auto where = Turn("SHOP", "s3", "web", kDay1 + hours(9) + minutes(2), "check_delivery", 9000);
    where.resolved = false;
    where.fallback = true;
    where.query = "Deliver to LS6 1AA? call 07700 900123";
    ev.push_back(where);
    ev.push_back(Business("SHOP", "s3", "web", kDay1 + hours(9) + minutes(3), "lead_captured"));
    ev.push_back(Business("SHOP", "s3", "web", kDay1 + hours(9) + minutes(4), "checkout"));
    // s1 comes back on day 1 with a smaller cart.
    auto back = Turn("SHOP", "s1", "web", kDay1 + hours(12), "view_cart", 10000);
    back.cart_value_minor = 1000;
    ev.push_back(back);
    // Outside the range, and another tenant with the same session names.
    ev.push_back(Turn("SHOP", "s9", "web", kDay2, "greeting", 99));
    ev.push_back(Turn("SHOP", "s8", "web", kDay0 - milliseconds(1), "greeting", 99));
    auto other = Turn("OTHER", "s1", "web", kDay0 + hours(10), "unknown", 50);
    other.fallback = true;
    other.query = "do you sell goat";
    ev.push_back(other);
    ev.push_back(Business("OTHER", "s1", "web", kDay0 + hours(10), "handoff"));
    ev.push_back(Business("OTHER", "s1", "web", kDay0 + hours(10), "lead_captured"));
    ASSERT_TRUE(db_.events().AppendEvents(ev).ok());

    ASSERT_TRUE(db_.orders().AddOrder(MakeOrder("SHOP", "o1", "s3", kDay1 + hours(9) + minutes(4), 2500)).ok());
    ASSERT_TRUE(db_.orders().AddOrder(MakeOrder("SHOP", "o2", "s2", kDay0 + hours(12), 999)).ok());
    ASSERT_TRUE(db_.orders().AddOrder(MakeOrder("SHOP", "o3", "s9", kDay2, 5000)).ok());
    ASSERT_TRUE(db_.orders().AddOrder(MakeOrder("OTHER", "o1", "s1", kDay0 + hours(12), 7777)).ok());
  }

  fakes::InMemoryDatabase db_;
  std::unique_ptr<AnalyticsService> service_;
};

TEST_F(AnalyticsServiceTest, CountsEveryKpiExactly) {
  Seed();
  auto namer = [](std::string_view sku) { return sku == "LAMB-1" ? std::string("Lamb chops") : std::string(); };
  auto r = service_->Kpis(Key("SHOP"), kDay0, kDay2, "", namer);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->tenant, "SHOP");
  EXPECT_EQ(r->conversations, 3);
  EXPECT_EQ(r->turns, 10);
  EXPECT_EQ(r->handed_off_conversations, 1);
  EXPECT_DOUBLE_EQ(r->containment_rate, 2.0 / 3.0);
  EXPECT_EQ(r->resolved_turns, 6);
  EXPECT_DOUBLE_EQ(r->resolution_rate, 0.6);
  EXPECT_EQ(r->clarifier_turns, 1);
  EXPECT_DOUBLE_EQ(r->clarifier_rate, 0.1);
  EXPECT_EQ(r->fallback_turns, 3);
  EXPECT_DOUBLE_EQ(r->fallback_rate, 0.3);

  ASSERT_EQ(r->top_intents.size(), 7u);
  EXPECT_EQ(r->top_intents[0].intent, "search_product");
  EXPECT_EQ(r->top_intents[0].count, 3);
  EXPECT_DOUBLE_EQ(r->top_intents[0].share, 0.3);
  EXPECT_EQ(r->top_intents[1].intent, "unknown");
  EXPECT_EQ(r->top_intents[1].count, 2);
  EXPECT_EQ(r->top_intents[2].intent, "add_to_cart");
  EXPECT_EQ(r->top_intents[3].intent, "check_delivery");
  EXPECT_EQ(r->top_intents[6].intent, "view_cart");
  EXPECT_EQ(r->top_intents[6].count, 1);

  ASSERT_EQ(r->top_unanswered.size(), 2u);
  EXPECT_EQ(r->top_unanswered[0].key, "sell goat");
  EXPECT_EQ(r->top_unanswered[0].count, 2);
  EXPECT_EQ(r->top_unanswered[0].example, "Do you sell GOAT?");
  EXPECT_EQ(r->top_unanswered[1].key, "deliver # call #");
  EXPECT_EQ(r->top_unanswered[1].count, 1);
  EXPECT_EQ(r->unanswered_untracked, 0);

  ASSERT_EQ(r->top_products.size(), 2u);
  EXPECT_EQ(r->top_products[0].sku, "LAMB-1");
  EXPECT_EQ(r->top_products[0].name, "Lamb chops");
  EXPECT_EQ(r->top_products[0].count, 3) << "once per turn, even when a turn lists it twice";
  EXPECT_EQ(r->top_products[1].sku, "BEEF-2");
  EXPECT_EQ(r->top_products[1].name, "BEEF-2");
  EXPECT_EQ(r->top_products[1].count, 1);

  EXPECT_EQ(r->zero_result_turns, 1);
  ASSERT_EQ(r->top_zero_result.size(), 1u);
  EXPECT_EQ(r->top_zero_result[0].key, "chikn thighs");
  EXPECT_EQ(r->top_zero_result[0].example, "chikn thighs!");

  EXPECT_EQ(r->leads, 2);
  EXPECT_EQ(r->carts, 2);
  EXPECT_EQ(r->average_cart_minor, 2000) << "peak cart of s1 (1500) and s3 (2500)";
  EXPECT_EQ(r->cart_currency, "GBP");
  EXPECT_EQ(r->orders, 2);
  EXPECT_EQ(r->order_value_minor, 3499);
  EXPECT_EQ(r->order_currency, "GBP");
  EXPECT_EQ(r->latency_p50_us, 5000);
  EXPECT_EQ(r->latency_p95_us, 10000);

  ASSERT_EQ(r->daily.size(), 2u);
  EXPECT_EQ(r->daily[0].date, "2026-05-01");
  EXPECT_EQ(r->daily[0].turns, 6);
  EXPECT_EQ(r->daily[0].conversations, 2);
  EXPECT_EQ(r->daily[0].leads, 1);
  EXPECT_EQ(r->daily[1].date, "2026-05-02");
  EXPECT_EQ(r->daily[1].turns, 4);
  EXPECT_EQ(r->daily[1].conversations, 2);
  EXPECT_EQ(r->daily[1].leads, 1);
  // Issue 15: the per-day series behind the dashboard's charts add up to
  // the range's totals.
  int64_t fallback = 0, orders = 0, value = 0, handed_off = 0;
  for (const auto& d : r->daily) {
    fallback += d.fallback_turns;
    orders += d.orders;
    value += d.order_value_minor;
    handed_off += d.handed_off;
    EXPECT_LE(d.latency_p50_us, d.latency_p95_us) << d.date;
    EXPECT_GT(d.latency_p95_us, 0) << d.date << " had turns";
    EXPECT_LE(d.latency_p95_us, r->latency_p95_us * 2) << d.date;
  }
  EXPECT_EQ(fallback, r->fallback_turns);
  EXPECT_EQ(orders, r->orders);
  EXPECT_EQ(value, r->order_value_minor);
  EXPECT_EQ(handed_off, r->handed_off_conversations) << "the one hand-off is on one day";
}

TEST_F(AnalyticsServiceTest, ChannelFilterAppliesToEventsAndOrders) {
  Seed();
  auto r = service_->Kpis(Key("SHOP"), kDay0, kDay2, "web");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->conversations, 2);
  EXPECT_EQ(r->turns, 7);
  EXPECT_EQ(r->handed_off_conversations, 0);
  EXPECT_DOUBLE_EQ(r->containment_rate, 1.0);
  EXPECT_EQ(r->fallback_turns, 1);
  EXPECT_EQ(r->orders, 1) << "the WhatsApp session's order is left out";
  EXPECT_EQ(r->order_value_minor, 2500);
  EXPECT_EQ(r->top_products[0].name, "LAMB-1") << "no namer: the SKU";
}

TEST_F(AnalyticsServiceTest, OtherTenantsAreNeverCounted) {
  Seed();
  auto r = service_->Kpis(Key("OTHER"), kDay0, kDay2, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->conversations, 1);
  EXPECT_EQ(r->turns, 1);
  EXPECT_EQ(r->handed_off_conversations, 1);
  EXPECT_EQ(r->leads, 1);
  EXPECT_EQ(r->orders, 1);
  EXPECT_EQ(r->order_value_minor, 7777);
  auto none = service_->Kpis(Key("NOBODY"), kDay0, kDay2, "");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->turns, 0);
  EXPECT_EQ(none->orders, 0);
}

TEST_F(AnalyticsServiceTest, EmptyRangeIsAllZeroWithOneEntryPerDay) {
  Seed();
  auto r = service_->Kpis(Key("SHOP"), kDay0 - days(30), kDay0 - days(27) + hours(1), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->conversations, 0);
  EXPECT_EQ(r->turns, 0);
  EXPECT_EQ(r->containment_rate, 0);
  EXPECT_EQ(r->resolution_rate, 0);
  EXPECT_EQ(r->latency_p50_us, 0);
  EXPECT_EQ(r->average_cart_minor, 0);
  EXPECT_TRUE(r->top_intents.empty());
  EXPECT_TRUE(r->top_unanswered.empty());
  ASSERT_EQ(r->daily.size(), 4u);
  EXPECT_EQ(r->daily[0].date, "2026-04-01");
  EXPECT_EQ(r->daily[3].date, "2026-04-04");
}

TEST_F(AnalyticsServiceTest, RejectsBadRanges) {
  for (auto [from, to] : {std::pair{kDay1, kDay1}, std::pair{kDay1, kDay0}, std::pair{kDay0, kDay0 + days(367)}}) {
    auto r = service_->Kpis(Key("SHOP"), from, to, "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(r.error().UserMessage().empty());
    auto csv = service_->ExportCsv(ExportKind::kEvents, Key("SHOP"), from, to, "");
    ASSERT_FALSE(csv.ok());
    EXPECT_EQ(csv.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(service_->Kpis(Key("SHOP"), kDay0, kDay0 + days(366), "").ok());
}

TEST_F(AnalyticsServiceTest, NormalisesQuestionsForGrouping) {
  EXPECT_EQ(service_->NormaliseQuery("Do you deliver to LS6 1AA?"), "deliver #");
  EXPECT_EQ(service_->NormaliseQuery("can you email me at Bob@Example.com"), "email #");
  EXPECT_EQ(service_->NormaliseQuery("Call 0113 496 0000 or 07700900123"), "call #");
  EXPECT_EQ(service_->NormaliseQuery("Hi!!"), "hi") << "only stop words: kept";
  EXPECT_EQ(service_->NormaliseQuery("  Crème brûlée,  please "), "creme brulee");
}

TEST_F(AnalyticsServiceTest, GroupsStopTrackingAtTheCap) {
  services::AnalyticsOptions options;
  options.max_groups = 1;
  AnalyticsService capped(db_.events(), db_.orders(), db_.leads(), options);
  Seed();
  auto r = capped.Kpis(Key("SHOP"), kDay0, kDay2, "");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->top_unanswered.size(), 1u);
  EXPECT_EQ(r->top_unanswered[0].key, "sell goat");
  EXPECT_EQ(r->unanswered_untracked, 1);
  EXPECT_EQ(r->fallback_turns, 3) << "counts are exact even when groups are capped";
}

TEST_F(AnalyticsServiceTest, ExportsEventsAsQuotedCsvWithFormulaGuard) {
  auto e = Turn("SHOP", "s1", "web", kDay0 + hours(10) + milliseconds(250), "unknown", 1200);
  e.resolved = false;
  e.fallback = true;
  e.query = "=HYPERLINK(\"x\"), then\r\na \"quote\"";
  e.payload = R"({"skus":["A,B"]})";
  ASSERT_TRUE(db_.events().AppendEvents({e, Turn("OTHER", "s1", "web", kDay0 + hours(1), "greeting", 1)}).ok());
  auto csv = service_->ExportCsv(ExportKind::kEvents, Key("SHOP"), kDay0, kDay1, "");
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  const std::string header =
      "\"id\",\"at\",\"session\",\"channel\",\"kind\",\"intent\",\"confidence\",\"resolved\",\"clarifier\","
      "\"fallback\",\"items\",\"cart_value_minor\",\"currency\",\"latency_us\",\"query\",\"zero_result\","
      "\"payload\"\r\n";
  const std::string row =
      "\"1\",\"2026-05-01T10:00:00.250Z\",\"s1\",\"web\",\"turn\",\"unknown\",\"0.900\",\"no\",\"no\",\"yes\","
      "\"0\",\"0\",\"GBP\",\"1200\",\"'=HYPERLINK(\"\"x\"\"), then\r\na \"\"quote\"\"\",\"no\","
      "\"{\"\"skus\"\":[\"\"A,B\"\"]}\"\r\n";
  EXPECT_EQ(*csv, header + row);
}

TEST_F(AnalyticsServiceTest, GuardsEveryFormulaPrefix) {
  EXPECT_EQ(services::CsvField("=1+1"), "\"'=1+1\"");
  EXPECT_EQ(services::CsvField("+44 113"), "\"'+44 113\"");
  EXPECT_EQ(services::CsvField("-2"), "\"'-2\"");
  EXPECT_EQ(services::CsvField("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(services::CsvField("\tx"), "\"'\tx\"");
  EXPECT_EQ(services::CsvField("a=b"), "\"a=b\"");
  EXPECT_EQ(services::CsvField(""), "\"\"");
}

TEST_F(AnalyticsServiceTest, ExportsOneRowPerConversation) {
  Seed();
  auto csv = service_->ExportCsv(ExportKind::kConversations, Key("SHOP"), kDay0, kDay2, "");
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(*csv,
            "\"session\",\"channel\",\"first_at\",\"last_at\",\"turns\",\"resolved_turns\",\"fallbacks\","
            "\"last_intent\",\"handoff\",\"cart_value_minor\",\"currency\"\r\n"
            "\"s1\",\"web\",\"2026-05-01T10:00:00.000Z\",\"2026-05-02T12:00:00.000Z\",\"4\",\"4\",\"0\","
            "\"view_cart\",\"no\",\"1500\",\"GBP\"\r\n"
            "\"s2\",\"whatsapp\",\"2026-05-01T11:00:00.000Z\",\"2026-05-01T11:02:00.000Z\",\"3\",\"1\",\"2\","
            "\"human_handoff\",\"yes\",\"0\",\"\"\r\n"
            "\"s3\",\"web\",\"2026-05-02T09:00:00.000Z\",\"2026-05-02T09:02:00.000Z\",\"3\",\"1\",\"1\","
            "\"check_delivery\",\"no\",\"2500\",\"GBP\"\r\n");
}

TEST_F(AnalyticsServiceTest, ExportsLeadsCreatedInTheRange) {
  auto lead = [&](const std::string& tenant, const std::string& session, const std::string& name,
                  const std::string& phone, Time at) {
    auto u = testing_support::LeadUpsertBuilder(tenant, session).Name(name).Phone(phone).Tags({"bbq", "vip"}).At(at);
    ASSERT_TRUE(db_.leads().UpsertLead(u).ok());
  };
  lead("SHOP", "s0", "Too Early", "+447700900001", kDay0 - hours(1));
  lead("SHOP", "s1", "=cmd|' /C calc'!A0", "+447700900002", kDay0 + hours(1));
  lead("SHOP", "s2", "Ann, \"Nan\"", "+447700900003", kDay0 + hours(2));
  lead("SHOP", "s3", "Too Late", "+447700900004", kDay1);
  lead("OTHER", "s1", "Other Shop", "+447700900005", kDay0 + hours(1));
  auto csv = service_->ExportCsv(ExportKind::kLeads, Key("SHOP"), kDay0, kDay1, "");
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(csv->find("Too"), std::string::npos);
  EXPECT_EQ(csv->find("Other Shop"), std::string::npos);
  size_t first = csv->find("\"'=cmd|' /C calc'!A0\",\"'+447700900002\"");
  size_t second = csv->find("\"Ann, \"\"Nan\"\"\",\"'+447700900003\"");
  ASSERT_NE(first, std::string::npos) << *csv;
  ASSERT_NE(second, std::string::npos) << *csv;
  EXPECT_LT(first, second) << "oldest first";
  EXPECT_NE(csv->find("\"bbq; vip\""), std::string::npos);
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 3);
}

TEST_F(AnalyticsServiceTest, RefusesExportsOverTheRowLimit) {
  services::AnalyticsOptions options;
  options.max_export_rows = 3;
  AnalyticsService small(db_.events(), db_.orders(), db_.leads(), options);
  Seed();
  auto events = small.ExportCsv(ExportKind::kEvents, Key("SHOP"), kDay0, kDay2, "");
  ASSERT_FALSE(events.ok());
  EXPECT_EQ(events.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_NE(events.error().UserMessage().find("shorter period"), std::string::npos);
  EXPECT_TRUE(small.ExportCsv(ExportKind::kConversations, Key("SHOP"), kDay0, kDay2, "").ok()) << "3 sessions fit";
  options.max_export_rows = 2;
  AnalyticsService smaller(db_.events(), db_.orders(), db_.leads(), options);
  auto conversations = smaller.ExportCsv(ExportKind::kConversations, Key("SHOP"), kDay0, kDay2, "");
  ASSERT_FALSE(conversations.ok());
  EXPECT_EQ(conversations.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(ExportKindTest, ParsesTheThreeKinds) {
  EXPECT_EQ(services::ParseExportKind("events"), ExportKind::kEvents);
  EXPECT_EQ(services::ParseExportKind("leads"), ExportKind::kLeads);
  EXPECT_EQ(services::ParseExportKind("conversations"), ExportKind::kConversations);
  EXPECT_EQ(services::ParseExportKind("users"), std::nullopt);
}

}  // namespace

namespace {

TEST(AnalyticsLlmTest, CountsModelTurnsTokensLatencyAndRejections) {
  fakes::InMemoryDatabase db;
  AnalyticsService service(db.events(), db.orders(), db.leads());
  auto turn = [](const std::string& payload) {
    db::Event e;
    e.tenant = "SHOP";
    e.session = "s1";
    e.channel = "web";
    e.kind = "turn";
    e.at = kDay0 + hours(1);
    e.intent = "price_check";
    e.payload = payload;
    return e;
  };
  db::Event rejected;
  rejected.tenant = "SHOP";
  rejected.session = "s1";
  rejected.channel = "web";
  rejected.kind = "llm_rejected";
  rejected.at = kDay0 + hours(1);
  std::vector<db::Event> ev = {
      turn(R"({"mode":"V6","llm":{"used":true,"rejected_reason":"","latency_ms":300,"tokens":150,"tool_calls":0}})"),
      turn(
          R"({"mode":"V5","llm":{"used":false,"rejected_reason":"ungrounded: money £0.49","latency_ms":500,"tokens":90,"tool_calls":0}})"),
      rejected,
      turn(R"({"skus":[]})"),
  };
  ASSERT_TRUE(db.events().AppendEvents(ev).ok());
  auto r = service.Kpis(Key("SHOP"), kDay0, kDay1, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->turns, 3);
  EXPECT_EQ(r->llm_turns, 2);
  EXPECT_EQ(r->llm_used_turns, 1);
  EXPECT_EQ(r->llm_rejected_turns, 1);
  EXPECT_DOUBLE_EQ(r->llm_rejection_rate, 0.5);
  EXPECT_EQ(r->llm_tokens, 240);
  EXPECT_EQ(r->llm_latency_mean_ms, 400);
}

}  // namespace
