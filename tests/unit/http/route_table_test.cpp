#include "http/route_table.h"

#include <gtest/gtest.h>

#include "http/dispatcher.h"

namespace {

using http::Method;
using http::Request;
using http::Response;

Request Make(Method m, std::string path, std::string query = {}) {
  Request r;
  r.method = m;
  r.path = std::move(path);
  r.query = std::move(query);
  r.request_id = "rid-1";
  return r;
}

http::Handler Echo(std::string name) {
  return [name](Request&) { return http::JsonResponse(200, "\"" + name + "\""); };
}

TEST(RouteTableTest, MatchesLiteralAndCapturesParams) {
  http::RouteTable table;
  table.Add(Method::kGet, "/healthz", Echo("health"));
  table.Add(Method::kPut, "/ops/api/tenants/{tenant}/files/{file}", Echo("put"));
  Request r = Make(Method::kPut, "/ops/api/tenants/UK/files/catalog.json");
  auto m = table.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.PathParam("tenant"), "UK");
  EXPECT_EQ(r.PathParam("file"), "catalog.json");
  Request h = Make(Method::kGet, "/healthz");
  ASSERT_NE(table.Find(h).route, nullptr);
  Request longer = Make(Method::kGet, "/healthz/extra");
  EXPECT_EQ(table.Find(longer).route, nullptr);
}

TEST(RouteTableTest, DecodesEachRawSegmentSoEncodedSlashesStayInside) {
  http::RouteTable table;
  table.Add(Method::kGet, "/t/{tenant}/versions", Echo("v"));
  Request r = Make(Method::kGet, "/t/../etc/versions");
  r.raw_path = "/t/..%2Fetc/versions";
  ASSERT_NE(table.Find(r).route, nullptr);
  EXPECT_EQ(r.PathParam("tenant"), "../etc");
}

TEST(RouteTableTest, ReportsAllowedMethodsWhenOnlyMethodDiffers) {
  http::RouteTable table;
  table.Add(Method::kGet, "/x", Echo("get"));
  table.Add(Method::kPost, "/x", Echo("post"));
  Request r = Make(Method::kDelete, "/x");
  auto m = table.Find(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_methods, (std::vector<Method>{Method::kGet, Method::kPost}));
}

TEST(RouteTableTest, HeadFallsBackToGetAndCatchAllTakesTheRest) {
  http::RouteTable table;
  table.Add(Method::kGet, "/*", Echo("static"));
  Request r = Make(Method::kHead, "/assets/css/site.css");
  auto m = table.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.PathParam("*"), "assets/css/site.css");
  Request root = Make(Method::kGet, "/");
  ASSERT_NE(table.Find(root).route, nullptr);
  EXPECT_EQ(root.PathParam("*"), "");
}

TEST(RequestTest, DecodesQueryParameters) {
  Request r = Make(Method::kGet, "/x", "tenant=UK%5FBUTCHER&q=lamb+chops&empty=&flag");
  EXPECT_EQ(r.QueryParam("tenant"), "UK_BUTCHER");
  EXPECT_EQ(r.QueryParam("q"), "lamb chops");
  EXPECT_EQ(r.QueryParam("empty"), "");
  EXPECT_EQ(r.QueryParam("flag"), "");
  EXPECT_EQ(r.QueryParam("missing"), std::nullopt);
  EXPECT_EQ(http::PercentDecode("%zz%4", false), "%zz%4");
}

class AllowListCors : public http::CorsPolicy {
 public:
  bool Allows(const Request&, std::string_view origin) const override { return origin == "https://shop.example"; }
};

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : dispatcher_(MakeTable(), &cors_, [this](std::string_view rid, std::string_view msg) {
    logged_ = std::string(rid) + " " + std::string(msg);
  }) {}

  static http::RouteTable MakeTable() {
    http::RouteTable t;
    t.Add(Method::kPost, "/chat", Echo("chat"), {.cors = true});
    t.Add(Method::kGet, "/private", Echo("private"));
    t.Add(Method::kGet, "/boom", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
    return t;
  }

  AllowListCors cors_;
  std::string logged_;
  http::Dispatcher dispatcher_;
};

TEST_F(DispatcherTest, UnknownPathIsJson404AndWrongMethodIs405WithAllow) {
  Request r = Make(Method::kGet, "/nope");
  Response res = dispatcher_.Handle(r);
  EXPECT_EQ(res.status, 404u);
  EXPECT_NE(res.body.find("\"code\":\"not_found\""), std::string::npos);
  EXPECT_NE(res.body.find("rid-1"), std::string::npos);
  Request g = Make(Method::kGet, "/chat");
  Response m = dispatcher_.Handle(g);
  EXPECT_EQ(m.status, 405u);
  ASSERT_EQ(m.headers.size(), 1u);
  EXPECT_EQ(m.headers[0].first, "Allow");
  EXPECT_EQ(m.headers[0].second, "POST");
}

TEST_F(DispatcherTest, ExceptionBecomesLogged500) {
  Request r = Make(Method::kGet, "/boom");
  Response res = dispatcher_.Handle(r);
  EXPECT_EQ(res.status, 500u);
  EXPECT_NE(res.body.find("\"code\":\"internal\""), std::string::npos);
  EXPECT_EQ(res.body.find("kaboom"), std::string::npos) << "internals must not leak to clients";
  EXPECT_NE(logged_.find("kaboom"), std::string::npos);
  EXPECT_NE(logged_.find("rid-1"), std::string::npos);
}

TEST_F(DispatcherTest, PreflightFromAllowedOriginSucceeds) {
  Request r = Make(Method::kOptions, "/chat");
  r.headers = {{"origin", "https://shop.example"}, {"access-control-request-method", "POST"}};
  Response res = dispatcher_.Handle(r);
  EXPECT_EQ(res.status, 204u);
  bool has_origin = false;
  for (auto& [k, v] : res.headers) has_origin |= k == "Access-Control-Allow-Origin" && v == "https://shop.example";
  EXPECT_TRUE(has_origin);
}

TEST_F(DispatcherTest, PreflightFromOtherOriginOrToPrivateRouteIsRefused) {
  Request r = Make(Method::kOptions, "/chat");
  r.headers = {{"origin", "https://evil.example"}, {"access-control-request-method", "POST"}};
  Response res = dispatcher_.Handle(r);
  EXPECT_EQ(res.status, 403u);
  EXPECT_NE(res.body.find("origin_not_allowed"), std::string::npos);

  Request p = Make(Method::kOptions, "/private");
  p.headers = {{"origin", "https://shop.example"}, {"access-control-request-method", "GET"}};
  EXPECT_EQ(dispatcher_.Handle(p).status, 403u);
}

TEST_F(DispatcherTest, CrossOriginCallGetsHeaderOnlyWhenAllowed) {
  Request ok = Make(Method::kPost, "/chat");
  ok.headers = {{"origin", "https://shop.example"}, {"host", "api.example"}};
  Response res = dispatcher_.Handle(ok);
  EXPECT_EQ(res.status, 200u);
  EXPECT_FALSE(res.headers.empty());

  Request bad = Make(Method::kPost, "/chat");
  bad.headers = {{"origin", "https://evil.example"}, {"host", "api.example"}};
  EXPECT_EQ(dispatcher_.Handle(bad).status, 403u);

  Request same = Make(Method::kPost, "/chat");
  same.headers = {{"origin", "http://api.example"}, {"host", "api.example"}};
  EXPECT_EQ(dispatcher_.Handle(same).status, 200u) << "same-origin calls need no allow-list entry";
}

}  // namespace
