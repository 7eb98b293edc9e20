// ModeSelector: the ReplyMode the container hands the turn. It answers with
// the tenant's own mode (overrides.json "mode") when set, else the server's
// MODE. V6 and V7 exist only when a model is configured (LLM_BASE_URL);
// without one a tenant asking for them gets V5. Thread-safe.
#pragma once

#include "ai_modes/reply_mode.h"

namespace ai_modes {

class ModeSelector final : public ReplyMode {
 public:
  // `v6` and `v7` may be null (no model configured); `fallback_default` is
  // the server's MODE ("V5", "V6" or "V7"). The modes must outlive this.
  ModeSelector(const ReplyMode& v5, const ReplyMode* v6, const ReplyMode* v7, std::string_view server_mode)
      : v5_(v5), v6_(v6), v7_(v7), default_(&Pick(server_mode, v5)) {}

  std::string_view name() const override { return default_->name(); }

  core::Reply Finish(const TurnContext& context, core::Reply deterministic) const override {
    const ReplyMode* mode = default_;
    if (context.tenant && !context.tenant->settings.mode.empty()) mode = &Pick(context.tenant->settings.mode, v5_);
    return mode->Finish(context, std::move(deterministic));
  }

 private:
  const ReplyMode& Pick(std::string_view name, const ReplyMode& otherwise) const {
    if (name == "V6" && v6_) return *v6_;
    if (name == "V7" && v7_) return *v7_;
    return otherwise;
  }

  const ReplyMode& v5_;
  const ReplyMode* v6_;
  const ReplyMode* v7_;
  const ReplyMode* default_;
};

}  // namespace ai_modes
