#include "services/channels/meta_webhook.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/json_depth.h"

namespace services {

namespace {

using core::ErrorCode;
using json = nlohmann::json;

core::Error Bad(const std::string& pointer, const std::string& problem) {
  core::Error e =
      core::MakeError(ErrorCode::kInvalidArgument, "bad WhatsApp webhook: " + pointer + " " + problem,
                      "The webhook body is not a valid WhatsApp notification: " + pointer + " " + problem + ".");
  e.details.push_back({"", pointer, problem});
  return e;
}

// Reads typed fields of one JSON object, remembering where it is.
class Fields {
 public:
  Fields(const json& object, std::string pointer) : object_(object), pointer_(std::move(pointer)) {}
  const std::string& pointer() const { return pointer_; }
  std::string At(std::string_view field) const { return pointer_ + "/" + std::string(field); }
  bool Has(const char* field) const { return object_.contains(field) && !object_[field].is_null(); }

  core::Result<std::string> String(const char* field, size_t max_bytes, bool required = true) const {
    if (!Has(field)) {
      if (required) return Bad(At(field), "is missing");
      return std::string();
    }
    if (!object_[field].is_string()) return Bad(At(field), "must be a string");
    std::string value = object_[field].get<std::string>();
    if (value.size() > max_bytes) return Bad(At(field), "is longer than " + std::to_string(max_bytes) + " bytes");
    if (required && value.empty()) return Bad(At(field), "is empty");
    return value;
  }
  core::Result<const json*> Object(const char* field, bool required = true) const {
    if (!Has(field)) {
      if (required) return Bad(At(field), "is missing");
      return static_cast<const json*>(nullptr);
    }
    if (!object_[field].is_object()) return Bad(At(field), "must be an object");
    return &object_[field];
  }
  core::Result<const json*> Array(const char* field, bool required = true) const {
    if (!Has(field)) {
      if (required) return Bad(At(field), "is missing");
      return static_cast<const json*>(nullptr);
    }
    if (!object_[field].is_array()) return Bad(At(field), "must be an array");
    return &object_[field];
  }
  core::Result<double> Number(const char* field, double min, double max) const {
    if (!Has(field)) return Bad(At(field), "is missing");
    if (!object_[field].is_number()) return Bad(At(field), "must be a number");
    double v = object_[field].get<double>();
    if (!std::isfinite(v) || v < min || v > max) return Bad(At(field), "is out of range");
    return v;
  }

