// PgServer: a throw-away PostgreSQL 15 server for tests, in a temp dir, on
// 127.0.0.1 and a free port, run as the `postgres` user (initdb + pg_ctl via
// runuser, trust auth). Stopped (pg_ctl -m fast) and removed on destruction.
// Needs root (runuser) and the postgresql-15 binaries; Available() says
// whether they are installed so tests can GTEST_SKIP with a clear message.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "support/temp_dir.h"

namespace testing_support {

class PgServer {
 public:
  // Where initdb/pg_ctl live (/usr/lib/postgresql/15/bin).
  static std::string BinDir();
  // True when initdb and pg_ctl are installed and the `postgres` user exists.
  static bool Available();
  // Starts a server; nullptr (and *error set) on failure.
  static std::unique_ptr<PgServer> Start(std::string* error);
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  uint16_t port() const { return port_; }
  // Creates an empty database and returns its postgres:// URL.
  // Empty string (and *error set) on failure.
  std::string CreateDatabase(const std::string& name, std::string* error);
  // URL of the default `postgres` database.
  std::string Url(const std::string& database = "postgres") const;

 private:
  PgServer() = default;
  TempDir dir_;
  uint16_t port_ = 0;
  bool running_ = false;
};

}  // namespace testing_support
