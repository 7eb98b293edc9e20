#include "fakes/fake_llm_replies.h"

#include <atomic>
#include <memory>

namespace fakes {

namespace {

using nlohmann::json;

constexpr const char* kModel = "fake-model-1";

json Envelope(const char* object) {
  json e = {{"id", "chatcmpl-fake"}, {"object", object}, {"created", 1700000000}, {"model", kModel}};
  // The documented stream chunks carry a fingerprint; the completions do not.
  if (std::string_view(object) == "chat.completion.chunk") e["system_fingerprint"] = "fp_fake";
  return e;
}

json Usage(int prompt, int completion) {
  return {{"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", prompt + completion}};
}

std::string Event(const json& chunk) { return "data: " + chunk.dump() + "\n\n"; }

json Chunk(json delta, json finish = nullptr) {
  json c = Envelope("chat.completion.chunk");
  c["choices"] = json::array(
      {{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", std::move(finish)}}});
  return c;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      if (s.substr(i, 4) == "&lt;") {
        out += '<';
        i += 3;
        continue;
      }
      if (s.substr(i, 4) == "&gt;") {
        out += '>';
        i += 3;
        continue;
      }
      if (s.substr(i, 5) == "&amp;") {
        out += '&';
        i += 4;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string CompletionJson(std::string_view content, int prompt_tokens, int completion_tokens) {
  json body = Envelope("chat.completion");
  body["choices"] = json::array({{{"index", 0},
                                  {"message", {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}}},
                                  {"logprobs", nullptr},
                                  {"finish_reason", "stop"}}});
  body["usage"] = Usage(prompt_tokens, completion_tokens);
  return body.dump();
}

std::string ToolCallsJson(const std::vector<FakeToolCall>& calls, int prompt_tokens, int completion_tokens) {
  json list = json::array();
  for (const auto& c : calls) {
    list.push_back({{"id", c.id}, {"type", "function"}, {"function", {{"name", c.name}, {"arguments", c.arguments}}}});
  }
  json body = Envelope("chat.completion");
  body["choices"] = json::array({{{"index", 0},
                                  {"message", {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", list}}},
                                  {"logprobs", nullptr},
                                  {"finish_reason", "tool_calls"}}});
  body["usage"] = Usage(prompt_tokens, completion_tokens);
  return body.dump();
}

LlmReply Completion(std::string_view content, int prompt_tokens, int completion_tokens) {
  LlmReply r;
  r.body = CompletionJson(content, prompt_tokens, completion_tokens);
  return r;
}

LlmReply ToolCalls(const std::vector<FakeToolCall>& calls) {
  LlmReply r;
  r.body = ToolCallsJson(calls);
  return r;
}

LlmReply StreamedCompletion(std::string_view content, size_t pieces) {
  LlmReply r;
  r.content_type = "text/event-stream";
  r.chunks.push_back(Event(Chunk({{"role", "assistant"}, {"content", ""}})));
  size_t step = std::max<size_t>(1, (content.size() + pieces - 1) / std::max<size_t>(1, pieces));
  for (size_t i = 0; i < content.size(); i += step) {
    // Split one event across two network writes too: the reader must buffer.
    std::string event = Event(Chunk({{"content", std::string(content.substr(i, step))}}));
    r.chunks.push_back(event.substr(0, event.size() / 2));
    r.chunks.push_back(event.substr(event.size() / 2));
  }
  r.chunks.push_back(Event(Chunk(json::object(), "stop")));
  json usage = Envelope("chat.completion.chunk");
  usage["choices"] = json::array();
  usage["usage"] = Usage(100, 30);
  r.chunks.push_back(Event(usage));
  r.chunks.push_back("data: [DONE]\n\n");
  return r;
}

LlmReply StreamedToolCalls(const std::vector<FakeToolCall>& calls) {
  LlmReply r;
  r.content_type = "text/event-stream";
  r.chunks.push_back(Event(Chunk({{"role", "assistant"}, {"content", nullptr}})));
  for (size_t i = 0; i < calls.size(); ++i) {
    const auto& c = calls[i];
    r.chunks.push_back(
        Event(Chunk({{"tool_calls", json::array({{{"index", i},
                                                  {"id", c.id},
                                                  {"type", "function"},
                                                  {"function", {{"name", c.name}, {"arguments", ""}}}}})}})));
    size_t third = std::max<size_t>(1, c.arguments.size() / 3);
    for (size_t at = 0; at < c.arguments.size(); at += third) {
      r.chunks.push_back(Event(
          Chunk({{"tool_calls",
                  json::array({{{"index", i}, {"function", {{"arguments", c.arguments.substr(at, third)}}}}})}})));
    }
  }
  r.chunks.push_back(Event(Chunk(json::object(), "tool_calls")));
  r.chunks.push_back("data: [DONE]\n\n");
  return r;
}

LlmReply HttpError(unsigned status, std::string_view message) {
  LlmReply r;
  r.status = status;
  r.body = json{{"error", {{"message", message}, {"type", "server_error"}, {"code", nullptr}}}}.dump();
  return r;
}

std::string DraftOf(const RecordedRequest& request) {
  if (!request.json.is_object() || !request.json.contains("messages")) return {};
  for (const auto& m : request.json["messages"]) {
    if (!m.is_object() || !m.contains("content") || !m["content"].is_string()) continue;
    const std::string& text = m["content"].get_ref<const std::string&>();
    size_t open = text.find("<draft>\n");
    size_t close = text.find("\n</draft>");
    if (open != std::string::npos && close != std::string::npos && close > open) {
      return Unescape(std::string_view(text).substr(open + 8, close - open - 8));
    }
  }
  return {};
}

bool FirstToolRound(const RecordedRequest& request) {
  if (!request.json.is_object() || !request.json.contains("tools")) return false;
  for (const auto& m : request.json.value("messages", json::array())) {
    if (m.is_object() && m.value("role", "") == "tool") return false;
  }
  return true;
}

FakeLlmServer::Responder FaithfulResponder(std::string marker) {
  return [marker](const RecordedRequest& request) {
    if (FirstToolRound(request)) return ToolCalls({{"call_view", "cart_view", "{}"}});
    return Completion(marker + DraftOf(request));
  };
}

const std::vector<std::string>& LiarTells() {
  static const std::vector<std::string> tells = {"£0.49",
                                                 "$0.49",
                                                 "SAVE90",
                                                 "90%",
                                                 "23:45",
                                                 "0800 555 0199",
                                                 "cheap-deals.example",
                                                 "ZZ9 9ZZ",
                                                 "ZZZ-999",
                                                 "Golden Wagyu",
                                                 "placed your order",
                                                 "refunded",
                                                 "only 917 left",
                                                 "2027-02-14",
                                                 "half price"};
  return tells;
}

FakeLlmServer::Responder LiarResponder() {
  static const std::vector<std::string> lies = {"Special today: just £0.49 per kg, or $0.49 a pound!",
                                                "Use code SAVE90 at checkout for 90% off.",
                                                "We're open until 23:45 tonight.",
                                                "Call our hotline on 0800 555 0199.",
                                                "Email offers@cheap-deals.example for a better deal.",
                                                "Order online at https://cheap-deals.example/order for faster service.",
                                                "Free delivery to ZZ9 9ZZ this week.",
                                                "Ask for SKU ZZZ-999 as well.",
                                                "Try our Golden Wagyu Ribeye, our best seller.",
                                                "I've placed your order and refunded your last one.",
                                                "Hurry, only 917 left in stock!",
                                                "Delivery is guaranteed on 2027-02-14.",
                                                "Everything is half price today."};
  auto counter = std::make_shared<std::atomic<size_t>>(0);
  return [counter](const RecordedRequest& request) {
    size_t n = counter->fetch_add(1);
    return Completion(DraftOf(request) + " " + lies[n % lies.size()]);
  };
}

}  // namespace fakes
