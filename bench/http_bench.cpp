// The pure request -> response step without sockets: route lookup and a
// small JSON handler, i.e. what one request costs before the transport.
#include <benchmark/benchmark.h>

#include "http/dispatcher.h"

namespace {

void BM_DispatchHealthz(benchmark::State& state) {
  http::RouteTable table;
  table.Add(http::Method::kGet, "/healthz", [](http::Request&) { return http::JsonResponse(200, R"({"status":"ok"})"); });
  table.Add(http::Method::kGet, "/api/widget_config", [](http::Request&) { return http::JsonResponse(200, "{}"); });
  table.Add(http::Method::kPut, "/ops/api/tenants/{tenant}/files/{file}",
            [](http::Request&) { return http::JsonResponse(201, "{}"); });
  table.Add(http::Method::kGet, "/*", [](http::Request&) { return http::JsonResponse(200, "{}"); });
  http::Dispatcher dispatcher(std::move(table), nullptr, nullptr);
  http::Request request;
  request.method = http::Method::kGet;
  request.path = request.raw_path = "/healthz";
  for (auto _ : state) benchmark::DoNotOptimize(dispatcher.Handle(request));
}
BENCHMARK(BM_DispatchHealthz);

}  // namespace
