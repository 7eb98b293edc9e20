// Logging: spdlog loggers owned by the container and passed down; nothing is
// registered globally.
//   <LOG_DIR>/chatbot_YYYY-MM-DD.log    one line per HTTP request and chat turn
//   <LOG_DIR>/errors_YYYY-MM-DD.log     warnings and errors with request ids
// Analytics events, transcripts and leads go to the operational database
// (services::CrmService), not to log files.
// Files rotate at midnight and 30 days are kept; everything at or above
// LOG_LEVEL also goes to the console. Callers never log secrets: request
// lines carry the path without its query string, and configuration is
// logged redacted (see DescribeConfig).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

namespace spdlog {
class logger;
}

namespace app {

struct Loggers {
  std::shared_ptr<spdlog::logger> app;        // start-up and lifecycle, console + errors file
  std::shared_ptr<spdlog::logger> chatbot;    // requests and turns
  std::shared_ptr<spdlog::logger> errors;     // errors with context
  void Flush() const;
};

// Flushes the loggers once a second on its own thread, so request lines are
// buffered instead of costing a write(2) each; warnings and errors are still
// flushed immediately. Stops (with a final flush) when destroyed.
class PeriodicFlusher {
 public:
  explicit PeriodicFlusher(Loggers loggers);
  ~PeriodicFlusher();
  PeriodicFlusher(const PeriodicFlusher&) = delete;
  PeriodicFlusher& operator=(const PeriodicFlusher&) = delete;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

core::Result<Loggers> SetupLogging(const std::filesystem::path& log_dir, const std::string& level);

// Console-only loggers for CLI commands that must not touch LOG_DIR.
Loggers ConsoleLoggers(const std::string& level);

}  // namespace app
