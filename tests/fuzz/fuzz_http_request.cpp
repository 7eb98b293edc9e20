// Bytes from a client, read the way a connection reads them (RequestReader:
// limits, framing rules, absolute-form targets), several requests back to
// back as keep-alive allows, each then routed and dispatched (CORS,
// preflight, 404/405, path parameters) over a small route table.
#include <boost/asio/buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/dispatcher.h"
#include "http/request_reader.h"

namespace {

namespace bhttp = boost::beast::http;

class AllowOneOrigin final : public http::CorsPolicy {
 public:
  bool Allows(const http::Request&, std::string_view origin) const override { return origin == "https://shop.example"; }
};

http::Dispatcher& SharedDispatcher() {
  static AllowOneOrigin cors;
  static http::Dispatcher dispatcher = [] {
    http::RouteTable table;
    auto echo = [](http::Request& r) {
      http::Response response = http::JsonResponse(200, "{}");
      response.SetHeader("X-Echo", std::string(r.PathParam("file")) + r.QueryParam("tenant").value_or(""));
      return response;
    };
    table.Add(http::Method::kPost, "/chat_api", echo, {.cors = true});
    table.Add(http::Method::kGet, "/admin/api/tenants/{tenant}/files/{file}", echo);
    table.Add(http::Method::kPut, "/admin/api/tenants/{tenant}/files/{file}", echo, {.max_body = 4 << 20});
    table.Add(http::Method::kGet, "/*", echo);
    return http::Dispatcher(std::move(table), &cors, nullptr);
  }();
  return dispatcher;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::Dispatcher& dispatcher = SharedDispatcher();
  http::RequestReader reader(dispatcher.routes(), 64 << 10, 8 << 10);
  const char* p = reinterpret_cast<const char*>(data);
  const char* end = p + size;
  for (int n = 0; n < 8 && p < end; ++n) {
    http::BeastParser parser;
    reader.Prepare(parser);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!ec && !parser.is_header_done() && p < end) p += parser.put(boost::asio::buffer(p, end - p), ec);
    if (ec || !parser.is_header_done()) return 0;
    if (reader.CheckHeader(parser)) return 0;  // refused: the connection closes
    while (!ec && !parser.is_done() && p < end) p += parser.put(boost::asio::buffer(p, end - p), ec);
    if (ec == bhttp::error::need_more && p == end) {
      ec = {};
      parser.put_eof(ec);
    }
    if (ec || !parser.is_done()) return 0;
    bool keep_alive = parser.keep_alive();
    http::Request request = http::RequestReader::ToRequest(parser.release(), "127.0.0.1");
    http::Response response = dispatcher.Handle(request);
    if (response.status >= 500) __builtin_trap();  // a client's bytes never make a 5xx
    if (!keep_alive) return 0;
  }
  return 0;
}
