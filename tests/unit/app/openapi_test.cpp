// web/openapi.json (served at /openapi.json) must describe exactly the API
// the server registers: every route documented, nothing documented that
// does not exist, and every error response in the one error shape.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "app/container.h"
#include "support/temp_dir.h"

namespace {

using testing_support::SourceDir;
using testing_support::TempDir;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json LoadSpec() {
  std::ifstream in(SourceDir() / "web/openapi.json");
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app::Config config;
    config.business_dir = SourceDir() / "business";
    config.schemas_dir = SourceDir() / "schemas";
    config.lexicon_dir = SourceDir() / "lexicon";
    config.web_dir = SourceDir() / "web";
    config.data_dir = dir_.path() / "data";
    config.business_key = "UK_BUTCHER";
    auto c = app::Container::Create(config, app::ConsoleLoggers("off"));
    ASSERT_TRUE(c.ok()) << c.error().message;
    container_ = std::move(c).value();
  }
  TempDir dir_;
  std::unique_ptr<app::Container> container_;
};

TEST_F(OpenApiTest, DocumentsExactlyTheRegisteredRoutes) {
  nlohmann::json spec = LoadSpec();
  ASSERT_FALSE(spec.is_discarded()) << "web/openapi.json is not valid JSON";
  ASSERT_EQ(spec.value("openapi", ""), "3.0.3");
  http::RouteTable table = container_->BuildRoutes();
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : table.routes()) {
    if (route.pattern == "/*") continue;  // static files
    registered.emplace(route.pattern, Lower(http::MethodName(route.method)));
  }
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : spec["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      documented.emplace(path, method);
    }
  }
  for (const auto& r : registered) {
    EXPECT_TRUE(documented.count(r)) << "not documented: " << r.second << " " << r.first;
  }
  for (const auto& d : documented) {
    if (d.first == "/openapi.json") continue;  // a static file
    EXPECT_TRUE(registered.count(d)) << "documented but not served: " << d.second << " " << d.first;
  }
}

TEST_F(OpenApiTest, EveryOperationHasAnIdAndErrorsUseTheErrorShape) {
  nlohmann::json spec = LoadSpec();
  ASSERT_FALSE(spec.is_discarded());
  std::set<std::string> ids;
  for (const auto& [path, item] : spec["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      ASSERT_TRUE(op.contains("operationId")) << method << " " << path;
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << "duplicate " << op["operationId"];
      ASSERT_TRUE(op.contains("responses")) << method << " " << path;
      for (const auto& [status, response] : op["responses"].items()) {
        if (status.empty() || (status[0] != '4' && status[0] != '5')) continue;
        std::string ref = response.value("$ref", "");
        EXPECT_EQ(ref.rfind("#/components/responses/", 0), 0u)
            << method << " " << path << " " << status << " must use a shared error response";
      }
    }
  }
  for (const auto& [name, response] : spec["components"]["responses"].items()) {
    EXPECT_EQ(response["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Error") << name;
  }
}

}  // namespace
