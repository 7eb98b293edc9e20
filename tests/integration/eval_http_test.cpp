// `aiv7 eval --url` against the real server, next to in-process `aiv7 eval`:
// both demo packs get the same verdict for every case.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/server_process.h"

namespace {

using testing_support::RunAiv7;
using testing_support::ServerProcess;
using testing_support::SourceDir;
using testing_support::TempDir;

// "PASS <name>" / "FAIL <name>" lines of `aiv7 eval` -> passed per case name.
std::map<std::string, bool> Verdicts(const std::string& output) {
  std::map<std::string, bool> verdicts;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("PASS ", 0) == 0) verdicts[line.substr(5)] = true;
    if (line.rfind("FAIL ", 0) == 0) verdicts[line.substr(5)] = false;
  }
  return verdicts;
}

size_t CaseCount(const std::string& pack) {
  auto doc = nlohmann::json::parse(testing_support::ReadText(SourceDir() / "tests/packs" / (pack + ".json")));
  return doc["cases"].size();
}

class EvalOverHttpTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(std::map<std::string, std::string>{{"ALLOW_TEST_CLOCK", "1"}, {"LOG_LEVEL", "warn"}});
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  static void TearDownTestSuite() {
    server_->Stop();
    delete server_;
  }
  static std::string Url() { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  static std::string Pack(const std::string& name) { return (SourceDir() / "tests/packs" / (name + ".json")).string(); }

  static ServerProcess* server_;
};

ServerProcess* EvalOverHttpTest::server_ = nullptr;

TEST_P(EvalOverHttpTest, AgreesWithInProcessCaseByCase) {
  TempDir dir;
  auto local = RunAiv7({"eval", Pack(GetParam())},
                       {{"DATA_DIR", (dir / "data").string()}, {"LOG_DIR", (dir / "logs").string()}});
  auto remote = RunAiv7({"eval", Pack(GetParam()), "--url", Url()});
  ASSERT_LE(local.exit_code, 1) << local.output;
  ASSERT_LE(remote.exit_code, 1) << remote.output;
  EXPECT_EQ(remote.output.find("did not apply X-Test-Now"), std::string::npos) << remote.output;

  auto in_process = Verdicts(local.output);
  auto over_http = Verdicts(remote.output);
  ASSERT_EQ(in_process.size(), CaseCount(GetParam())) << local.output;
  ASSERT_EQ(over_http.size(), in_process.size()) << remote.output;
  std::string disagreements;
  for (const auto& [name, passed] : in_process) {
    auto it = over_http.find(name);
    if (it == over_http.end()) disagreements += "\n  missing over HTTP: " + name;
    else if (it->second != passed) {
      disagreements += std::string("\n  ") + (passed ? "passes in process, fails over HTTP: " :
                                                       "fails in process, passes over HTTP: ") + name;
    }
  }
  EXPECT_TRUE(disagreements.empty()) << disagreements << "\n--- over HTTP:\n" << remote.output;
}

INSTANTIATE_TEST_SUITE_P(DemoPacks, EvalOverHttpTest, ::testing::Values("uk_butcher", "us_bikes"));

TEST(EvalOverHttp, UnreachableServerStopsTheRun) {
  auto r = RunAiv7({"eval", (SourceDir() / "tests/packs/us_bikes.json").string(), "--url", "http://127.0.0.1:1"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("cannot connect"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("PASS"), std::string::npos) << "no verdicts without a server: " << r.output;
}

TEST(EvalOverHttp, BadUrlIsExplained) {
  auto r = RunAiv7({"eval", (SourceDir() / "tests/packs/us_bikes.json").string(), "--url", "https://example.com"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("https"), std::string::npos) << r.output;
}

}  // namespace
