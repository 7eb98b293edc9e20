#include "support/fake_providers.h"

#include <atomic>

#include "http/dispatcher.h"
#include "http/server.h"

namespace testing_support {

namespace {

using nlohmann::json;

std::string Base64(const std::string& in) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], kChars[(n >> 6) & 63], kChars[n & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], kChars[(n >> 6) & 63], '='};
  }
  return out;
}

size_t Utf8Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Why a Graph send body breaks the documented protocol; empty when it does not.
std::string GraphProblem(const json& b) {
  if (!b.is_object()) return "body is not a JSON object";
  if (b.value("messaging_product", "") != "whatsapp") return "messaging_product must be whatsapp";
  if (b.value("recipient_type", "individual") != "individual") return "recipient_type must be individual";
  std::string to = b.value("to", "");
  if (to.empty() || to.find_first_not_of("+0123456789") != std::string::npos) return "to must be a phone number";
  std::string type = b.value("type", "text");
  if (type == "text") {
    if (!b.contains("text") || !b["text"].is_object() || !b["text"].contains("body") || !b["text"]["body"].is_string())
      return "text.body is required";
    size_t n = Utf8Chars(b["text"]["body"].get<std::string>());
    if (n == 0 || n > 4096) return "text.body must be 1 to 4096 characters";
    return "";
  }
  if (type == "interactive") {
    const json& i = b.value("interactive", json());
    if (!i.is_object()) return "interactive is required";
    std::string body = i.contains("body") && i["body"].is_object() ? i["body"].value("text", "") : "";
    if (body.empty() || Utf8Chars(body) > 1024) return "interactive.body.text must be 1 to 1024 characters";
    const json& action = i.value("action", json());
    if (!action.is_object()) return "interactive.action is required";
    if (i.value("type", "") == "button") {
      const json& buttons = action.value("buttons", json());
      if (!buttons.is_array() || buttons.empty() || buttons.size() > 3) return "1 to 3 buttons";
      for (const json& btn : buttons) {
        if (btn.value("type", "") != "reply" || !btn.contains("reply")) return "buttons must be reply buttons";
        std::string title = btn["reply"].value("title", ""), id = btn["reply"].value("id", "");
        if (title.empty() || Utf8Chars(title) > 20) return "button title must be 1 to 20 characters";
        if (id.empty() || id.size() > 256) return "button id must be 1 to 256 characters";
      }
      return "";
    }
    if (i.value("type", "") == "list") {
      std::string button = action.value("button", "");
      if (button.empty() || Utf8Chars(button) > 20) return "list button must be 1 to 20 characters";
      const json& sections = action.value("sections", json());
      if (!sections.is_array() || sections.empty()) return "list needs sections";
      size_t rows = 0;
      for (const json& s : sections) {
        for (const json& r : s.value("rows", json::array())) {
          ++rows;
          if (Utf8Chars(r.value("title", "")) == 0 || Utf8Chars(r.value("title", "")) > 24) return "row title 1 to 24";
          if (Utf8Chars(r.value("description", "")) > 72) return "row description at most 72";
          if (r.value("id", "").empty() || r.value("id", "").size() > 200) return "row id 1 to 200";
        }
      }
      if (rows == 0 || rows > 10) return "1 to 10 rows in total";
      return "";
    }
    return "interactive.type must be button or list";
  }
  if (type == "template") {
    const json& t = b.value("template", json());
    if (!t.is_object() || t.value("name", "").empty()) return "template.name is required";
    if (!t.contains("language") || t["language"].value("code", "").empty()) return "template.language.code is required";
    return "";
  }
  return "unsupported type " + type;
}

json ParseFormToJson(const std::string& body) {
  json out = json::object();
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    std::string pair = body.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string name = http::PercentDecode(pair.substr(0, eq), true);
      std::string value = eq == std::string::npos ? "" : http::PercentDecode(pair.substr(eq + 1), true);
      out[name] = value;
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

}  // namespace

struct FakeProviders::Impl {
  std::string meta_token, twilio_sid, twilio_token;
  mutable std::mutex mu;
  std::vector<ProviderRequest> requests;
  std::deque<std::pair<int, std::string>> failures;
  std::atomic<int64_t> next_id{1};
  std::unique_ptr<http::Server> server;
  std::thread thread;

  // A scripted failure, if one is due.
  bool ScriptedFailure(http::Response& response) {
    std::lock_guard lock(mu);
    if (failures.empty()) return false;
    auto [status, retry_after] = failures.front();
    failures.pop_front();
    response.status = static_cast<unsigned>(status);
    response.body = R"({"error":{"message":"scripted failure","type":"OAuthException","code":2,"fbtrace_id":"F"}})";
    if (!retry_after.empty()) response.SetHeader("Retry-After", retry_after);
    return true;
  }

  http::Response Record(ProviderRequest r, http::Response response) {
    r.status = static_cast<int>(response.status);
    std::lock_guard lock(mu);
    requests.push_back(std::move(r));
    return response;
  }

