#include "retrieval/geo_store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using retrieval::GeoStore;
using retrieval::Postcode;
using retrieval::PostcodeSystem;

json DemoFile(const std::string& tenant, const std::string& file) {
  return json::parse(testing_support::ReadText(testing_support::SourceDir() / "business" / tenant / file));
}

std::unique_ptr<GeoStore> Demo(const std::string& tenant, PostcodeSystem system) {
  auto store = GeoStore::Build(DemoFile(tenant, "branches.json"), DemoFile(tenant, "postcodes.json"), system);
  EXPECT_TRUE(store.ok()) << store.error().message;
  return std::move(store).value();
}

Postcode Outward(const std::string& code) { return Postcode{code, code, false}; }
Postcode Full(const std::string& code, const std::string& outward) { return Postcode{code, outward, true}; }
Postcode Zip(const std::string& code) { return Postcode{code, code, true}; }

json Branch(const std::string& id, const std::string& name, const std::string& city, const std::string& postcode,
            double lat, double lon) {
  json week = json::array({json::object({{"open", "09:00"}, {"close", "17:00"}})});
  return {{"id", id},
          {"name", name},
          {"address", "1 High Street"},
          {"city", city},
          {"postcode", postcode},
          {"lat", lat},
          {"lon", lon},
          {"phone", "0113 496 0000"},
          {"hours",
           {{"mon", week},
            {"tue", week},
            {"wed", week},
            {"thu", week},
            {"fri", week},
            {"sat", week},
            {"sun", json::array()}}}};
}

std::vector<std::string> Ids(const std::vector<retrieval::NearbyBranch>& nearby) {
  std::vector<std::string> ids;
  for (const auto& n : nearby) ids.push_back(n.branch->id);
  return ids;
}

TEST(GeoStoreTest, NearestOrdersUkBranchesByDistanceFromOutwardCode) {
  auto store = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  auto nearby = store->Nearest(Outward("LS8"), 3);
  EXPECT_EQ(Ids(nearby), (std::vector<std::string>{"leeds-harehills", "leeds-hyde-park", "bradford-leeds-road"}));
  ASSERT_EQ(nearby.size(), 3u);
  EXPECT_LT(nearby[0].km, 2.0);
  EXPECT_LT(nearby[0].km, nearby[1].km);
  EXPECT_LT(nearby[1].km, nearby[2].km);

  EXPECT_EQ(store->Nearest(Outward("BD3"), 1).at(0).branch->id, "bradford-leeds-road");
  EXPECT_EQ(store->Nearest(Outward("LS4"), 1).at(0).branch->id, "leeds-hyde-park");
}

TEST(GeoStoreTest, NearestHonoursLimit) {
  auto store = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  EXPECT_EQ(store->Nearest(Outward("LS6"), 2).size(), 2u);
  EXPECT_EQ(store->Nearest(Outward("LS6"), 10).size(), 3u);
  EXPECT_TRUE(store->Nearest(Outward("LS6"), 0).empty());
}

TEST(GeoStoreTest, NearestOrdersUsBranchesByDistanceFromZip) {
  auto store = Demo("US_BIKES", PostcodeSystem::kUsZip);
  EXPECT_EQ(Ids(store->Nearest(Zip("97214"), 2)), (std::vector<std::string>{"hawthorne", "mississippi"}));
  EXPECT_EQ(Ids(store->Nearest(Zip("97217"), 2)), (std::vector<std::string>{"mississippi", "hawthorne"}));
  EXPECT_EQ(Ids(store->Nearest(Zip("97206"), 1)), (std::vector<std::string>{"hawthorne"}));
}

TEST(GeoStoreTest, FullUkPostcodeFallsBackToItsOutwardCode) {
  auto store = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  auto full = store->Locate(Full("LS6 2QT", "LS6"));
  auto outward = store->Locate(Outward("LS6"));
  ASSERT_TRUE(full.has_value());
  ASSERT_TRUE(outward.has_value());
  EXPECT_DOUBLE_EQ(full->first, 53.8206);
  EXPECT_DOUBLE_EQ(full->second, -1.5748);
  EXPECT_EQ(*full, *outward);
}

