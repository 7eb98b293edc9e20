// The chat pipeline over the demo tenants (business/UK_BUTCHER, US_BIKES),
// built once per fuzzer process the way the server builds it: schemas,
// lexicon, a repository over a scratch DATA_DIR, the registry, in-memory
// sessions and the V5 mode, with no records sink. Not a test helper: no
// gtest, aborts when the source tree does not load.
#pragma once

#include <memory>

#include "ai_modes/reply_mode.h"
#include "app/tenant_registry.h"
#include "core/clock.h"
#include "retrieval/file_system.h"
#include "retrieval/schema_validator.h"
#include "retrieval/storage.h"
#include "retrieval/text_normalizer.h"
#include "services/conversation/message_handler.h"
#include "services/session/session_store.h"

namespace fuzzing {

struct Pipeline {
  Pipeline();
  ~Pipeline();

  std::filesystem::path scratch;
  core::SystemClock clock;
  core::RandomIdGenerator ids;
  retrieval::PosixFileSystem fs;
  retrieval::TextNormalizer normalizer;
  ai_modes::V5Deterministic mode;
  std::shared_ptr<const retrieval::SchemaValidator> schemas;
  std::shared_ptr<const retrieval::Lexicon> lexicon;
  std::unique_ptr<retrieval::TenantRepository> repository;
  std::unique_ptr<app::TenantRegistry> tenants;
  std::unique_ptr<services::InMemorySessionStore> sessions;
  std::unique_ptr<services::MessageHandler> handler;
};

// The one pipeline of this process (built on first use).
Pipeline& SharedPipeline();

}  // namespace fuzzing
