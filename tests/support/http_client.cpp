#include "support/http_client.h"

#include "http/client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace testing_support {

std::string HttpReply::Header(const std::string& name) const {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json HttpReply::Json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

Connection::Connection(uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::Send(const std::string& bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

bool Connection::Fill(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[65536];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

std::optional<HttpReply> Connection::ReadReply(int timeout_ms, bool head_only) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto left = [&] {
    return static_cast<int>(std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count()));
  };
  size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(left())) return std::nullopt;
  }
  HttpReply reply;
  std::string head = buffer_.substr(0, header_end);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  reply.status = std::stoi(status_line.substr(9, 3));
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t e = head.find("\r\n", pos);
    if (e == std::string::npos) e = head.size();
    std::string line = head.substr(pos, e - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "set-cookie") reply.set_cookies.push_back(value);
      reply.headers[name] = value;
    }
    pos = e + 2;
  }
  buffer_.erase(0, header_end + 4);
  if (reply.status == 100) return ReadReply(left(), head_only);
  if (head_only || reply.status == 204 || reply.status == 304) return reply;
  size_t length = reply.headers.count("content-length") ? std::stoul(reply.headers["content-length"]) : 0;
  while (buffer_.size() < length) {
    if (!Fill(left())) return std::nullopt;
  }
  reply.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return reply;
}

bool Connection::WaitClosed(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (::poll(&p, 1, std::max(left, 0)) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
  }
  return false;
}

std::string FormatRequest(const std::string& method, const std::string& target, const std::string& body,
                          const Headers& headers, bool keep_alive) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    std::string lower = k;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    has_type = has_type || lower == "content-type";
  }
  if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (!keep_alive) req += "Connection: close\r\n";
  req += "\r\n" + body;
  return req;
}

HttpReply Request(uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                  const Headers& headers) {
  static const std::map<std::string, http::Method> kMethods = {
      {"GET", http::Method::kGet},       {"HEAD", http::Method::kHead},     {"POST", http::Method::kPost},
      {"PUT", http::Method::kPut},       {"PATCH", http::Method::kPatch},   {"DELETE", http::Method::kDelete},
      {"OPTIONS", http::Method::kOptions}};
  auto m = kMethods.find(method);
  if (m == kMethods.end()) throw std::runtime_error("unsupported method " + method);
  http::ClientRequest request{m->second, target, headers, body};
  auto response = http::Client("127.0.0.1", port, std::chrono::seconds(10)).Send(request);
  if (!response.ok()) throw std::runtime_error(response.error().message);
  HttpReply reply;
  reply.status = static_cast<int>(response->status);
  for (const auto& [name, value] : response->headers) {
    if (name == "set-cookie") reply.set_cookies.push_back(value);
    reply.headers.emplace(name, value);
  }
  reply.body = std::move(response->body);
  return reply;
}

}  // namespace testing_support
