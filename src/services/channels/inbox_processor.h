// InboxProcessor: answers one shopper message recorded by a webhook (and
// claimed from the InboxStore): runs its turn through the MessageHandler,
// like /chat_api does, in a session keyed by tenant and WhatsApp number
// (SessionIdFor), with the channel "whatsapp" and the shopper's number and
// profile name handed to the session (so the lead gets them); formats the
// reply to WhatsApp's limits (whatsapp_format.h); and marks the message
// done together with the replies it puts in the outbox, in one
// transaction (InboxStore::CompleteInbound). A message answered once is
// never answered again; one whose turn ran but whose completion was lost
// (a crash in between) runs again and is still answered once, as the
// replies' outbox keys ("reply:<message id>:<part>") are unique.
//
// By kind:
//   text, button  the turn; a tapped button or list row is read by its id
//                 (a quick reply's text; a product row: that product's name);
//   location      the nearest branch, with its address, phone and distance;
//   other         (image, audio, sticker, ...) the tenant's polite
//                 "text only" answer; ignored (reactions, system notices): no answer.
// The location and "other" answers are recorded as turns too (TurnSink).
// While staff have the conversation (Session::handoff) nothing is sent.
//
// Failures: a turn the records refuse (kUnavailable: the record queue is
// full) is retried later with backoff; a message for an unknown tenant, a
// switched-off channel, or older than the 24-hour window is marked failed
// (error noted on the message), as is one retried `max_attempts` times.
//
// Thread-safe; messages of one conversation must not be answered at the
// same time (ClaimInbound never hands them out together).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "connectors/message_sender.h"
#include "core/clock.h"
#include "core/result.h"
#include "db/inbox_store.h"
#include "retrieval/tenant.h"
#include "services/channels/channel_directory.h"
#include "services/conversation/message_handler.h"
#include "services/session/session_store.h"

namespace services {

// "wa-" and the digits of the E.164 number: one conversation per tenant
// and WhatsApp number, whichever provider carried it.
std::string SessionIdFor(std::string_view shopper_e164);

struct InboxOptions {
  std::chrono::milliseconds turn_timeout{15'000};  // each turn's deadline
  std::chrono::milliseconds retry_min{1'000};      // backoff of a refused turn, doubling
  std::chrono::milliseconds retry_max{60'000};
  int64_t max_attempts = 20;
  std::chrono::hours window{24};  // free-form replies only within this of the shopper's message
};

class InboxProcessor {
 public:
  using Warn = std::function<void(const std::string&)>;
  // All references must outlive the processor. `direct_sink` records the
  // turns answered without the MessageHandler (location, other): the same
  // sink the handler uses.
  InboxProcessor(db::InboxStore& inbox, ChannelDirectory& directory, retrieval::TenantDirectory& tenants,
                 MessageHandler& handler, TurnSink& direct_sink, SessionStore& sessions, const core::Clock& clock,
                 InboxOptions options, Warn warn);

  // Answers `message` (claimed by the caller) and settles it: done with its
  // replies in the outbox (in `outbox_state`: "pending" to be sent by the
  // outbox worker, "sent" when the caller delivers them itself, as a TwiML
  // response), to be retried, or failed. Returns the replies queued (empty
  // when nothing is to be said, or it was not answered now). Errors: the
  // store's, when the message could not be settled (its claim then runs out
  // and it is answered again).
  core::Result<std::vector<connectors::OutboundMessage>> Answer(const db::InboundMessage& message,
                                                                const std::string& outbox_state = "pending");

 private:
  struct Reply {
    bool answer = false;  // false: settle without replies
    core::Reply reply;
  };
  // The turn's reply, or an error: retryable (kUnavailable) to retry later.
  core::Result<Reply> RunTurn(const db::InboundMessage& m, const retrieval::Tenant& tenant,
                              const ChannelSettings& settings);
  // A turn answered here, not by the handler, recorded like one.
  core::Result<Reply> DirectTurn(const db::InboundMessage& m, const retrieval::Tenant& tenant, std::string user_text,
                                 core::Reply reply, std::string intent, const std::string& branch_id);
  core::Status Retry(const db::InboundMessage& m, const std::string& why);
  core::Status Fail(const db::InboundMessage& m, const std::string& why);

  db::InboxStore& inbox_;
  ChannelDirectory& directory_;
  retrieval::TenantDirectory& tenants_;
  MessageHandler& handler_;
  TurnSink& direct_sink_;
  SessionStore& sessions_;
  const core::Clock& clock_;
  InboxOptions options_;
  Warn warn_;
};

// The nearest branches to a point, closest first (at most `limit`).
std::vector<retrieval::NearbyBranch> NearestBranches(const retrieval::GeoStore& geo, double lat, double lon,
                                                     size_t limit);

}  // namespace services
