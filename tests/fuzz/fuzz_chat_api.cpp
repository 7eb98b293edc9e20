// A POST /chat_api body, through the real route (decoding, tenant choice)
// and a whole V5 turn over the demo tenants: understanding, stores, reply.
// Whatever the body, the answer is a 2xx or a 4xx with a JSON error.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_pipeline.h"
#include "http/dispatcher.h"
#include "routes/chat_routes.h"

namespace {

http::Dispatcher& SharedDispatcher() {
  static http::Dispatcher dispatcher = [] {
    fuzzing::Pipeline& p = fuzzing::SharedPipeline();
    http::RouteTable table;
    routes::AddChatRoutes(table, *p.handler, p.clock, core::TenantKey::Parse("UK_BUTCHER").value(),
                          {.allow_test_clock = true});
    return http::Dispatcher(std::move(table), nullptr, nullptr);
  }();
  return dispatcher;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (64 << 10)) return 0;  // the server refuses bigger bodies before they get here
  http::Request request;
  request.method = http::Method::kPost;
  request.target = request.path = request.raw_path = "/chat_api";
  request.headers = {{"content-type", "application/json"}, {"x-test-now", "2026-12-01T10:00:00Z"}};
  if (size > 0 && data[0] == 'U') request.headers.push_back({"x-tenant", "US_BIKES"});
  request.body.assign(reinterpret_cast<const char*>(data), size);
  http::Response response = SharedDispatcher().Handle(request);
  if (response.status >= 500 && response.status != 503) __builtin_trap();
  if (response.status >= 400) {
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) __builtin_trap();
  }
  return 0;
}
