// The real aiv7 binary on DATABASE_URL=postgres://...: it migrates the
// database at start-up and /readyz pings it.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/http_client.h"
#include "support/pg_server.h"
#include "support/server_process.h"

namespace {

using testing_support::PgServer;
using testing_support::Request;
using testing_support::ServerProcess;

TEST(PostgresServerTest, ReadinessPingsPostgresAndReportsItDown) {
  if (!PgServer::Available()) {
    GTEST_SKIP() << "PostgreSQL 15 binaries not installed (" << PgServer::BinDir() << "); run scripts/install-deps";
  }
  std::string error;
  auto pg = PgServer::Start(&error);
  ASSERT_TRUE(pg) << error;
  std::string url = pg->CreateDatabase("aiv7", &error);
  ASSERT_FALSE(url.empty()) << error;

  ServerProcess server(std::map<std::string, std::string>{{"DATABASE_URL", url}});
  ASSERT_TRUE(server.Start()) << server.output();
  auto ready = Request(server.port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_TRUE(ready.Json()["checks"]["database"]["ok"].get<bool>()) << ready.body;
  EXPECT_NE(ready.body.find("postgres"), std::string::npos) << ready.body;

  pg.reset();  // stops the server
  auto down = Request(server.port(), "GET", "/readyz");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_FALSE(down.Json()["checks"]["database"]["ok"].get<bool>()) << down.body;
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

TEST(PostgresServerTest, UnreachablePostgresStopsStartUpWithAClearMessage) {
  ServerProcess server(std::map<std::string, std::string>{{"DATABASE_URL", "postgres://nobody@127.0.0.1:1/none"}});
  EXPECT_FALSE(server.Start());
  EXPECT_NE(server.output().find("PostgreSQL"), std::string::npos) << server.output();
}

}  // namespace
