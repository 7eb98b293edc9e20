// ServerProcess: runs the real `aiv7` binary (or another subcommand) as a
// child process with its own DATA_DIR and LOG_DIR, PORT=0 and a port file,
// for integration tests that speak HTTP to it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace testing_support {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `aiv7 <args>` to completion with `env` added to a minimal environment.
CommandResult RunAiv7(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
// The same with `stdin_text` as the command's standard input.
CommandResult RunAiv7WithInput(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                               const std::string& stdin_text);

class ServerProcess {
 public:
  // Extra settings override the defaults (BUSINESS_DIR = the repo's demo
  // tenants, DATA_DIR/LOG_DIR in a temp dir, WEB_DIR and SCHEMAS_DIR from the
  // repo, RELOAD_INTERVAL_MS=0).
  explicit ServerProcess(std::map<std::string, std::string> env = {});
  ~ServerProcess();

  // Starts (or restarts, with the same DATA_DIR) and waits for a fresh port
  // file. False (with output()) on failure.
  bool Start();
  uint16_t port() const { return port_; }
  // SIGTERM and wait; returns the exit code (or 128+signal).
  int Stop();
  void Kill();  // SIGKILL
  void Signal(int sig);
  // Waits for exit after a signal; -1 on timeout.
  int WaitExit(int timeout_ms);
  std::string output() const;
  const TempDir& dir() const { return dir_; }
  const std::map<std::string, std::string>& env() const { return env_; }

 private:
  TempDir dir_;
  std::map<std::string, std::string> env_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace testing_support
