#include "support/pg_server.h"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace testing_support {

namespace fs = std::filesystem;

namespace {

// Runs argv (no shell), capturing stdout+stderr. Returns the exit code.
int Run(const std::vector<std::string>& argv, std::string* output) {
  int pipefd[2];
  if (pipe(pipefd) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    close(pipefd[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(pipefd[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) {
    if (output) output->append(buf, static_cast<size_t>(n));
  }
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::vector<std::string> AsPostgres(std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
  return argv;
}

}  // namespace

std::string PgServer::BinDir() { return "/usr/lib/postgresql/15/bin"; }

bool PgServer::Available() {
  return access((BinDir() + "/initdb").c_str(), X_OK) == 0 && access((BinDir() + "/pg_ctl").c_str(), X_OK) == 0 &&
         access((BinDir() + "/psql").c_str(), X_OK) == 0 && access("/usr/sbin/runuser", X_OK) == 0 &&
         getpwnam("postgres") != nullptr;
}

std::unique_ptr<PgServer> PgServer::Start(std::string* error) {
  std::unique_ptr<PgServer> server(new PgServer());
  const passwd* pw = getpwnam("postgres");
  if (!pw) {
    *error = "no postgres user";
    return nullptr;
  }
  fs::path data = server->dir_ / "data";
  fs::path run = server->dir_ / "run";
  for (const auto& d : {data, run}) {
    fs::create_directories(d);
    if (chown(d.c_str(), pw->pw_uid, pw->pw_gid) != 0 || chmod(d.c_str(), 0700) != 0) {
      *error = "cannot chown " + d.string();
      return nullptr;
    }
  }
  // The temp dir itself must be traversable by postgres.
  chmod(server->dir_.path().c_str(), 0755);
  std::string out;
  if (Run(AsPostgres({BinDir() + "/initdb", "-D", data.string(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8"}),
          &out) != 0) {
    *error = "initdb failed: " + out;
    return nullptr;
  }
  // Another process may take the port between probing and binding: retry.
  for (int attempt = 0; attempt < 5 && !server->running_; ++attempt) {
    server->port_ = FreePort();
    out.clear();
    std::string options = "-p " + std::to_string(server->port_) + " -c listen_addresses=127.0.0.1 -k " + run.string() +
                          " -c fsync=off -c full_page_writes=off";
    if (Run(AsPostgres({BinDir() + "/pg_ctl", "-D", data.string(), "-l", (run / "pg.log").string(), "-w", "-t", "30",
                        "-o", options, "start"}),
            &out) == 0) {
      server->running_ = true;
    }
  }
  if (!server->running_) {
    *error = "pg_ctl start failed: " + out;
    return nullptr;
  }
  return server;
}

PgServer::~PgServer() {
  if (!running_) return;
  std::string out;
  Run(AsPostgres({BinDir() + "/pg_ctl", "-D", (dir_ / "data").string(), "-m", "fast", "-w", "-t", "30", "stop"}), &out);
}

std::string PgServer::Url(const std::string& database) const {
  return "postgres://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PgServer::CreateDatabase(const std::string& name, std::string* error) {
  std::string out;
  if (Run({BinDir() + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", std::to_string(port_),
           "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE \"" + name + "\""},
          &out) != 0) {
    *error = "CREATE DATABASE " + name + " failed: " + out;
    return {};
  }
  return Url(name);
}

}  // namespace testing_support
