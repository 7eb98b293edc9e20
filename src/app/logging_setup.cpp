#include "app/logging_setup.h"

#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace app {

namespace {
constexpr uint16_t kKeepDays = 30;

std::shared_ptr<spdlog::logger> Make(std::string name, spdlog::sinks_init_list sinks) {
  auto logger = std::make_shared<spdlog::logger>(std::move(name), sinks);
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::warn);
  return logger;
}
}  // namespace

void Loggers::Flush() const {
  for (const auto& l : {app, chatbot, analytics, errors}) {
    if (l) l->flush();
  }
}

core::Result<Loggers> SetupLogging(const std::filesystem::path& log_dir, const std::string& level) {
  try {
    std::filesystem::create_directories(log_dir);
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(spdlog::level::from_str(level));
    auto daily = [&](const char* base) {
      return std::make_shared<spdlog::sinks::daily_file_sink_mt>((log_dir / base).string(), 0, 0, false, kKeepDays);
    };
    auto chatbot_file = daily("chatbot.log");
    auto analytics_file = daily("analytics.log");
    auto errors_file = daily("errors.log");
    errors_file->set_level(spdlog::level::warn);
    analytics_file->set_pattern("%v");

    Loggers l;
    l.app = Make("app", {console, errors_file});
    l.chatbot = Make("chatbot", {chatbot_file, console});
    l.chatbot->flush_on(spdlog::level::info);
    l.analytics = Make("analytics", {analytics_file});
    l.analytics->flush_on(spdlog::level::info);
    l.errors = Make("errors", {errors_file, console});
    return l;
  } catch (const std::exception& e) {
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot open logs in " + log_dir.string() + ": " + e.what());
  }
}

Loggers ConsoleLoggers(const std::string& level) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(spdlog::level::from_str(level));
  Loggers l;
  l.app = Make("app", {console});
  l.chatbot = l.app;
  l.analytics = l.app;
  l.errors = l.app;
  return l;
}

}  // namespace app
