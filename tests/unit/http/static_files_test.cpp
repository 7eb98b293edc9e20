#include "http/static_files.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace {

using testing_support::TempDir;
using testing_support::WriteText;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteText(dir_ / "web/index.html", "<h1>hi</h1>");
    WriteText(dir_ / "web/widget/widget.js", "console.log(1)");
    WriteText(dir_ / "web/.secret", "no");
    WriteText(dir_ / "outside.txt", "outside");
    files_ = std::make_unique<http::StaticFiles>(dir_ / "web");
  }
  http::Response Get(std::string_view rel, std::string etag = {}) {
    http::Request r;
    if (!etag.empty()) r.headers = {{"if-none-match", etag}};
    return files_->Serve(r, rel);
  }
  std::string Header(const http::Response& r, std::string_view name) {
    for (auto& [k, v] : r.headers) if (k == name) return v;
    return {};
  }
  TempDir dir_;
  std::unique_ptr<http::StaticFiles> files_;
};

TEST_F(StaticFilesTest, ServesIndexAndAssetsWithTypesAndCaching) {
  auto index = Get("");
  EXPECT_EQ(index.status, 200u);
  EXPECT_EQ(index.body, "<h1>hi</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Header(index, "Cache-Control"), "no-cache");
  auto js = Get("widget/widget.js");
  EXPECT_EQ(js.status, 200u);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(js, "Cache-Control"), "public, max-age=3600");
  EXPECT_FALSE(Header(js, "ETag").empty());
}

TEST_F(StaticFilesTest, AnswersMatchingEtagWith304) {
  auto first = Get("widget/widget.js");
  auto second = Get("widget/widget.js", Header(first, "ETag"));
  EXPECT_EQ(second.status, 304u);
  EXPECT_TRUE(second.body.empty());
}

TEST_F(StaticFilesTest, RefusesTraversalHiddenAndMissingFiles) {
  for (const char* rel : {"../outside.txt", "widget/../../outside.txt", ".secret", "nope.js", "widget/..", "a\\b"}) {
    auto r = Get(rel);
    EXPECT_EQ(r.status, 404u) << rel;
    EXPECT_NE(r.body.find("not_found"), std::string::npos) << rel;
  }
}

TEST_F(StaticFilesTest, KnowsCommonContentTypes) {
  EXPECT_EQ(http::StaticFiles::ContentTypeFor("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(http::StaticFiles::ContentTypeFor("a.svg"), "image/svg+xml");
  EXPECT_EQ(http::StaticFiles::ContentTypeFor("a.png"), "image/png");
  EXPECT_EQ(http::StaticFiles::ContentTypeFor("a.json"), "application/json");
  EXPECT_EQ(http::StaticFiles::ContentTypeFor("a.bin"), "application/octet-stream");
}

}  // namespace
