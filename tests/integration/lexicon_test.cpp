// The real aiv7 binary with LEXICON_DIR: a bad lexicon file stops start-up
// naming the file and the JSON pointer; an extra language file is all a new
// language needs.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace {

using testing_support::Request;
using testing_support::ServerProcess;
using testing_support::SourceDir;
using testing_support::TempDir;
using testing_support::WriteText;

TEST(LexiconStartupTest, ABadLexiconFileStopsStartUpNamingTheFileAndPointer) {
  TempDir lexicon;
  testing_support::CopyTree(SourceDir() / "lexicon", lexicon.path());
  WriteText(lexicon / "fr.json", R"({"language": "fr", "words": {"greeting": "bonjour"}})");
  ServerProcess server(std::map<std::string, std::string>{{"LEXICON_DIR", lexicon.path().string()}});
  EXPECT_FALSE(server.Start());
  EXPECT_NE(server.output().find((lexicon / "fr.json").string() + " /words/greeting"), std::string::npos)
      << server.output();
}

TEST(LexiconStartupTest, AMissingLexiconFolderStopsStartUp) {
  TempDir empty;
  ServerProcess server(std::map<std::string, std::string>{{"LEXICON_DIR", (empty / "nope").string()}});
  EXPECT_FALSE(server.Start());
  EXPECT_NE(server.output().find("LEXICON_DIR"), std::string::npos) << server.output();
}

TEST(LexiconStartupTest, ANewLanguageIsAFile) {
  TempDir lexicon;
  testing_support::CopyTree(SourceDir() / "lexicon", lexicon.path());
  WriteText(lexicon / "fr.json", R"({"language": "fr", "words": {"greeting": ["bonjour"]}})");
  ServerProcess server(std::map<std::string, std::string>{{"LEXICON_DIR", lexicon.path().string()}});
  ASSERT_TRUE(server.Start()) << server.output();
  auto reply = Request(server.port(), "POST", "/chat_api", R"({"tenant": "UK_BUTCHER", "message": "Bonjour!"})");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Json()["intent"], "greeting") << reply.body;
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

}  // namespace
