// db::InboxStore and db::OutboxStore contract cases (the messaging
// channels' exactly-once path), against every backend of store_contract.h.
#include "unit/db/store_contract.h"

namespace {

using namespace std::chrono_literals;
using store_contract::kT0;
using store_contract::Time;

template <class Backend>
class ChannelStoresTest : public store_contract::StoreTest<Backend> {
 protected:
  static db::InboundMessage Inbound(const std::string& tenant, const std::string& message_id,
                                    const std::string& shopper, Time sent_at) {
    db::InboundMessage m;
    m.tenant = tenant;
    m.provider = "meta";
    m.message_id = message_id;
    m.shopper = shopper;
    m.profile_name = "Sam";
    m.kind = "text";
    m.text = "hello " + message_id;
    m.payload = R"({"k":1})";
    m.sent_at = sent_at;
    m.received_at = sent_at + 1s;
    return m;
  }

  static db::OutboxMessage Outbound(const std::string& tenant, const std::string& shopper, const std::string& key,
                                    Time at = kT0) {
    db::OutboxMessage m;
    m.tenant = tenant;
    m.provider = "meta";
    m.shopper = shopper;
    m.session = "wa-" + shopper.substr(1);
    m.dedupe_key = key;
    m.content = R"({"type":"text","text":"hi"})";
    m.next_attempt = at;
    m.created_at = at;
    return m;
  }

  std::vector<int64_t> ClaimIds(const std::string& worker, Time now, int limit = 100) {
    auto claimed = this->inbox().ClaimInbound(worker, now, 30s, limit);
    EXPECT_TRUE(claimed.ok()) << claimed.error().message;
    std::vector<int64_t> ids;
    if (claimed.ok()) {
      for (const auto& m : *claimed) ids.push_back(m.id);
    }
    return ids;
  }

  std::vector<int64_t> ClaimOutIds(const std::string& worker, Time now, int limit = 100) {
    auto claimed = this->outbox().ClaimOutbound(worker, now, 30s, limit);
    EXPECT_TRUE(claimed.ok()) << claimed.error().message;
    std::vector<int64_t> ids;
    if (claimed.ok()) {
      for (const auto& m : *claimed) ids.push_back(m.id);
    }
    return ids;
  }