TEST(GeoStoreTest, FullUkPostcodeListedInLocationsBeatsItsOutwardCode) {
  json branches = {{"branches",
                    {Branch("west", "West", "Leeds", "LS12 1AA", 53.79, -1.60),
                     Branch("east", "East", "Leeds", "LS9 1AA", 53.80, -1.50)}}};
  // The outward centroid is next to "west"; the full code sits next to "east".
  json postcodes = {{"locations", {{"LS61AB", {53.80, -1.501}}, {"LS6", {53.79, -1.601}}}}};
  auto store = GeoStore::Build(branches, postcodes, PostcodeSystem::kUk);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Nearest(Full("LS6 1AB", "LS6"), 1).at(0).branch->id, "east");
  EXPECT_EQ((*store)->Nearest(Full("LS6 9ZZ", "LS6"), 1).at(0).branch->id, "west");
  EXPECT_EQ((*store)->Nearest(Outward("LS6"), 1).at(0).branch->id, "west");
}

TEST(GeoStoreTest, UnknownPostcodeYieldsNoBranches) {
  auto uk = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  EXPECT_FALSE(uk->Locate(Full("SW1A 1AA", "SW1A")).has_value());
  EXPECT_TRUE(uk->Nearest(Full("SW1A 1AA", "SW1A"), 3).empty());
  EXPECT_TRUE(uk->Nearest(Outward("LS99"), 3).empty());

  auto us = Demo("US_BIKES", PostcodeSystem::kUsZip);
  EXPECT_TRUE(us->Nearest(Zip("10001"), 3).empty());
}

TEST(GeoStoreTest, BranchPostcodeLocatesCodesMissingFromPostcodesFile) {
  json branches = {{"branches",
                    {Branch("york", "York", "York", "YO1 7HH", 53.96, -1.08),
                     Branch("leeds", "Leeds", "Leeds", "LS1 4AP", 53.80, -1.55)}}};
  auto store = GeoStore::Build(branches, nullptr, PostcodeSystem::kUk);
  ASSERT_TRUE(store.ok());
  auto exact = (*store)->Locate(Full("YO1 7HH", "YO1"));
  ASSERT_TRUE(exact.has_value());
  EXPECT_DOUBLE_EQ(exact->first, 53.96);
  auto outward = (*store)->Locate(Outward("LS1"));
  ASSERT_TRUE(outward.has_value());
  EXPECT_DOUBLE_EQ(outward->second, -1.55);
  EXPECT_EQ((*store)->Nearest(Full("YO1 9ZZ", "YO1"), 1).at(0).branch->id, "york");
  EXPECT_FALSE((*store)->Locate(Outward("LS12")).has_value());
}

TEST(GeoStoreTest, MapLinkUsesCoordinates) {
  auto uk = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  EXPECT_EQ(GeoStore::MapLink(*uk->BranchById("leeds-hyde-park")),
            "https://www.google.com/maps/search/?api=1&query=53.8128,-1.5676");
  auto us = Demo("US_BIKES", PostcodeSystem::kUsZip);
  EXPECT_EQ(GeoStore::MapLink(*us->BranchById("hawthorne")),
            "https://www.google.com/maps/search/?api=1&query=45.5121,-122.6287");
}

TEST(GeoStoreTest, DistanceKmIsGreatCircle) {
  EXPECT_DOUBLE_EQ(GeoStore::DistanceKm(53.8, -1.5, 53.8, -1.5), 0.0);
  // One degree of longitude on the equator.
  EXPECT_NEAR(GeoStore::DistanceKm(0, 0, 0, 1), 111.2, 0.1);
  // Leeds to London, about 272 km as the crow flies.
  EXPECT_NEAR(GeoStore::DistanceKm(53.7997, -1.5492, 51.5074, -0.1278), 272, 3);
  EXPECT_DOUBLE_EQ(GeoStore::DistanceKm(45.5, -122.6, 53.8, -1.5), GeoStore::DistanceKm(53.8, -1.5, 45.5, -122.6));
}