 private:
  const json& object_;
  std::string pointer_;
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

core::Result<db::Time> Timestamp(const Fields& f) {
  auto text = f.String("timestamp", 20);
  if (!text.ok()) return text.error();
  int64_t seconds = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (!AllDigits(*text) || ec != std::errc() || ptr != text->data() + text->size() || seconds > 32503680000) {
    return Bad(f.At("timestamp"), "must be Unix seconds");
  }
  return db::Time(std::chrono::seconds(seconds));
}

std::string Compact(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The kind-specific part of a message: kind, text and payload.
core::Status DecodeContent(const Fields& f, const std::string& type, db::InboundMessage& m) {
  if (type == "text") {
    auto text = f.Object("text");
    if (!text.ok()) return text.error();
    auto body = Fields(**text, f.At("text")).String("body", kMaxInboundTextBytes);
    if (!body.ok()) return body.error();
    m.kind = "text";
    m.text = *body;
    return core::Status::Ok();
  }
  if (type == "interactive") {
    auto interactive = f.Object("interactive");
    if (!interactive.ok()) return interactive.error();
    Fields i(**interactive, f.At("interactive"));
    auto kind = i.String("type", 64);
    if (!kind.ok()) return kind.error();
    if (*kind != "button_reply" && *kind != "list_reply") {
      m.kind = "other";
      m.payload = Compact({{"type", "interactive/" + *kind}});
      return core::Status::Ok();
    }
    auto reply = i.Object(kind->c_str());
    if (!reply.ok()) return reply.error();
    Fields r(**reply, i.At(*kind));
    auto id = r.String("id", 256);
    if (!id.ok()) return id.error();
    auto title = r.String("title", 1024, /*required=*/false);
    if (!title.ok()) return title.error();
    m.kind = "button";
    m.text = *title;
    m.payload = Compact({{"id", *id}, {"title", *title}});
    return core::Status::Ok();
  }
  if (type == "button") {  // a template's quick-reply button
    auto button = f.Object("button");
    if (!button.ok()) return button.error();
    Fields b(**button, f.At("button"));
    auto payload = b.String("payload", 1024, /*required=*/false);
    auto text = b.String("text", 1024);
    if (!payload.ok()) return payload.error();
    if (!text.ok()) return text.error();
    m.kind = "button";
    m.text = *text;
    m.payload = Compact({{"id", *payload}, {"title", *text}});
    return core::Status::Ok();
  }
  if (type == "location") {
    auto location = f.Object("location");
    if (!location.ok()) return location.error();
    Fields l(**location, f.At("location"));
    auto lat = l.Number("latitude", -90, 90);
    auto lon = l.Number("longitude", -180, 180);
    if (!lat.ok()) return lat.error();
    if (!lon.ok()) return lon.error();
    auto name = l.String("name", 1024, false);
    auto address = l.String("address", 1024, false);
    m.kind = "location";
    m.payload = Compact({{"latitude", *lat},
                         {"longitude", *lon},
                         {"name", name.ok() ? *name : ""},
                         {"address", address.ok() ? *address : ""}});
    return core::Status::Ok();
  }
  m.kind = type == "reaction" || type == "system" ? "ignored" : "other";
  m.payload = Compact({{"type", type}});
  return core::Status::Ok();
}

core::Result<db::InboundMessage> DecodeMessage(const json& item, const std::string& pointer,
                                               const std::map<std::string, std::string>& names, db::Time received_at) {
  if (!item.is_object()) return Bad(pointer, "must be an object");
  Fields f(item, pointer);
  auto from = f.String("from", 20);
  if (!from.ok()) return from.error();
  if (!AllDigits(*from)) return Bad(f.At("from"), "must be the sender's number in digits");
  auto id = f.String("id", 256);
  if (!id.ok()) return id.error();
  auto sent_at = Timestamp(f);
  if (!sent_at.ok()) return sent_at.error();
  auto type = f.String("type", 64);
  if (!type.ok()) return type.error();
  db::InboundMessage m;
  m.message_id = *id;
  m.shopper = "+" + *from;
  if (auto it = names.find(*from); it != names.end()) m.profile_name = it->second;
  m.sent_at = *sent_at;
  m.received_at = received_at;
  if (auto st = DecodeContent(f, *type, m); !st.ok()) return st.error();
  return m;
}

core::Result<db::DeliveryUpdate> DecodeStatus(const json& item, const std::string& pointer) {
  if (!item.is_object()) return Bad(pointer, "must be an object");
  Fields f(item, pointer);
  auto id = f.String("id", 256);
  if (!id.ok()) return id.error();
  auto status = f.String("status", 64);
  if (!status.ok()) return status.error();
  auto at = Timestamp(f);
  if (!at.ok()) return at.error();
  auto reference = f.String("biz_opaque_callback_data", 512, /*required=*/false);
  if (!reference.ok()) return reference.error();
  db::DeliveryUpdate u;
  u.provider_message_id = *id;
  u.status = *status;
  u.at = *at;
  int64_t outbox_id = 0;
  auto [ptr, ec] = std::from_chars(reference->data(), reference->data() + reference->size(), outbox_id);
  if (AllDigits(*reference) && ec == std::errc() && ptr == reference->data() + reference->size() && outbox_id > 0) {
    u.outbox_id = outbox_id;
  }
  if (item.contains("errors") && item["errors"].is_array() && !item["errors"].empty()) {
    const json& e = item["errors"][0];
    if (e.is_object()) {
      std::string code =
          e.contains("code") && e["code"].is_number_integer() ? std::to_string(e["code"].get<int64_t>()) : "?";
      std::string title = e.contains("title") && e["title"].is_string() ? e["title"].get<std::string>() : "";
      u.error = (code + ": " + title).substr(0, 500);
    }
  }
  return u;
}

// One change's value: its phone number id, contacts, messages, statuses.
core::Status DecodeValue(const Fields& v, db::Time received_at, MetaWebhook& out) {
  auto metadata = v.Object("metadata");
  if (!metadata.ok()) return metadata.error();
  Fields md(**metadata, v.At("metadata"));
  auto phone_number_id = md.String("phone_number_id", 32);
  if (!phone_number_id.ok()) return phone_number_id.error();
  if (!AllDigits(*phone_number_id)) return Bad(md.At("phone_number_id"), "must be digits");
  if (std::find(out.phone_number_ids.begin(), out.phone_number_ids.end(), *phone_number_id) ==
      out.phone_number_ids.end()) {
    out.phone_number_ids.push_back(*phone_number_id);
  }
  std::map<std::string, std::string> names;  // wa_id -> profile name
  auto contacts = v.Array("contacts", false);
  if (!contacts.ok()) return contacts.error();
  if (*contacts) {
    for (const json& c : **contacts) {
      if (!c.is_object() || !c.contains("wa_id") || !c["wa_id"].is_string()) continue;
      if (c.contains("profile") && c["profile"].is_object() && c["profile"].contains("name") &&
          c["profile"]["name"].is_string()) {
        names[c["wa_id"].get<std::string>()] = c["profile"]["name"].get<std::string>().substr(0, 256);
      }
    }
  }
  auto messages = v.Array("messages", false);
  if (!messages.ok()) return messages.error();
  for (size_t i = 0; *messages && i < (*messages)->size(); ++i) {
    if (out.messages.size() >= kMaxWebhookMessages) return Bad(v.At("messages"), "holds too many messages");
    auto m = DecodeMessage((**messages)[i], v.At("messages") + "/" + std::to_string(i), names, received_at);
    if (!m.ok()) return m.error();
    out.messages.push_back({*phone_number_id, std::move(m).value()});
  }
  auto statuses = v.Array("statuses", false);
  if (!statuses.ok()) return statuses.error();
  for (size_t i = 0; *statuses && i < (*statuses)->size(); ++i) {
    if (out.statuses.size() >= kMaxWebhookMessages) return Bad(v.At("statuses"), "holds too many statuses");
    auto u = DecodeStatus((**statuses)[i], v.At("statuses") + "/" + std::to_string(i));
    if (!u.ok()) return u.error();
    if (db::OutboxStateRank(u->status) < db::OutboxStateRank("sent")) continue;  // "deleted", "warning", ...
    out.statuses.push_back({*phone_number_id, std::move(u).value()});
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<MetaWebhook> DecodeMetaWebhook(std::string_view body, db::Time received_at) {
  if (!core::JsonNestingWithin(body)) {
    return core::MakeError(ErrorCode::kInvalidJson, "webhook nested too deep", "The request body is nested too deep.");
  }
  auto doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return core::MakeError(ErrorCode::kInvalidJson, "webhook body is not JSON", "The request body is not valid JSON.");
  }
  if (!doc.is_object()) {
    return core::MakeError(ErrorCode::kInvalidJson, "webhook body is not an object",
                           "The request body must be a JSON object.");
  }
  Fields root(doc, "");
  auto object = root.String("object", 64);
  if (!object.ok()) return object.error();
  if (*object != "whatsapp_business_account") return Bad("/object", "must be whatsapp_business_account");
  auto entries = root.Array("entry");
  if (!entries.ok()) return entries.error();
  MetaWebhook out;
  for (size_t e = 0; e < (*entries)->size(); ++e) {
    const json& entry = (**entries)[e];
    const std::string at = "/entry/" + std::to_string(e);
    if (!entry.is_object()) return Bad(at, "must be an object");
    auto changes = Fields(entry, at).Array("changes");
    if (!changes.ok()) return changes.error();
    for (size_t c = 0; c < (*changes)->size(); ++c) {
      const json& change = (**changes)[c];
      Fields f(change, at + "/changes/" + std::to_string(c));
      if (!change.is_object()) return Bad(f.pointer(), "must be an object");
      auto field = f.String("field", 128);
      if (!field.ok()) return field.error();
      if (*field != "messages") continue;
      auto value = f.Object("value");
      if (!value.ok()) return value.error();
      if (auto st = DecodeValue(Fields(**value, f.At("value")), received_at, out); !st.ok()) return st.error();
    }
  }
  if (out.phone_number_ids.empty()) {
    return Bad("/entry", "holds no WhatsApp messages or statuses (subscribe the app to the messages field only)");
  }
  return out;
}

}  // namespace services