  http::Response Meta(http::Request& request) {
    ProviderRequest r{"meta",
                      request.path,
                      std::string(request.Header("authorization").value_or("")),
                      std::string(request.Header("content-type").value_or("")),
                      request.body,
                      json(),
                      0,
                      ""};
    r.json = json::parse(request.body, nullptr, false);
    http::Response response;
    response.content_type = "application/json";
    if (r.authorization != "Bearer " + meta_token) {
      r.problem = "bad access token";
      response.status = 401;
      response.body =
          R"({"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190,"fbtrace_id":"F"}})";
      return Record(std::move(r), response);
    }
    if (r.content_type.rfind("application/json", 0) != 0) r.problem = "Content-Type must be application/json";
    if (r.problem.empty()) r.problem = GraphProblem(r.json);
    if (!r.problem.empty()) {
      response.status = 400;
      response.body =
          json({{"error",
                 {{"message", "(#100) " + r.problem}, {"type", "OAuthException"}, {"code", 100}, {"fbtrace_id", "F"}}}})
              .dump();
      return Record(std::move(r), response);
    }
    if (ScriptedFailure(response)) return Record(std::move(r), response);
    std::string to = r.json.value("to", "");
    response.body = json({{"messaging_product", "whatsapp"},
                          {"contacts", {{{"input", to}, {"wa_id", to}}}},
                          {"messages", {{{"id", "wamid.FAKE" + std::to_string(next_id++)}}}}})
                        .dump();
    return Record(std::move(r), response);
  }

  http::Response Twilio(http::Request& request) {
    ProviderRequest r{"twilio",
                      request.path,
                      std::string(request.Header("authorization").value_or("")),
                      std::string(request.Header("content-type").value_or("")),
                      request.body,
                      json(),
                      0,
                      ""};
    r.json = ParseFormToJson(request.body);
    http::Response response;
    response.content_type = "application/json";
    std::string sid(request.PathParam("sid"));
    if (sid != twilio_sid || r.authorization != "Basic " + Base64(twilio_sid + ":" + twilio_token)) {
      r.problem = "bad credentials";
      response.status = 401;
      response.body =
          R"({"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401})";
      return Record(std::move(r), response);
    }
    if (r.content_type.rfind("application/x-www-form-urlencoded", 0) != 0) r.problem = "form body expected";
    std::string from = r.json.value("From", ""), to = r.json.value("To", "");
    if (r.problem.empty() && (from.rfind("whatsapp:+", 0) != 0 || to.rfind("whatsapp:+", 0) != 0))
      r.problem = "From and To must be whatsapp:+<E.164>";
    if (r.problem.empty() && r.json.value("Body", "").empty() && r.json.value("ContentSid", "").empty())
      r.problem = "A 'Body' or 'ContentSid' is required";
    if (r.problem.empty() && Utf8Chars(r.json.value("Body", "")) > 1600) r.problem = "Body over 1600 characters";
    if (!r.problem.empty()) {
      response.status = 400;
      response.body = json({{"code", 21602}, {"message", r.problem}, {"status", 400}}).dump();
      return Record(std::move(r), response);
    }
    if (ScriptedFailure(response)) return Record(std::move(r), response);
    response.status = 201;
    char sid_text[40];
    std::snprintf(sid_text, sizeof sid_text, "SM%032lld", static_cast<long long>(next_id++));
    response.body = json({{"sid", sid_text},
                          {"status", "queued"},
                          {"from", from},
                          {"to", to},
                          {"body", r.json.value("Body", "")},
                          {"account_sid", twilio_sid}})
                        .dump();
    return Record(std::move(r), response);
  }
};

FakeProviders::FakeProviders(std::string meta_token, std::string twilio_account_sid, std::string twilio_auth_token)
    : impl_(std::make_unique<Impl>()) {
  impl_->meta_token = std::move(meta_token);
  impl_->twilio_sid = std::move(twilio_account_sid);
  impl_->twilio_token = std::move(twilio_auth_token);
  http::RouteTable table;
  Impl* impl = impl_.get();
  table.Add(http::Method::kPost, "/{version}/{phone}/messages", [impl](http::Request& r) { return impl->Meta(r); });
  table.Add(http::Method::kPost, "/2010-04-01/Accounts/{sid}/Messages.json",
            [impl](http::Request& r) { return impl->Twilio(r); });
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.shutdown_grace = std::chrono::milliseconds(100);
  impl_->server = std::make_unique<http::Server>(
      options, http::Dispatcher(std::move(table), nullptr, [](std::string_view, std::string_view) {}),
      [](const http::AccessRecord&) {}, [](std::string_view, std::string_view) {});
  if (!impl_->server->Listen().ok()) return;
  port_ = impl_->server->port();
  impl_->thread = std::thread([impl] { impl->server->Run(); });
}

FakeProviders::~FakeProviders() {
  if (impl_->server) impl_->server->RequestStop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string FakeProviders::graph_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v21.0"; }
std::string FakeProviders::twilio_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeProviders::FailNext(int count, int status, const std::string& retry_after) {
  std::lock_guard lock(impl_->mu);
  for (int i = 0; i < count; ++i) impl_->failures.emplace_back(status, retry_after);
}

void FakeProviders::ClearFailures() {
  std::lock_guard lock(impl_->mu);
  impl_->failures.clear();
}

std::vector<ProviderRequest> FakeProviders::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

std::vector<ProviderRequest> FakeProviders::accepted() const {
  std::lock_guard lock(impl_->mu);
  std::vector<ProviderRequest> out;
  for (const auto& r : impl_->requests) {
    if (r.status >= 200 && r.status < 300) out.push_back(r);
  }
  return out;
}

}  // namespace testing_support
