// aiv7_fake_llm: the fake model server as a process, for runs of the real
// server against a model without a network (scripts/eval-llm-over-http):
//   aiv7_fake_llm --scenario faithful|liar [--marker TEXT] [--tls] [--port-file FILE]
//   aiv7_fake_llm --print-tells   (every lie the liar tells, one a line)
// Prints "listening on BASE_URL", writes the port to FILE and serves until
// SIGTERM or SIGINT.
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "fakes/fake_llm_replies.h"
#include "fakes/fake_llm_server.h"

int main(int argc, char** argv) {
  std::string scenario = "faithful", marker = "[ai] ", port_file;
  bool tls = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--scenario")
      scenario = value();
    else if (arg == "--marker")
      marker = value();
    else if (arg == "--port-file")
      port_file = value();
    else if (arg == "--tls")
      tls = true;
    else if (arg == "--print-tells") {
      for (const auto& tell : fakes::LiarTells()) std::cout << tell << "\n";
      return 0;
    } else {
      std::cerr << "usage: aiv7_fake_llm --scenario faithful|liar [--marker TEXT] [--tls] [--port-file FILE]\n";
      return 2;
    }
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads start

  fakes::FakeLlmServer server({.tls = tls});
  if (scenario == "faithful")
    server.SetResponder(fakes::FaithfulResponder(marker));
  else if (scenario == "liar")
    server.SetResponder(fakes::LiarResponder());
  else {
    std::cerr << "unknown scenario " << scenario << " (faithful or liar)\n";
    return 2;
  }
  std::cout << "listening on " << server.base_url() << std::endl;
  if (!port_file.empty()) {
    std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << server.port() << "\n";
    std::rename(tmp.c_str(), port_file.c_str());
  }
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "served " << server.request_count() << " requests" << std::endl;
  return 0;
}
