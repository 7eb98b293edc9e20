#include "connectors/llm/openai_wire.h"

#include <nlohmann/json.hpp>

#include "core/json_depth.h"

namespace connectors::llm {

namespace {

using nlohmann::json;

core::Error Bad(std::string what) {
  return core::MakeError(core::ErrorCode::kInvalidJson, "model response: " + std::move(what));
}

std::string_view RoleName(LlmRole role) {
  switch (role) {
    case LlmRole::kSystem: return "system";
    case LlmRole::kUser: return "user";
    case LlmRole::kAssistant: return "assistant";
    case LlmRole::kTool: return "tool";
  }
  return "user";
}

json ToolCallsJson(const std::vector<LlmToolCall>& calls) {
  json out = json::array();
  for (const auto& c : calls) {
    out.push_back({{"id", c.id}, {"type", "function"}, {"function", {{"name", c.name}, {"arguments", c.arguments}}}});
  }
  return out;
}

// Parses `text` as JSON within the depth limit; discarded on any error.
json ParseBounded(std::string_view text) {
  if (!core::JsonNestingWithin(text)) return json::value_t::discarded;
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// A string field, or "" when absent or null; false when of another type.
bool OptionalString(const json& object, const char* name, std::string& out) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

core::Status ReadUsage(const json& body, LlmTokens& tokens) {
  auto it = body.find("usage");
  if (it == body.end() || it->is_null()) return core::Status::Ok();
  if (!it->is_object()) return Bad("\"usage\" is not an object");
  auto count = [&](const char* name, int64_t& target) -> core::Status {
    auto v = it->find(name);
    if (v == it->end() || v->is_null()) return core::Status::Ok();
    if (!v->is_number_integer() || v->get<int64_t>() < 0) return Bad(std::string("usage.") + name + " is not a count");
    target = v->get<int64_t>();
    return core::Status::Ok();
  };
  if (auto st = count("prompt_tokens", tokens.prompt); !st.ok()) return st;
  return count("completion_tokens", tokens.completion);
}

core::Status CheckCall(const LlmToolCall& call) {
  if (call.arguments.size() > kMaxArgumentBytes) return Bad("tool call arguments over the size limit");
  if (call.name.size() > 128) return Bad("tool name too long");
  return core::Status::Ok();
}

}  // namespace

std::string EncodeChatRequest(const LlmRequest& request, std::string_view model) {
  json messages = json::array();
  for (const auto& m : request.messages) {
    json item = {{"role", RoleName(m.role)}};
    if (m.role == LlmRole::kAssistant && !m.tool_calls.empty()) {
      item["content"] = m.content.empty() ? json(nullptr) : json(m.content);
      item["tool_calls"] = ToolCallsJson(m.tool_calls);
    } else {
      item["content"] = m.content;
    }
    if (m.role == LlmRole::kTool) item["tool_call_id"] = m.tool_call_id;
    messages.push_back(std::move(item));
  }
  json body = {{"model", model},
               {"messages", std::move(messages)},
               {"temperature", request.temperature},
               {"max_tokens", request.max_tokens}};
  if (!request.tools.empty()) {
    json tools = json::array();
    for (const auto& t : request.tools) {
      json parameters = json::parse(t.parameters, nullptr, false);
      if (parameters.is_discarded()) parameters = json::object();
      tools.push_back({{"type", "function"},
                       {"function", {{"name", t.name}, {"description", t.description}, {"parameters", parameters}}}});
    }
    body["tools"] = std::move(tools);
    body["tool_choice"] = request.tool_choice;
  }
  if (request.stream) {
    body["stream"] = true;
    // Token counts arrive in a last chunk only when asked for (OpenAI, vLLM).
    body["stream_options"] = {{"include_usage", true}};
  }
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Result<LlmResponse> ParseChatResponse(std::string_view text) {
  if (text.size() > kMaxResponseBytes) return Bad("body over " + std::to_string(kMaxResponseBytes) + " bytes");
  json body = ParseBounded(text);
  if (body.is_discarded() || !body.is_object()) return Bad("not a JSON object");
  if (body.contains("error")) return Bad("an error object instead of a completion");
  auto choices = body.find("choices");
  if (choices == body.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
    return Bad("no choices");
  }
  const json& choice = (*choices)[0];
  LlmResponse out;
  if (!OptionalString(choice, "finish_reason", out.finish_reason)) return Bad("finish_reason is not a string");
  auto message = choice.find("message");
  if (message == choice.end() || !message->is_object()) return Bad("choices[0].message is missing");
  if (!OptionalString(*message, "content", out.content)) return Bad("message.content is not a string");
  if (auto calls = message->find("tool_calls"); calls != message->end() && !calls->is_null()) {
    if (!calls->is_array()) return Bad("message.tool_calls is not an array");
    if (calls->size() > kMaxToolCalls) return Bad("too many tool calls");
    for (const auto& c : *calls) {
      if (!c.is_object()) return Bad("a tool call is not an object");
      auto fn = c.find("function");
      if (fn == c.end() || !fn->is_object()) return Bad("a tool call has no function");
      LlmToolCall call;
      if (!OptionalString(c, "id", call.id)) return Bad("tool call id is not a string");
      if (!OptionalString(*fn, "name", call.name)) return Bad("tool call name is not a string");
      // Some servers send the arguments as an object instead of a string.
      if (auto args = fn->find("arguments"); args != fn->end() && args->is_object()) {
        call.arguments = args->dump();
      } else if (!OptionalString(*fn, "arguments", call.arguments)) {
        return Bad("tool call arguments are not a string");
      }
      if (auto st = CheckCall(call); !st.ok()) return st.error();
      out.tool_calls.push_back(std::move(call));
    }
  }
  if (auto st = ReadUsage(body, out.tokens); !st.ok()) return st.error();
  return out;
}

core::Status SseAssembler::Feed(std::string_view bytes) {
  if (done_) return core::Status::Ok();
  total_ += bytes.size();
  if (total_ > kMaxResponseBytes) return Bad("stream over " + std::to_string(kMaxResponseBytes) + " bytes");
  pending_.append(bytes);
  // Events end at a blank line (LF LF, or CR LF CR LF).
  for (;;) {
    size_t lf = pending_.find("\n\n");
    size_t crlf = pending_.find("\r\n\r\n");
    size_t end = std::min(lf, crlf);
    if (end == std::string::npos) break;
    size_t skip = end == lf ? 2 : 4;
    std::string event = pending_.substr(0, end);
    pending_.erase(0, end + skip);
    if (auto st = Event(event); !st.ok()) return st;
    if (done_) break;
  }
  return core::Status::Ok();
}

core::Status SseAssembler::Event(std::string_view event) {
  // An event's data is every "data:" line joined by newlines.
  std::string data;
  bool has_data = false;
  while (!event.empty()) {
    size_t nl = event.find('\n');
    std::string_view line = event.substr(0, nl);
    event = nl == std::string_view::npos ? std::string_view() : event.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 5) != "data:") continue;
    line.remove_prefix(5);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (has_data) data += '\n';
    data.append(line);
    has_data = true;
  }
  if (!has_data) return core::Status::Ok();
  if (data == "[DONE]") {
    done_ = true;
    return core::Status::Ok();
  }
  return Chunk(data);
}

core::Status SseAssembler::Chunk(std::string_view text) {
  json chunk = ParseBounded(text);
  if (chunk.is_discarded() || !chunk.is_object()) return Bad("a stream chunk is not a JSON object");
  if (chunk.contains("error")) return Bad("an error object in the stream");
  if (auto st = ReadUsage(chunk, response_.tokens); !st.ok()) return st;
  auto choices = chunk.find("choices");
  // The usage chunk (stream_options.include_usage) has no choices.
  if (choices == chunk.end() || (choices->is_array() && choices->empty())) return core::Status::Ok();
  if (!choices->is_array() || !(*choices)[0].is_object()) return Bad("chunk choices are malformed");
  const json& choice = (*choices)[0];
  std::string finish;
  if (!OptionalString(choice, "finish_reason", finish)) return Bad("finish_reason is not a string");
  if (!finish.empty()) response_.finish_reason = finish;
  auto delta = choice.find("delta");
  if (delta == choice.end() || delta->is_null()) return core::Status::Ok();
  if (!delta->is_object()) return Bad("delta is not an object");
  std::string content;
  if (!OptionalString(*delta, "content", content)) return Bad("delta.content is not a string");
  response_.content += content;
  auto calls = delta->find("tool_calls");
  if (calls == delta->end() || calls->is_null()) return core::Status::Ok();
  if (!calls->is_array()) return Bad("delta.tool_calls is not an array");
  for (const auto& c : *calls) {
    if (!c.is_object()) return Bad("a tool call delta is not an object");
    auto index = c.find("index");
    if (index == c.end() || !index->is_number_integer() || index->get<int64_t>() < 0 ||
        index->get<int64_t>() >= static_cast<int64_t>(kMaxToolCalls)) {
      return Bad("a tool call delta has no valid index");
    }
    LlmToolCall& call = calls_[index->get<int>()];
    std::string id, name, arguments;
    if (!OptionalString(c, "id", id)) return Bad("tool call id is not a string");
    if (!id.empty()) call.id = id;
    if (auto fn = c.find("function"); fn != c.end() && !fn->is_null()) {
      if (!fn->is_object()) return Bad("tool call function is not an object");
      if (!OptionalString(*fn, "name", name) || !OptionalString(*fn, "arguments", arguments)) {
        return Bad("tool call function fields are not strings");
      }
      call.name += name;
      call.arguments += arguments;
    }
    if (auto st = CheckCall(call); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<LlmResponse> SseAssembler::Finish() {
  if (!done_) return Bad("the stream ended before [DONE]");
  LlmResponse out = response_;
  for (auto& [index, call] : calls_) out.tool_calls.push_back(call);
  return out;
}

}  // namespace connectors::llm