TEST(GeoStoreTest, FindBranchByAreaOrNameWord) {
  auto uk = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  auto id = [&](std::string_view text) {
    const retrieval::Branch* b = uk->FindBranch(text);
    return b ? b->id : std::string("(none)");
  };
  EXPECT_EQ(id("harehills"), "leeds-harehills");
  EXPECT_EQ(id("are you open at the hyde park shop"), "leeds-hyde-park");
  EXPECT_EQ(id("bradford branch"), "bradford-leeds-road");
  EXPECT_EQ(id("the one on leeds road"), "bradford-leeds-road");
  EXPECT_EQ(id("harehills in leeds"), "leeds-harehills");

  auto us = Demo("US_BIKES", PostcodeSystem::kUsZip);
  ASSERT_NE(us->FindBranch("hawthorne store"), nullptr);
  EXPECT_EQ(us->FindBranch("hawthorne store")->id, "hawthorne");
  ASSERT_NE(us->FindBranch("is mississippi open"), nullptr);
  EXPECT_EQ(us->FindBranch("is mississippi open")->id, "mississippi");
}

TEST(GeoStoreTest, FindBranchReturnsNullWhenAmbiguousOrUnnamed) {
  auto uk = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  EXPECT_EQ(uk->FindBranch("leeds"), nullptr);  // every branch mentions Leeds
  EXPECT_EQ(uk->FindBranch("the shop"), nullptr);
  EXPECT_EQ(uk->FindBranch("noor halal butchers"), nullptr);
  EXPECT_EQ(uk->FindBranch("harehills or bradford"), nullptr);
  EXPECT_EQ(uk->FindBranch(""), nullptr);

  auto us = Demo("US_BIKES", PostcodeSystem::kUsZip);
  EXPECT_EQ(us->FindBranch("portland"), nullptr);
  EXPECT_EQ(us->FindBranch("hawthorne or mississippi"), nullptr);
}

TEST(GeoStoreTest, FindBranchNarrowsByWordsSeveralBranchesShare) {
  json branches = {{"branches",
                    {Branch("leeds-north", "Leeds North", "Leeds", "LS7 1AA", 53.83, -1.53),
                     Branch("leeds-south", "Leeds South", "Leeds", "LS11 1AA", 53.78, -1.55),
                     Branch("york-south", "York South", "York", "YO23 1AA", 53.94, -1.09)}}};
  auto store = GeoStore::Build(branches, nullptr, PostcodeSystem::kUk);
  ASSERT_TRUE(store.ok());
  ASSERT_NE((*store)->FindBranch("leeds south"), nullptr);
  EXPECT_EQ((*store)->FindBranch("leeds south")->id, "leeds-south");
  EXPECT_EQ((*store)->FindBranch("south"), nullptr);
  EXPECT_EQ((*store)->FindBranch("leeds"), nullptr);
  ASSERT_NE((*store)->FindBranch("york"), nullptr);
  EXPECT_EQ((*store)->FindBranch("york")->id, "york-south");
}

TEST(GeoStoreTest, BranchByIdAndParsedFields) {
  auto uk = Demo("UK_BUTCHER", PostcodeSystem::kUk);
  ASSERT_EQ(uk->branches().size(), 3u);
  const retrieval::Branch* b = uk->BranchById("leeds-harehills");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->name, "Noor Halal Butchers Harehills");
  EXPECT_EQ(b->postcode, "LS8 5AN");
  EXPECT_EQ(b->city, "Leeds");
  EXPECT_EQ(b->phone, "0113 496 0456");
  EXPECT_EQ(b->services, (std::vector<std::string>{"collection", "click_and_collect", "delivery", "parking"}));
  EXPECT_EQ(uk->BranchById("nowhere"), nullptr);
  EXPECT_EQ(uk->system(), PostcodeSystem::kUk);
}

TEST(GeoStoreTest, BuildWithoutFilesIsEmpty) {
  auto store = GeoStore::Build(nullptr, nullptr, PostcodeSystem::kUsZip);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->branches().empty());
  EXPECT_TRUE((*store)->Nearest(Zip("97214"), 3).empty());
  EXPECT_EQ((*store)->FindBranch("hawthorne"), nullptr);
}

TEST(GeoStoreTest, BuildRejectsMalformedData) {
  json bad = {{"branches", {{{"id", "x"}, {"name", "X"}, {"lat", "north"}, {"lon", 0}}}}};
  auto store = GeoStore::Build(bad, nullptr, PostcodeSystem::kUk);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
