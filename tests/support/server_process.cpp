#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace testing_support {

namespace fs = std::filesystem;

namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const fs::path& output_file, const fs::path& input_file = {}) {
  std::vector<std::string> env_strings;
  // The sanitizer settings too, so a sanitized server reports the way its test does.
  for (const char* keep :
       {"PATH", "HOME", "TMPDIR", "LANG", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) env_strings.push_back(std::string(keep) + "=" + v);
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  std::string binary = BinaryPath().string();
  argv.push_back(binary.data());
  std::vector<std::string> args_copy = args;
  for (auto& a : args_copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid == 0) {
    int fd = ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    if (!input_file.empty()) {
      int in = ::open(input_file.c_str(), O_RDONLY);
      ::dup2(in, 0);
    }
    ::chdir(SourceDir().c_str());
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

CommandResult RunAiv7(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  TempDir dir;
  fs::path out = dir / "output.txt";
  pid_t pid = Spawn(args, env, out);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {DecodeStatus(status), ReadText(out)};
}

CommandResult RunAiv7WithInput(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                               const std::string& stdin_text) {
  TempDir dir;
  fs::path out = dir / "output.txt";
  fs::path in = dir / "input.txt";
  WriteText(in, stdin_text);
  pid_t pid = Spawn(args, env, out, in);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {DecodeStatus(status), ReadText(out)};
}

ServerProcess::ServerProcess(std::map<std::string, std::string> env) {
  env_ = {
      {"HOST", "127.0.0.1"},
      {"PORT", "0"},
      {"PORT_FILE", (dir_ / "port").string()},
      {"BUSINESS_DIR", (SourceDir() / "business").string()},
      {"DATA_DIR", (dir_ / "data").string()},
      {"LOG_DIR", (dir_ / "logs").string()},
      {"WEB_DIR", (SourceDir() / "web").string()},
      {"SCHEMAS_DIR", (SourceDir() / "schemas").string()},
      {"RELOAD_INTERVAL_MS", "0"},
      {"WORKERS", "2"},
      {"LOG_LEVEL", "info"},
  };
  for (auto& [k, v] : env) env_[k] = v;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    Kill();
  }
}

bool ServerProcess::Start() {
  fs::path port_file = env_["PORT_FILE"];
  // A restart must not read the port of the previous run.
  std::error_code ec;
  fs::remove(port_file, ec);
  pid_ = Spawn({"serve"}, env_, dir_ / "output.txt");
  for (int i = 0; i < 600; ++i) {
    std::string text = ReadText(port_file);
    if (!text.empty() && text.back() == '\n') {
      port_ = static_cast<uint16_t>(std::stoi(text));
      return true;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

void ServerProcess::Signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int ServerProcess::WaitExit(int timeout_ms) {
  for (int waited = 0; pid_ > 0 && waited <= timeout_ms; waited += 10) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return DecodeStatus(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

int ServerProcess::Stop() {
  Signal(SIGTERM);
  int code = WaitExit(30000);
  if (code == -1) Kill();
  return code;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::output() const { return ReadText(dir_ / "output.txt"); }

}  // namespace testing_support
