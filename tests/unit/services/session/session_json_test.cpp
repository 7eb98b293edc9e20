#include "services/session/session_json.h"

#include <gtest/gtest.h>

#include "support/tenants.h"

namespace {

using services::Session;
using services::SessionFromJson;
using services::SessionToJson;



TEST(SessionJsonTest, RoundTripKeepsEveryField) {
  Session s = testing_support::SampleSession();
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->id, s.id);
  EXPECT_EQ(back->tenant, s.tenant);
  EXPECT_EQ(back->created, s.created);
  EXPECT_EQ(back->last_seen, s.last_seen);
  EXPECT_EQ(back->turns, 4);
  EXPECT_EQ(back->name, "Zoë");
  EXPECT_EQ(back->phone, s.phone);
  EXPECT_EQ(back->email, s.email);
  ASSERT_TRUE(back->postcode.has_value());
  EXPECT_EQ(back->postcode->normalized, "LS6 2AB");
  EXPECT_EQ(back->postcode->outward, "LS6");
  EXPECT_TRUE(back->postcode->full);
  EXPECT_EQ(back->branch_id, "leeds");
  EXPECT_EQ(back->last_skus, s.last_skus);
  EXPECT_EQ(back->last_intent, "delivery");
  EXPECT_EQ(back->pending, "postcode_for_delivery");
  EXPECT_EQ(back->pending_sku, "BEEF-MINCE-500");
  ASSERT_EQ(back->cart.size(), 2u);
  EXPECT_EQ(back->cart[1].sku, "LAMB-CHOP");
  EXPECT_DOUBLE_EQ(back->cart[1].quantity, 0.5);
  EXPECT_EQ(back->cart[1].option, "thick cut");
  EXPECT_EQ(back->fulfilment, "delivery");
  EXPECT_EQ(back->order_id, "ord-42");
  EXPECT_TRUE(back->upsell_offered);
  EXPECT_TRUE(back->handoff);
}

TEST(SessionJsonTest, EmptySessionRoundTripsWithoutPostcode) {
  Session s;
  s.id = "abcdefgh";
  s.tenant = "US_BIKES";
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->postcode.has_value());
  EXPECT_TRUE(back->cart.empty());
}

TEST(SessionJsonTest, MissingFieldsTakeDefaults) {
  auto s = SessionFromJson(R"({"v":1,"id":"abcdefgh","tenant":"UK_BUTCHER","name":"Ann"})");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->name, "Ann");
  EXPECT_EQ(s->turns, 0);
  EXPECT_FALSE(s->postcode.has_value());
  EXPECT_FALSE(s->handoff);
}

TEST(SessionJsonTest, RejectsGarbageWrongTypesAndUnknownVersions) {
  EXPECT_FALSE(SessionFromJson("not json").has_value());
  EXPECT_FALSE(SessionFromJson("[1,2]").has_value());
  EXPECT_FALSE(SessionFromJson(R"({"id":"abcdefgh"})").has_value());  // no version
  EXPECT_FALSE(SessionFromJson(R"({"v":99,"id":"abcdefgh"})").has_value());
  EXPECT_FALSE(SessionFromJson(R"({"v":1,"turns":"many"})").has_value());
  EXPECT_FALSE(SessionFromJson(R"({"v":1,"cart":[1]})").has_value());
}

TEST(SessionJsonTest, InvalidUtf8IsReplacedNotThrown) {
  Session s = testing_support::SampleSession();
  s.name = "bad \xff byte";
  auto back = SessionFromJson(SessionToJson(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_NE(back->name.find("bad"), std::string::npos);
}

}  // namespace