  db::OutboxMessage Get(const std::string& tenant, int64_t id) {
    auto m = this->outbox().GetOutbound(tenant, id);
    EXPECT_TRUE(m.ok()) << m.error().message;
    return m.ok() ? *m : db::OutboxMessage{};
  }
};
TYPED_TEST_SUITE(ChannelStoresTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(ChannelStoresTest, WebhookMessagesAreRecordedOncePerTenantAndProvider) {
  auto first = this->inbox().RecordWebhook(
      {this->Inbound("a", "wamid.1", "+447700900001", kT0), this->Inbound("a", "wamid.1", "+447700900001", kT0)}, {},
      std::nullopt);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->accepted.size(), 1u);
  EXPECT_EQ(first->duplicates, 1);
  auto again = this->inbox().RecordWebhook({this->Inbound("a", "wamid.1", "+447700900001", kT0)}, {}, std::nullopt);
  EXPECT_TRUE(again->accepted.empty());
  EXPECT_EQ(again->duplicates, 1);
  // Another tenant, or the same id from the other provider, is a message of its own.
  db::InboundMessage twilio = this->Inbound("a", "wamid.1", "+447700900001", kT0);
  twilio.provider = "twilio";
  auto others =
      this->inbox().RecordWebhook({this->Inbound("b", "wamid.1", "+447700900001", kT0), twilio}, {}, std::nullopt);
  EXPECT_EQ(others->accepted.size(), 2u);
  EXPECT_EQ(*this->inbox().CountPendingInbound(), 3);

  auto last = this->inbox().LastInbound("a", "+447700900001");
  ASSERT_TRUE(last.ok() && last->has_value());
  const db::InboundMessage& m = **last;
  EXPECT_EQ(m.tenant, "a");
  EXPECT_EQ(m.profile_name, "Sam");
  EXPECT_EQ(m.kind, "text");
  EXPECT_EQ(m.text, "hello wamid.1");
  EXPECT_EQ(m.payload, R"({"k":1})");
  EXPECT_EQ(m.sent_at, kT0);
  EXPECT_EQ(m.received_at, kT0 + 1s);
  EXPECT_EQ(m.state, "pending");
  EXPECT_FALSE(this->inbox().LastInbound("a", "+447700900999")->has_value());
}

TYPED_TEST(ChannelStoresTest, ClaimsTheOldestMessageOfEachConversationOnly) {
  // Shopper 1's messages arrive out of order; shopper 2 has one.
  auto r =
      this->inbox().RecordWebhook({this->Inbound("a", "m3", "+1", kT0 + 3s), this->Inbound("a", "m1", "+1", kT0 + 1s),
                                   this->Inbound("a", "m2", "+1", kT0 + 2s), this->Inbound("a", "n1", "+2", kT0)},
                                  {}, std::nullopt);
  ASSERT_TRUE(r.ok());
  const auto& ids = r->accepted;  // m3, m1, m2, n1
  EXPECT_EQ(this->ClaimIds("w1", kT0 + 1min), (std::vector<int64_t>{ids[3], ids[1]}));
  // Nothing else while those are claimed: m2 waits for m1.
  EXPECT_TRUE(this->ClaimIds("w2", kT0 + 1min).empty());
  ASSERT_TRUE(this->inbox().CompleteInbound(ids[1], {}, kT0 + 1min).ok());
  EXPECT_EQ(this->ClaimIds("w2", kT0 + 1min), (std::vector<int64_t>{ids[2]}));
  // A lease that ran out can be claimed by anyone, attempts counted.
  auto retaken = this->inbox().ClaimInbound("w3", kT0 + 1min + 31s, 30s, 10);
  ASSERT_TRUE(retaken.ok());
  ASSERT_EQ(retaken->size(), 2u);
  EXPECT_EQ((*retaken)[0].id, ids[3]);
  EXPECT_EQ((*retaken)[0].attempts, 2);
  EXPECT_EQ((*retaken)[1].id, ids[2]);
}

TYPED_TEST(ChannelStoresTest, LimitAndRecoveryOfAWorkersOwnLeases) {
  std::vector<db::InboundMessage> batch;
  for (int i = 0; i < 5; ++i)
    batch.push_back(this->Inbound("a", "m" + std::to_string(i), "+" + std::to_string(i), kT0));
  ASSERT_TRUE(this->inbox().RecordWebhook(batch, {}, std::nullopt).ok());
  EXPECT_EQ(this->ClaimIds("w1", kT0, 2).size(), 2u);
  EXPECT_EQ(this->ClaimIds("w2", kT0, 2).size(), 2u);
  // w1 restarts: its two come back at once; w2's stay leased.
  EXPECT_EQ(*this->inbox().RecoverInbound("w1"), 2);
  EXPECT_EQ(this->ClaimIds("w3", kT0).size(), 3u);
  EXPECT_EQ(*this->inbox().RecoverInbound("nobody"), 0);
}

TYPED_TEST(ChannelStoresTest, CompletingAddsRepliesOnceAndRetryAndFailRelease) {
  auto r = this->inbox().RecordWebhook(
      {this->Inbound("a", "m1", "+1", kT0), this->Inbound("a", "m2", "+2", kT0), this->Inbound("a", "m3", "+3", kT0)},
      {}, std::nullopt);
  const auto ids = r->accepted;
  ASSERT_EQ(this->ClaimIds("w", kT0).size(), 3u);
  std::vector<db::OutboxMessage> replies = {this->Outbound("a", "+1", "reply:1:0"),
                                            this->Outbound("a", "+1", "reply:1:1")};
  replies[0].inbound_id = ids[0];
  ASSERT_TRUE(this->inbox().CompleteInbound(ids[0], replies, kT0).ok());
  // A second completion (a turn repeated after a crash) adds nothing.
  ASSERT_TRUE(this->inbox().CompleteInbound(ids[0], replies, kT0 + 1s).ok());
  auto out = this->outbox().ListOutbound("a", "+1", 10);
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].inbound_id, ids[0]);
  EXPECT_FALSE((*out)[1].inbound_id.has_value());
  EXPECT_EQ((*out)[0].state, "pending");
  EXPECT_EQ(this->inbox().ListInbound("a", "+1", 10)->front().state, "done");

  ASSERT_TRUE(this->inbox().RetryInbound(ids[1], kT0 + 10s, "record queue full").ok());
  EXPECT_TRUE(this->ClaimIds("w", kT0 + 9s).empty());
  auto again = this->inbox().ClaimInbound("w", kT0 + 10s, 30s, 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().error, "record queue full");
  EXPECT_EQ(again->front().attempts, 2);

  ASSERT_TRUE(this->inbox().FailInbound(ids[2], "tenant gone", kT0).ok());
  EXPECT_EQ(this->inbox().ListInbound("a", "+3", 10)->front().state, "failed");
  EXPECT_EQ(*this->inbox().CountPendingInbound(), 1);
  EXPECT_EQ(this->inbox().CompleteInbound(999999, {}, kT0).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->inbox().RetryInbound(999999, kT0, "").error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(ChannelStoresTest, ListsTheNewestMessagesOldestFirst) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(this->inbox()
                    .RecordWebhook({this->Inbound("a", "m" + std::to_string(i), "+1", kT0 + i * 1s)}, {}, std::nullopt)
                    .ok());
    ASSERT_TRUE(this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "k" + std::to_string(i), kT0 + i * 1s)).ok());
  }
  auto in = this->inbox().ListInbound("a", "+1", 3);
  ASSERT_EQ(in->size(), 3u);
  EXPECT_EQ((*in)[0].message_id, "m2");
  EXPECT_EQ((*in)[2].message_id, "m4");
  auto out = this->outbox().ListOutbound("a", "+1", 2);
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].dedupe_key, "k3");
  EXPECT_TRUE(this->outbox().ListOutbound("b", "+1", 10)->empty());
}

