#include "services/channels/channel_workers.h"

namespace services {

ChannelWorkers::ChannelWorkers(db::InboxStore& inbox, db::OutboxStore& outbox, InboxProcessor& processor,
                               OutboxSender& sender, const core::Clock& clock, ChannelWorkerOptions options, Warn warn)
    : inbox_(inbox),
      outbox_(outbox),
      processor_(processor),
      sender_(sender),
      clock_(clock),
      options_(std::move(options)),
      warn_(std::move(warn)) {}

ChannelWorkers::~ChannelWorkers() { Stop(); }

core::Status ChannelWorkers::Start() {
  auto answered = inbox_.RecoverInbound(options_.worker_id);
  if (!answered.ok()) return answered.error();
  auto in_doubt = outbox_.RecoverOutbound(options_.worker_id, clock_.Now() + options_.in_doubt_delay);
  if (!in_doubt.ok()) return in_doubt.error();
  if (*in_doubt > 0 && warn_) {
    warn_(std::to_string(*in_doubt) + " WhatsApp replies were being sent when the server stopped; they are sent " +
          "again in " + std::to_string(options_.in_doubt_delay.count() / 1000) +
          " s unless a delivery callback shows they arrived");
  }
  stopping_ = false;
  for (int i = 0; i < options_.inbox_threads; ++i)
    threads_.emplace_back([this] { Loop([this] { return AnswerDueOnce(); }); });
  for (int i = 0; i < options_.outbox_threads; ++i)
    threads_.emplace_back([this] { Loop([this] { return SendDueOnce(); }); });
  return core::Status::Ok();
}

void ChannelWorkers::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    ++wakes_;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void ChannelWorkers::Wake() {
  {
    std::lock_guard lock(mu_);
    ++wakes_;
  }
  wake_.notify_all();
}

void ChannelWorkers::Loop(const std::function<size_t()>& round) {
  while (!stopping_) {
    uint64_t seen;
    {
      std::lock_guard lock(mu_);
      seen = wakes_;
    }
    if (round() > 0) continue;  // more may be due at once
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, options_.poll, [&] { return stopping_ || wakes_ != seen; });
  }
}

size_t ChannelWorkers::AnswerDueOnce() {
  auto claimed = inbox_.ClaimInbound(options_.worker_id, clock_.Now(), options_.inbox_lease, options_.claim_batch);
  if (!claimed.ok()) {
    if (warn_) warn_("WhatsApp inbox: " + claimed.error().message);
    return 0;
  }
  size_t replies = 0;
  for (const db::InboundMessage& m : *claimed) {
    auto answered = processor_.Answer(m);
    if (!answered.ok()) {
      if (warn_)
        warn_("WhatsApp message " + std::to_string(m.id) + " could not be settled: " + answered.error().message);
      continue;
    }
    replies += answered->size();
  }
  if (replies > 0) Wake();  // the outbox threads have work
  return claimed->size();
}

size_t ChannelWorkers::SendDueOnce() {
  auto claimed = outbox_.ClaimOutbound(options_.worker_id, clock_.Now(), options_.send_lease, options_.claim_batch);
  if (!claimed.ok()) {
    if (warn_) warn_("WhatsApp outbox: " + claimed.error().message);
    return 0;
  }
  size_t sent = 0;
  for (const db::OutboxMessage& m : *claimed) {
    if (auto st = sender_.Send(m); !st.ok()) {
      if (warn_) warn_("WhatsApp reply " + std::to_string(m.id) + " outcome not recorded: " + st.error().message);
    }
    ++sent;
  }
  return sent;
}

}  // namespace services
