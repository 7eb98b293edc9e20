// db::LeadStore contract cases: the lead merge, listing (search, filters,
// sorts, pages), owner edits, transcripts, and that search values are data.
// Against every backend of store_contract.h.
#include "unit/db/store_contract.h"

namespace {

using namespace std::chrono_literals;
using store_contract::kT0;
using store_contract::Time;
using testing_support::LeadUpsertBuilder;

template <class Backend>
class LeadStoreTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(LeadStoreTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(LeadStoreTest, LeadUpsertMergesAnonymousSessionWhenPhoneAppears) {
  auto anon = this->leads().UpsertLead(this->Seen("a", "s1", kT0));
  ASSERT_TRUE(anon.ok()) << anon.error().message;
  EXPECT_EQ(anon->status, "new");
  EXPECT_EQ(anon->created_at, kT0);

  auto same = this->leads().UpsertLead(this->Seen("a", "s1", kT0 + 1min).Tags({"lamb"}).Value(2500, "GBP"));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->id, anon->id);

  // Same session later reveals the phone: still one lead, now with a phone.
  auto known = this->leads().UpsertLead(this->Seen("a", "s1", kT0 + 2min).Phone("+447700900123").Name("Sam"));
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(known->id, anon->id);
  EXPECT_EQ(known->phone, "+447700900123");
  EXPECT_EQ(known->tags, std::vector<std::string>{"lamb"});
  EXPECT_EQ(known->value_estimate_minor, 2500);

  // A new anonymous session whose shopper then gives the same phone folds
  // into the known lead.
  auto anon2 = this->leads().UpsertLead(this->Seen("a", "s2", kT0 + 1h).Tags({"beef"}));
  ASSERT_TRUE(anon2.ok());
  EXPECT_NE(anon2->id, anon->id);
  auto merged =
      this->leads().UpsertLead(this->Seen("a", "s2", kT0 + 2h).Phone("+447700900123").Email("sam@example.com"));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->id, anon->id);
  EXPECT_EQ(merged->session, "s2");
  EXPECT_EQ(merged->email, "sam@example.com");
  EXPECT_EQ(merged->tags, (std::vector<std::string>{"lamb", "beef"}));
  EXPECT_EQ(merged->created_at, kT0);
  EXPECT_EQ(merged->last_seen, kT0 + 2h);
  EXPECT_EQ(this->leads().GetLead("a", anon2->id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a"))->total, 1);

  // Found again by email alone.
  EXPECT_EQ(this->leads().UpsertLead(this->Seen("a", "s3", kT0 + 3h).Email("sam@example.com"))->id, anon->id);
}

TYPED_TEST(LeadStoreTest, ListLeadsSearchesFiltersSortsAndPages) {
  const char* names[] = {"Alice Smith", "Bob Jones", "Carol Smith", "Dan Brown", "Eve 50% Off"};
  for (int i = 0; i < 5; ++i) {
    auto u = this->Seen("a", "s" + std::to_string(i), kT0 + std::chrono::minutes(i))
                 .Name(names[i])
                 .Phone("+4470000000" + std::to_string(i))
                 .Channel(i % 2 ? "whatsapp" : "web")
                 .Value(100 * i);
    ASSERT_TRUE(this->leads().UpsertLead(u).ok());
  }
  auto first = this->leads().ListLeads(this->Leads("a"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->total, 5);
  EXPECT_EQ(first->leads.front().name, "Eve 50% Off");  // last seen first

  auto smith = this->leads().ListLeads(this->Leads("a", "SMITH"));
  EXPECT_EQ(smith->total, 2);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a", "50%"))->total, 1);
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a", "5_%"))->total, 0);  // wildcards are literal
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a", "+44700000003"))->leads.at(0).name, "Dan Brown");

  db::LeadQuery whatsapp = this->Leads("a");
  whatsapp.channel = "whatsapp";
  EXPECT_EQ(this->leads().ListLeads(whatsapp)->total, 2);

  auto bob = this->leads().ListLeads(this->Leads("a", "bob"))->leads.at(0);
  db::LeadPatch won;
  won.status = "won";
  ASSERT_TRUE(this->leads().UpdateLead("a", bob.id, won).ok());
  db::LeadQuery won_q = this->Leads("a");
  won_q.status = "won";
  EXPECT_EQ(this->leads().ListLeads(won_q)->leads.at(0).id, bob.id);

  db::LeadQuery by_name = this->Leads("a");
  by_name.sort = db::LeadSort::kNameAsc;
  by_name.limit = 2;
  by_name.offset = 2;
  auto page = this->leads().ListLeads(by_name);
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->leads.size(), 2u);
  EXPECT_EQ(page->leads[0].name, "Carol Smith");
  EXPECT_EQ(page->leads[1].name, "Dan Brown");

  db::LeadQuery by_value = this->Leads("a");
  by_value.sort = db::LeadSort::kValueDesc;
  by_value.limit = 1;
  EXPECT_EQ(this->leads().ListLeads(by_value)->leads.at(0).value_estimate_minor, 400);
  EXPECT_EQ(db::ParseLeadSort("name_asc"), db::LeadSort::kNameAsc);
  EXPECT_FALSE(db::ParseLeadSort("name; DROP TABLE leads").has_value());
}

TYPED_TEST(LeadStoreTest, UpdateLeadChangesStatusTagsNotesAndValidates) {
  auto lead = this->leads().UpsertLead(this->Seen("a", "s1", kT0));
  db::LeadPatch patch;
  patch.status = "active";
  patch.tags = std::vector<std::string>{"vip", "vip", "wholesale"};
  patch.notes = "call after 5";
  patch.handoff = true;
  auto updated = this->leads().UpdateLead("a", lead->id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->status, "active");
  EXPECT_EQ(updated->tags, (std::vector<std::string>{"vip", "wholesale"}));
  EXPECT_EQ(updated->notes, "call after 5");
  EXPECT_TRUE(this->leads().GetLead("a", lead->id)->handoff);

  db::LeadPatch bad;
  bad.status = "deleted";
  EXPECT_EQ(this->leads().UpdateLead("a", lead->id, bad).error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->leads().UpdateLead("a", lead->id + 1000, patch).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(LeadStoreTest, InjectionLikeSearchAndFilterValuesAreData) {
  ASSERT_TRUE(this->leads().UpsertLead(this->Seen("a", "s1", kT0).Name("Robert'); DROP TABLE leads;--")).ok());
  ASSERT_TRUE(this->leads().UpsertLead(this->Seen("a", "s2", kT0)).ok());
  ASSERT_TRUE(this->leads().UpsertLead(this->Seen("b", "s3", kT0)).ok());

  for (const std::string evil : {"' OR '1'='1", "x' OR 1=1 --", "'; DROP TABLE leads; --", "\\", "%' --",
                                 "a\") UNION SELECT * FROM users --", "$1", "?"}) {
    db::LeadQuery search = this->Leads("a", evil);
    auto r = this->leads().ListLeads(search);
    ASSERT_TRUE(r.ok()) << evil << ": " << r.error().message;
    EXPECT_EQ(r->total, 0) << evil;
    db::LeadQuery filter = this->Leads("a");
    filter.status = evil;
    filter.channel = evil;
    auto f = this->leads().ListLeads(filter);
    ASSERT_TRUE(f.ok()) << evil << ": " << f.error().message;
    EXPECT_EQ(f->total, 0) << evil;
    EXPECT_EQ(this->events().QueryEvents({"a", kT0, Time::max(), evil})->size(), 0u);
    EXPECT_EQ(this->leads().Transcript("a", evil)->size(), 0u);
    EXPECT_EQ(this->users().FindUserByEmail(evil).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(this->tokens().FindToken(evil).error().code, core::ErrorCode::kNotFound);
  }
  // The stored name is data too, and every table is still there.
  auto robert = this->leads().ListLeads(this->Leads("a", "DROP TABLE"));
  ASSERT_EQ(robert->total, 1);
  EXPECT_EQ(robert->leads[0].name, "Robert'); DROP TABLE leads;--");
  EXPECT_EQ(this->leads().ListLeads(this->Leads("a"))->total, 2);
  EXPECT_TRUE(this->events().QueryEvents(this->AllEvents("a")).ok());
  EXPECT_TRUE(this->audit().ListAudit("a", 10).ok());
}

TYPED_TEST(LeadStoreTest, TranscriptKeepsTurnsInOrder) {
  std::vector<db::Message> batch = {
      {0, "a", "s1", kT0, "user", "do you have lamb?", "", 0, "[]"},
      {0, "a", "s1", kT0 + 1s, "bot", "Yes: lamb chops £8.50/kg", "product_search", 0.9, R"([{"sku":"L1"}])"},
      {0, "a", "s2", kT0, "user", "other session", "", 0, "[]"},
      {0, "b", "s1", kT0, "user", "other tenant", "", 0, "[]"},
  };
  ASSERT_TRUE(this->leads().AppendMessages(batch).ok());
  auto t = this->leads().Transcript("a", "s1");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0].role, "user");
  EXPECT_EQ((*t)[1].text, "Yes: lamb chops £8.50/kg");
  EXPECT_EQ((*t)[1].intent, "product_search");
  EXPECT_DOUBLE_EQ((*t)[1].confidence, 0.9);
  EXPECT_EQ((*t)[1].facts, R"([{"sku":"L1"}])");
  EXPECT_EQ((*t)[1].at, kT0 + 1s);
}

TYPED_TEST(LeadStoreTest, LeadTranscriptCoversEverySessionIncludingMergedOnes) {
  auto upsert = [&](const std::string& session, const std::string& phone, Time at) {
    return this->leads().UpsertLead(LeadUpsertBuilder("a", session).Channel("").Phone(phone).At(at));
  };
  auto say = [&](const std::string& session, const std::string& text, Time at) {
    return this->leads().AppendMessages({{0, "a", session, at, "user", text, "", 0, "[]"}});
  };
  // Known by phone in s1; anonymous in s2, then gives the same phone there.
  ASSERT_TRUE(upsert("s1", "+447700900001", kT0).ok());
  ASSERT_TRUE(say("s1", "first visit", kT0).ok());
  ASSERT_TRUE(upsert("s2", "", kT0 + 1h).ok());
  ASSERT_TRUE(say("s2", "anonymous question", kT0 + 1h).ok());
  auto merged = upsert("s2", "+447700900001", kT0 + 2h);
  ASSERT_TRUE(merged.ok());
  ASSERT_TRUE(say("s2", "here is my number", kT0 + 2h).ok());
  // Another tenant's conversation with the same session id stays out.
  ASSERT_TRUE(this->leads().AppendMessages({{0, "b", "s1", kT0, "user", "other shop", "", 0, "[]"}}).ok());
  ASSERT_EQ(this->leads().ListLeads(this->Leads("a"))->total, 1);

  auto transcript = this->leads().LeadTranscript("a", merged->id);
  ASSERT_TRUE(transcript.ok()) << transcript.error().message;
  std::vector<std::string> texts;
  for (const auto& m : *transcript) texts.push_back(m.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"first visit", "anonymous question", "here is my number"}));
  EXPECT_EQ(this->leads().LeadTranscript("b", merged->id).error().code, core::ErrorCode::kNotFound);
}

}  // namespace