TYPED_TEST(ChannelStoresTest, OutboxKeepsOneMessagePerKeyAndSendsAConversationInOrder) {
  auto a1 = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "reply:1:0"));
  auto a1_again = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "reply:1:0"));
  ASSERT_TRUE(a1.ok() && a1_again.ok());
  EXPECT_EQ(*a1, *a1_again);
  auto a2 = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "reply:1:1"));
  auto b1 = this->outbox().EnqueueOutbound(this->Outbound("b", "+1", "reply:1:0"));  // other tenant, same key
  auto later = this->outbox().EnqueueOutbound(this->Outbound("a", "+2", "x", kT0 + 1h));
  EXPECT_NE(*b1, *a1);
  EXPECT_EQ(*this->outbox().CountUnsentOutbound(), 4);

  auto claimed = this->outbox().ClaimOutbound("w", kT0, 30s, 10);
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;
  ASSERT_EQ(claimed->size(), 2u);  // a1 and b1: a2 waits for a1, `later` is not due
  EXPECT_EQ((*claimed)[0].id, *a1);
  EXPECT_EQ((*claimed)[0].state, "sending");
  EXPECT_EQ((*claimed)[0].attempts, 1);
  EXPECT_EQ((*claimed)[0].content, R"({"type":"text","text":"hi"})");
  EXPECT_EQ((*claimed)[1].id, *b1);
  EXPECT_TRUE(this->ClaimOutIds("w", kT0).empty());

  ASSERT_TRUE(this->outbox().MarkSent(*a1, "wamid.out1", kT0 + 1s).ok());
  EXPECT_EQ(this->ClaimOutIds("w", kT0 + 1s), (std::vector<int64_t>{*a2}));
  ASSERT_TRUE(this->outbox().MarkRetry(*a2, kT0 + 10s, "HTTP 500", kT0 + 1s).ok());
  EXPECT_TRUE(this->ClaimOutIds("w", kT0 + 9s).empty());
  EXPECT_EQ(this->Get("a", *a2).error, "HTTP 500");
  EXPECT_EQ(this->ClaimOutIds("w", kT0 + 10s), (std::vector<int64_t>{*a2}));
  ASSERT_TRUE(this->outbox().MarkFailed(*a2, "HTTP 400: invalid recipient", kT0 + 11s).ok());
  EXPECT_EQ(this->Get("a", *a2).state, "failed");
  EXPECT_EQ(this->Get("a", *a2).attempts, 2);
  EXPECT_EQ(this->Get("a", *a1).provider_message_id, "wamid.out1");
  EXPECT_EQ(this->Get("a", *later).state, "pending");
  EXPECT_EQ(this->outbox().GetOutbound("b", *a1).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->outbox().MarkSent(999999, "x", kT0).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(ChannelStoresTest, ASendLeftInDoubtIsRecoveredOrReclaimedAfterItsLease) {
  auto a = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "k1"));
  auto b = this->outbox().EnqueueOutbound(this->Outbound("a", "+2", "k2"));
  ASSERT_EQ(this->ClaimOutIds("w1", kT0, 1).size(), 1u);
  ASSERT_EQ(this->ClaimOutIds("w2", kT0, 1).size(), 1u);
  // w1 restarts: its message waits until the chosen time, w2's lease runs out.
  EXPECT_EQ(*this->outbox().RecoverOutbound("w1", kT0 + 20s), 1);
  EXPECT_EQ(this->Get("a", *a).state, "pending");
  EXPECT_TRUE(this->ClaimOutIds("w3", kT0 + 19s).empty());
  EXPECT_EQ(this->ClaimOutIds("w3", kT0 + 31s), (std::vector<int64_t>{*a, *b}));
  EXPECT_EQ(this->Get("a", *b).attempts, 2);
}

