// Team management over HTTP (issue 15): owners add staff, reset a
// password and remove a user; staff may not; owners may not touch owners;
// another shop's users are invisible.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using testing_support::Headers;
using testing_support::HttpReply;
using testing_support::RunAiv7WithInput;
using testing_support::ServerProcess;

constexpr char kPassword[] = "brisket-and-bikes-42";

class TeamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::map<std::string, std::string>{{"ARGON2_MEMORY_KIB", "64"}, {"ARGON2_ITERATIONS", "1"}});
    ASSERT_TRUE(server_->Start()) << server_->output();
    Add("owner@butcher.test", "owner", "UK_BUTCHER");
    Add("owner2@butcher.test", "owner", "UK_BUTCHER");
    Add("owner@bikes.test", "owner", "US_BIKES");
    Add("root@platform.test", "admin", "");
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  void Add(const std::string& email, const std::string& role, const std::string& tenant) {
    std::vector<std::string> args = {"user", "add", "--email", email, "--role", role, "--password-stdin"};
    if (!tenant.empty()) args.insert(args.end(), {"--tenant", tenant});
    auto r = RunAiv7WithInput(args, server_->env(), std::string(kPassword) + "\n");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  HttpReply Login(const std::string& email, const std::string& password) {
    return Send("POST", "/admin/api/login", json{{"email", email}, {"password", password}}.dump());
  }
  Headers SignIn(const std::string& email, const std::string& password = kPassword) {
    HttpReply r = Login(email, password);
    EXPECT_EQ(r.status, 200) << r.body;
    Headers h;
    for (const auto& c : r.set_cookies) {
      if (c.rfind("aiv7_session=", 0) == 0) h.emplace_back("Cookie", c.substr(0, c.find(';')));
    }
    h.emplace_back("X-CSRF-Token", r.Json().value("csrf_token", ""));
    return h;
  }
  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 Headers headers = {}) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return testing_support::Request(server_->port(), method, target, body, headers);
  }
  std::unique_ptr<ServerProcess> server_;
};

constexpr char kUsers[] = "/admin/api/tenants/UK_BUTCHER/users";

TEST_F(TeamTest, OwnerAddsStaffResetsTheirPasswordAndRemovesThem) {
  Headers owner = SignIn("owner@butcher.test");
  HttpReply added =
      Send("POST", kUsers,
           json{{"email", " Amina@Butcher.test"}, {"password", "first-password-1"}, {"role", "staff"}}.dump(), owner);
  ASSERT_EQ(added.status, 201) << added.body;
  json member = added.Json();
  EXPECT_EQ(member["email"], "amina@butcher.test");
  EXPECT_EQ(member["role"], "staff");
  EXPECT_EQ(added.body.find("password"), std::string::npos) << "passwords are write-only";
  const std::string id = std::to_string(member["id"].get<int64_t>());

  HttpReply list = Send("GET", kUsers, "", owner);
  ASSERT_EQ(list.status, 200);
  json users = list.Json()["users"];
  ASSERT_EQ(users.size(), 3u) << list.body;  // two owners and the new staff member
  EXPECT_EQ(users[0]["email"], "amina@butcher.test");
  EXPECT_EQ(list.body.find("argon2"), std::string::npos);

  // The staff member works, but may not manage the team.
  Headers staff = SignIn("amina@butcher.test", "first-password-1");
  EXPECT_EQ(Send("GET", kUsers, "", staff).status, 403);
  EXPECT_EQ(
      Send("POST", kUsers, json{{"email", "x@y.test"}, {"password", "0123456789ab"}, {"role", "staff"}}.dump(), staff)
          .status,
      403);

  // A reset signs the staff member out and the new password works.
  HttpReply reset =
      Send("POST", std::string(kUsers) + "/" + id + "/password", json{{"password", "second-password-2"}}.dump(), owner);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(Send("GET", "/admin/api/me", "", staff).status, 401) << "the old session ended";
  EXPECT_EQ(Login("amina@butcher.test", "first-password-1").status, 401);
  Headers again = SignIn("amina@butcher.test", "second-password-2");

  HttpReply removed = Send("DELETE", std::string(kUsers) + "/" + id, "", owner);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Send("GET", "/admin/api/me", "", again).status, 401);
  EXPECT_EQ(Login("amina@butcher.test", "second-password-2").status, 401);
  EXPECT_EQ(Send("DELETE", std::string(kUsers) + "/" + id, "", owner).status, 404);
}

TEST_F(TeamTest, OwnersCannotManageOwnersOrThemselvesOrOtherShops) {
  Headers owner = SignIn("owner@butcher.test");
  HttpReply list = Send("GET", kUsers, "", owner);
  json users = list.Json()["users"];
  int64_t self = 0, other_owner = 0;
  for (const auto& u : users) {
    if (u["email"] == "owner@butcher.test") self = u["id"];
    if (u["email"] == "owner2@butcher.test") other_owner = u["id"];
  }
  ASSERT_NE(self, 0);
  ASSERT_NE(other_owner, 0);
  EXPECT_EQ(Send("POST", kUsers, json{{"email", "boss@b.test"}, {"password", "0123456789ab"}, {"role", "owner"}}.dump(),
                 owner)
                .status,
            403);
  EXPECT_EQ(Send("DELETE", std::string(kUsers) + "/" + std::to_string(other_owner), "", owner).status, 403);
  EXPECT_EQ(Send("POST", std::string(kUsers) + "/" + std::to_string(other_owner) + "/password",
                 json{{"password", "0123456789ab"}}.dump(), owner)
                .status,
            403);
  EXPECT_EQ(Send("DELETE", std::string(kUsers) + "/" + std::to_string(self), "", owner).status, 403);
  // Another shop: its users are not listed and its ids are not found here.
  EXPECT_EQ(Send("GET", "/admin/api/tenants/US_BIKES/users", "", owner).status, 403);
  Headers bikes = SignIn("owner@bikes.test");
  EXPECT_EQ(
      Send("DELETE", std::string("/admin/api/tenants/US_BIKES/users/") + std::to_string(other_owner), "", bikes).status,
      404);
  // Bad input: 400s naming the field; a short password is refused by policy.
  EXPECT_EQ(Send("POST", kUsers, json{{"email", "a@b.test"}, {"password", 5}, {"role", "staff"}}.dump(), owner).status,
            400);
  EXPECT_EQ(
      Send("POST", kUsers, json{{"email", "a@b.test"}, {"password", "short"}, {"role", "staff"}}.dump(), owner).status,
      400);
  EXPECT_EQ(Send("POST", kUsers, json{{"email", "a@b.test"}, {"password", "0123456789ab"}}.dump(), owner).status, 400);
  EXPECT_EQ(Send("POST", kUsers,
                 json{{"email", "owner2@butcher.test"}, {"password", "0123456789ab"}, {"role", "staff"}}.dump(), owner)
                .status,
            409);
  // A platform admin may manage owners.
  Headers admin = SignIn("root@platform.test");
  EXPECT_EQ(Send("DELETE", std::string(kUsers) + "/" + std::to_string(other_owner), "", admin).status, 200);
}

}  // namespace
