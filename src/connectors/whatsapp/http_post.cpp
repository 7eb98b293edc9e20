#include "connectors/whatsapp/http_post.h"

#include <curl/curl.h>

#include <cctype>
#include <charconv>
#include <mutex>

namespace connectors::whatsapp {

namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t ReadHeader(char* data, size_t size, size_t count, void* out) {
  std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string lower(line.substr(0, kName.size()));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string_view value = line.substr(kName.size());
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
      }
      *static_cast<std::optional<std::string>*>(out) = std::string(value);
    }
  }
  return size * count;
}

}  // namespace

struct HttpPoster::Pool {
  std::mutex mu;
  std::vector<CURL*> idle;
  ~Pool() {
    for (CURL* handle : idle) curl_easy_cleanup(handle);
  }
};

HttpPoster::HttpPoster(std::chrono::milliseconds timeout) : timeout_(timeout), pool_(std::make_unique<Pool>()) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpPoster::~HttpPoster() = default;

HttpPostResponse HttpPoster::Post(const HttpPostRequest& request) {
  CURL* handle = nullptr;
  {
    std::lock_guard lock(pool_->mu);
    if (!pool_->idle.empty()) {
      handle = pool_->idle.back();
      pool_->idle.pop_back();
    }
  }
  if (!handle) handle = curl_easy_init();
  HttpPostResponse response;
  if (!handle) {
    response.error = "cannot create an HTTP client handle";
    return response;
  }
  curl_easy_reset(handle);
  curl_slist* headers = nullptr;
  for (const std::string& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<int64_t>(timeout_.count(), 10'000)));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response.retry_after);
  if (!request.basic_auth.empty()) {
    curl_easy_setopt(handle, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(handle, CURLOPT_USERPWD, request.basic_auth.c_str());
  }
  CURLcode rc = curl_easy_perform(handle);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
  } else {
    response.error = curl_easy_strerror(rc);
    response.body.clear();
  }
  curl_slist_free_all(headers);
  // The credentials set on the handle are cleared by the reset on next use;
  // clear them now too so an idle handle holds none.
  curl_easy_setopt(handle, CURLOPT_USERPWD, nullptr);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  {
    std::lock_guard lock(pool_->mu);
    if (pool_->idle.size() < 16) {
      pool_->idle.push_back(handle);
      handle = nullptr;
    }
  }
  if (handle) curl_easy_cleanup(handle);
  return response;
}

std::optional<std::chrono::seconds> ParseRetryAfter(const std::optional<std::string>& value) {
  if (!value || value->empty()) return std::nullopt;
  int64_t seconds = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (ec != std::errc() || ptr != value->data() + value->size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(std::min<int64_t>(seconds, 24 * 3600));
}

}  // namespace connectors::whatsapp
