// A shopper's message through the understanding step alone: normalisation,
// the entity scanners and the router's signals and rules, for both demo
// tenants, fresh and with a session that has a basket, a postcode and a
// pending question. Faster than a whole turn, so it reaches deeper.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_pipeline.h"
#include "services/understanding/entity_extractor.h"
#include "services/understanding/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4000) return 0;  // MessageHandler's limit
  static fuzzing::Pipeline& p = fuzzing::SharedPipeline();
  static services::Router router(p.normalizer);
  std::string message(reinterpret_cast<const char*>(data), size);
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'796'119'200));
  services::Session with_context;
  with_context.cart = {{"LMB-001", 2, ""}};
  with_context.last_skus = {"LMB-001"};
  with_context.pending = "delivery_postcode";
  for (const char* key : {"UK_BUTCHER", "US_BIKES"}) {
    auto tenant = p.tenants->Get(core::TenantKey::Parse(key).value());
    if (!tenant.ok()) __builtin_trap();
    for (const services::Session* session :
         {static_cast<const services::Session*>(&with_context), static_cast<const services::Session*>(nullptr)}) {
      services::Session fresh;
      auto routed = router.Route(**tenant, session ? *session : fresh, message, now);
      if (routed.confidence < 0 || routed.confidence > 1) __builtin_trap();
    }
    services::ExtractionContext context;
    services::ExtractEntities(message, p.normalizer.Normalize(message), context);
  }
  return 0;
}
