#include "app/logging_setup.h"

#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>

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
  for (const auto& l : {app, chatbot, errors}) {
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
    auto errors_file = daily("errors.log");
    errors_file->set_level(spdlog::level::warn);

    Loggers l;
    l.app = Make("app", {console, errors_file});
    l.chatbot = Make("chatbot", {chatbot_file, console});
    l.errors = Make("errors", {errors_file, console});
    return l;
  } catch (const std::exception& e) {
    return core::MakeError(core::ErrorCode::kIo,
                           "cannot open logs in " + log_dir.string() + ": " + e.what());
  }
}

struct PeriodicFlusher::State {
  Loggers loggers;
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;
  std::thread thread;
};

PeriodicFlusher::PeriodicFlusher(Loggers loggers) : state_(std::make_unique<State>()) {
  state_->loggers = std::move(loggers);
  state_->thread = std::thread([s = state_.get()] {
    std::unique_lock lock(s->mu);
    while (!s->cv.wait_for(lock, std::chrono::seconds(1), [s] { return s->stop; })) s->loggers.Flush();
  });
}

PeriodicFlusher::~PeriodicFlusher() {
  {
    std::lock_guard lock(state_->mu);
    state_->stop = true;
  }
  state_->cv.notify_all();
  state_->thread.join();
  state_->loggers.Flush();
}

Loggers ConsoleLoggers(const std::string& level) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(spdlog::level::from_str(level));
  Loggers l;
  l.app = Make("app", {console});
  l.chatbot = l.app;
  l.errors = l.app;
  return l;
}

}  // namespace app
