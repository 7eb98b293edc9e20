// A tenant's messaging channels as configured in channels.json (validated
// against schemas/channels.schema.json whenever a version is published):
// the WhatsApp Cloud API (Meta) phone number, the Twilio sender, the
// follow-up templates for the 24-hour rule and the few texts the channel
// says itself. Credentials are not here (services/secrets). Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retrieval/tenant_files.h"

namespace services {

// Provider names as stored on inbound and outbox messages.
inline constexpr std::string_view kProviderMeta = "meta";
inline constexpr std::string_view kProviderTwilio = "twilio";

// An approved template, sent outside the 24-hour window.
struct TemplateRef {
  std::string name;         // Meta
  std::string language;     // Meta, e.g. "en_GB"
  std::string content_sid;  // Twilio Content template
  // What fills the body placeholders in order: "text" (the staff
  // member's message) or "name" (the shopper's profile name).
  std::vector<std::string> parameters = {"text"};
};

struct MetaChannel {
  bool enabled = false;  // configured and not switched off
  std::string phone_number_id;
  std::optional<TemplateRef> follow_up;
};

struct TwilioChannel {
  bool enabled = false;
  std::string account_sid;
  std::string number;  // "whatsapp:+<E.164>"
  bool twiml = false;  // reply in the webhook's TwiML response instead of the REST API
  std::optional<TemplateRef> follow_up;
};

struct ChannelTexts {
  std::string list_button = "See products";
  std::string choices_button = "Choose";
  std::string unsupported =
      "Sorry, I can only read text messages here. Please type your question, or share your location to find "
      "your nearest branch.";
  std::string too_long = "Sorry, that message is too long for me to read. Could you send a shorter one?";
};

struct ChannelSettings {
  MetaChannel meta;
  TwilioChannel twilio;
  ChannelTexts texts;
};

// The settings of one tenant version: channels.json, defaults for what it
// leaves out; a tenant without the file has no channel enabled.
ChannelSettings ChannelSettingsOf(const retrieval::TenantData& data);

}  // namespace services
