// Signed WhatsApp webhook acknowledgements through the real routes and
// services (no socket): POST /whatsapp_webhook with one text message, each
// with a new wamid, signed with the tenant's app secret. Each ack checks
// X-Hub-Signature-256 (HMAC-SHA256 of the body), decodes the body field by
// field, finds the tenant by phone_number_id and records the message in the
// inbox (one SQLite transaction, WAL) before answering 200.
//   BM_WhatsAppAck/0   acknowledgements alone (the channel workers stopped)
//   BM_WhatsAppAck/1   with the workers on: every acknowledged message is
//                      answered (a V5 turn) and its replies go into the
//                      outbox, whose sends go to a closed local port and
//                      are retried: the database shared by both sides.
// items_per_second is acknowledgements per second; the CPU column counts
// the worker threads too.
//   build/bench/aiv7_bench --benchmark_filter=WhatsAppAck
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/container.h"
#include "http/dispatcher.h"
#include "services/channels/webhook_signatures.h"

namespace {

const std::filesystem::path kSource = AIV7_SOURCE_DIR;
constexpr const char* kSecret = "bench-app-secret";

std::string Body(int64_t n) {
  const std::string id = "wamid.bench" + std::to_string(n);
  const std::string from = "4477009" + std::to_string(10000 + n % 5000);
  nlohmann::json message = {{"from", from},
                            {"id", id},
                            {"timestamp", std::to_string(::time(nullptr))},
                            {"type", "text"},
                            {"text", {{"body", "do you have lamb chops?"}}}};
  nlohmann::json value = {
      {"messaging_product", "whatsapp"},
      {"metadata", {{"display_phone_number", "441134960100"}, {"phone_number_id", "100000000000001"}}},
      {"contacts", {{{"profile", {{"name", "Bench"}}}, {"wa_id", from}}}},
      {"messages", {message}}};
  return nlohmann::json({{"object", "whatsapp_business_account"},
                         {"entry", {{{"id", "W"}, {"changes", {{{"field", "messages"}, {"value", value}}}}}}}})
      .dump();
}

void BM_WhatsAppAck(benchmark::State& state) {
  const bool workers = state.range(0) == 1;
  auto dir = std::filesystem::temp_directory_path() / ("aiv7-whatsapp-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    app::Config config;
    config.business_dir = kSource / "business";
    config.schemas_dir = kSource / "schemas";
    config.lexicon_dir = kSource / "lexicon";
    config.web_dir = kSource / "web";
    config.data_dir = dir / "data";
    config.database_url = "sqlite://" + (dir / "data" / "aiv7.db").string();
    config.business_key = "UK_BUTCHER";
    config.secrets_key = std::string(64, 'b');
    config.whatsapp_graph_url = "http://127.0.0.1:9/v21.0";  // closed: sends fail and are retried
    auto created = app::Container::Create(config, app::ConsoleLoggers("off"));
    if (!created.ok()) {
      state.SkipWithError(created.error().message.c_str());
      return;
    }
    app::Container& c = **created;
    auto tenant = *core::TenantKey::Parse("UK_BUTCHER");
    (void)c.secrets().Set(tenant, "whatsapp.app_secret", kSecret, "bench");
    (void)c.secrets().Set(tenant, "whatsapp.access_token", "token", "bench");
    http::Dispatcher dispatcher(c.BuildRoutes(), nullptr, [](std::string_view, std::string_view) {});
    if (workers && !c.StartChannels().ok()) {
      state.SkipWithError("workers did not start");
      return;
    }
    int64_t n = 0, refused = 0;
    for (auto _ : state) {
      state.PauseTiming();
      http::Request request;
      request.method = http::Method::kPost;
      request.target = request.path = request.raw_path = "/whatsapp_webhook";
      request.body = Body(n++);
      request.headers = {{"content-type", "application/json"},
                         {"x-hub-signature-256", services::MetaSignature(kSecret, request.body)}};
      request.request_id = "bench";
      state.ResumeTiming();
      http::Response response = dispatcher.Handle(request);
      refused += response.status != 200;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["refused"] = static_cast<double>(refused);
    c.StopChannels();
    c.DrainRecords();
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WhatsAppAck)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