TYPED_TEST(ChannelStoresTest, DeliveryUpdatesOnlyMoveAMessageForward) {
  auto id = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "k1"));
  ASSERT_EQ(this->ClaimOutIds("w", kT0).size(), 1u);
  ASSERT_TRUE(this->outbox().MarkSent(*id, "wamid.9", kT0).ok());
  auto update = [&](const std::string& status, const std::string& tenant = "a") {
    db::DeliveryUpdate u{tenant, "meta", "wamid.9", std::nullopt, status, kT0 + 5s, ""};
    if (status == "failed") u.error = "131026: undeliverable";
    auto r = this->inbox().RecordWebhook({}, {u}, std::nullopt);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->updates_applied : -1;
  };
  EXPECT_EQ(update("read", "b"), 0);  // another tenant's callback never touches it
  EXPECT_EQ(update("delivered"), 1);
  EXPECT_EQ(update("sent"), 0);       // late
  EXPECT_EQ(update("delivered"), 0);  // repeated
  EXPECT_EQ(update("failed"), 0);
  EXPECT_EQ(update("read"), 1);
  EXPECT_EQ(update("sending"), 0);  // not a provider state
  db::OutboxMessage m = this->Get("a", *id);
  EXPECT_EQ(m.state, "read");
  EXPECT_EQ(m.updated_at, kT0 + 5s);
  // MarkSent after a faster callback keeps the further state.
  ASSERT_TRUE(this->outbox().MarkSent(*id, "wamid.9", kT0 + 6s).ok());
  EXPECT_EQ(this->Get("a", *id).state, "read");
}

TYPED_TEST(ChannelStoresTest, ACallbackNamingTheOutboxIdSettlesASendInDoubt) {
  auto id = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "k1"));
  auto next = this->outbox().EnqueueOutbound(this->Outbound("a", "+1", "k2"));
  ASSERT_EQ(this->ClaimOutIds("w", kT0).size(), 1u);
  ASSERT_EQ(*this->outbox().RecoverOutbound("w", kT0 + 1min), 1);  // died while sending
  db::DeliveryUpdate sent{"a", "meta", "wamid.77", *id, "sent", kT0 + 2s, ""};
  db::DeliveryUpdate wrong_provider{"a", "twilio", "SM1", *next, "sent", kT0 + 2s, ""};
  auto r = this->inbox().RecordWebhook({}, {sent, wrong_provider}, std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->updates_applied, 1);
  db::OutboxMessage m = this->Get("a", *id);
  EXPECT_EQ(m.state, "sent");
  EXPECT_EQ(m.provider_message_id, "wamid.77");
  // Not sent again; the conversation's next message goes instead.
  EXPECT_EQ(this->ClaimOutIds("w", kT0 + 2min), (std::vector<int64_t>{*next}));
  // A retry or failure report that comes late does not undo it.
  EXPECT_TRUE(this->outbox().MarkRetry(*id, kT0, "late", kT0).ok());
  EXPECT_TRUE(this->outbox().MarkFailed(*id, "late", kT0).ok());
  EXPECT_EQ(this->Get("a", *id).state, "sent");
}

TYPED_TEST(ChannelStoresTest, MessagesRecordedClaimedAreLeftToTheirWorker) {
  auto r =
      this->inbox().RecordWebhook({this->Inbound("a", "m1", "+1", kT0)}, {}, db::InboundClaim{"webhook", kT0 + 30s});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(this->ClaimIds("w", kT0).empty());
  // The webhook's worker died before answering: its restart frees the claim.
  EXPECT_EQ(*this->inbox().RecoverInbound("webhook"), 1);
  auto claimed = this->inbox().ClaimInbound("w", kT0, 30s, 10);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ(claimed->front().attempts, 2);
}

TYPED_TEST(ChannelStoresTest, AReplyDeliveredInTheWebhookResponseIsRecordedAsSent) {
  db::OutboxMessage twiml = this->Outbound("a", "+1", "reply:1:0");
  twiml.state = "sent";
  db::OutboxMessage other = this->Outbound("a", "+1", "reply:1:1");
  other.state = "read";  // not a state a new message may start in
  auto id = this->outbox().EnqueueOutbound(twiml);
  auto other_id = this->outbox().EnqueueOutbound(other);
  EXPECT_EQ(this->Get("a", *id).state, "sent");
  EXPECT_EQ(this->Get("a", *other_id).state, "pending");
  EXPECT_EQ(this->ClaimOutIds("w", kT0), (std::vector<int64_t>{*other_id}));
}

}  // namespace
