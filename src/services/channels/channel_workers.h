// ChannelWorkers: the threads behind the messaging channels. Inbox threads
// claim recorded shopper messages and answer them (InboxProcessor); outbox
// threads claim due replies and send them (OutboxSender). Each claims a few
// at a time under a lease in the database, so several processes sharing
// one database split the work, and sleeps until woken (Wake: a webhook
// recorded messages, a turn queued replies) or the poll interval passes
// (retries that fall due, messages of other processes).
//
// Start first frees the claims this worker (`worker_id`, stable across
// restarts of the same DATA_DIR) held when it last stopped or died: its
// unanswered messages are answered at once; its sends that were in flight
// are in doubt (the provider may have them) and wait `in_doubt_delay` for a
// delivery callback to settle them before they are sent again.
//
// Thread-safe. Stop (also the destructor) lets the current message finish
// and joins the threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "db/inbox_store.h"
#include "db/outbox_store.h"
#include "services/channels/inbox_processor.h"
#include "services/channels/outbox_sender.h"

namespace services {

struct ChannelWorkerOptions {
  std::string worker_id = "channels";
  int inbox_threads = 2;
  int outbox_threads = 2;
  int claim_batch = 4;  // messages claimed at a time by one thread
  std::chrono::milliseconds poll{500};
  std::chrono::milliseconds inbox_lease{60'000};  // > the turn deadline
  std::chrono::milliseconds send_lease{120'000};  // > the provider timeout
  std::chrono::milliseconds in_doubt_delay{60'000};
};

class ChannelWorkers {
 public:
  using Warn = std::function<void(const std::string&)>;
  // All references must outlive the workers.
  ChannelWorkers(db::InboxStore& inbox, db::OutboxStore& outbox, InboxProcessor& processor, OutboxSender& sender,
                 const core::Clock& clock, ChannelWorkerOptions options, Warn warn);
  ~ChannelWorkers();
  ChannelWorkers(const ChannelWorkers&) = delete;
  ChannelWorkers& operator=(const ChannelWorkers&) = delete;

  // Frees the previous run's claims (see above) and starts the threads.
  // kUnavailable when the database cannot be reached.
  core::Status Start();
  void Stop();
  // New work: wakes every sleeping thread.
  void Wake();

  // One round without threads (tests, benchmarks): claims what is due and
  // handles it. Returns how many messages were handled.
  size_t AnswerDueOnce();
  size_t SendDueOnce();

  const std::string& worker_id() const { return options_.worker_id; }

 private:
  void Loop(const std::function<size_t()>& round);

  db::InboxStore& inbox_;
  db::OutboxStore& outbox_;
  InboxProcessor& processor_;
  OutboxSender& sender_;
  const core::Clock& clock_;
  ChannelWorkerOptions options_;
  Warn warn_;
  std::mutex mu_;
  std::condition_variable wake_;
  uint64_t wakes_ = 0;  // guarded by mu_
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

}  // namespace services
