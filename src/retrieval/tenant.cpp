#include "retrieval/tenant.h"

#include <map>

#include "core/clock.h"

namespace retrieval {

namespace {

Tone ParseTone(const std::string& tone) {
  if (tone == "formal") return Tone::kFormal;
  if (tone == "warm") return Tone::kWarm;
  if (tone == "concise") return Tone::kConcise;
  return Tone::kFriendly;
}

TenantSettings ParseSettings(const nlohmann::json& overrides) {
  TenantSettings s;
  if (!overrides.is_object()) return s;
  s.tone = ParseTone(overrides.value("tone", "friendly"));
  if (overrides.contains("thresholds")) {
    const auto& t = overrides["thresholds"];
    s.intent_confidence = t.value("intent_confidence", s.intent_confidence);
    s.faq_score = t.value("faq_score", s.faq_score);
    s.out_of_scope = t.value("out_of_scope", s.out_of_scope);
    s.fuzzy_product = t.value("fuzzy_product", s.fuzzy_product);
  }
  s.upsell = overrides.value("upsell", s.upsell);
  s.session_ttl_minutes = overrides.value("session_ttl_minutes", s.session_ttl_minutes);
  s.handoff_message = overrides.value("handoff_message", "");
  s.sign_off = overrides.value("sign_off", "");
  s.mode = overrides.value("mode", "");
  if (const auto it = overrides.find("checkout"); it != overrides.end() && it->is_object()) {
    if (const auto collect = it->find("collect"); collect != it->end() && collect->is_array()) {
      s.checkout.name = s.checkout.phone = s.checkout.email = s.checkout.phone_or_email = false;
      for (const auto& field : *collect) {
        const std::string f = field.is_string() ? field.get<std::string>() : "";
        s.checkout.name |= f == "name";
        s.checkout.phone |= f == "phone";
        s.checkout.email |= f == "email";
        s.checkout.phone_or_email |= f == "phone_or_email";
      }
    }
    s.checkout.confirm = it->value("confirm", false);
  }
  s.llm_monthly_tokens = overrides.value("llm_monthly_tokens", int64_t{0});
  return s;
}

}  // namespace

core::Result<std::shared_ptr<const Tenant>> BuildTenant(std::shared_ptr<const retrieval::TenantData> data,
                                                        const retrieval::TextNormalizer& normalizer,
                                                        std::shared_ptr<const Lexicon> lexicon,
                                                        const std::filesystem::path& index_root) {
  auto tenant = std::make_shared<Tenant>();
  const nlohmann::json& info = data->File("store_info.json");
  nlohmann::json contact = info.value("contact", nlohmann::json::object());
  tenant->profile = StoreProfile{
      info.value("name", data->key.str()), info.value("currency", "GBP"), info.value("locale", "en-GB"),
      info.value("country", "GB"),         info.value("timezone", "UTC"), info.value("postcode_system", "UK"),
      contact.value("phone", ""),          contact.value("email", ""),    contact.value("website", "")};
  const nlohmann::json& overrides = data->File("overrides.json");
  if (overrides.is_object() && overrides.contains("widget_origins")) {
    tenant->widget.origins = overrides["widget_origins"].get<std::vector<std::string>>();
  }
  tenant->settings = ParseSettings(overrides);
  if (overrides.is_object() && overrides.contains("lexicon")) {
    tenant->lexicon = std::make_shared<const Lexicon>(lexicon->WithWords(overrides["lexicon"], normalizer));
  } else {
    tenant->lexicon = std::move(lexicon);
  }
  const nlohmann::json& branding = data->File("branding.json");
  tenant->widget.branding = branding.is_object() ? branding
                                                 : nlohmann::json{{"title", tenant->profile.name},
                                                                  {"greeting", "Hello! How can I help you today?"}};

  const nlohmann::json& synonyms = data->File("synonyms.json");
  tenant->synonyms = retrieval::SynonymMap(synonyms, normalizer);
  // A unique folder per build: two versions (or two processes) never share one.
  std::filesystem::path index_dir = index_root / (data->key.str() + "-v" + std::to_string(data->version) + "-" +
                                                  core::RandomIdGenerator().NewId().substr(0, 12));
  auto catalog = retrieval::CatalogStore::Build(data->File("catalog.json"), synonyms, tenant->profile.currency,
                                                index_dir, normalizer);
  if (!catalog.ok()) return catalog.error();
  tenant->catalog = std::move(catalog).value();

  auto system =
      tenant->profile.postcode_system == "US_ZIP" ? retrieval::PostcodeSystem::kUsZip : retrieval::PostcodeSystem::kUk;
  auto geo = retrieval::GeoStore::Build(data->File("branches.json"), data->File("postcodes.json"), system);
  if (!geo.ok()) return geo.error();
  tenant->geo = std::move(geo).value();

  auto policy = retrieval::PolicyStore::Build(data->File("delivery.json"), data->File("branches.json"),
                                              tenant->profile.timezone, tenant->profile.currency);
  if (!policy.ok()) return policy.error();
  tenant->policy = std::move(policy).value();

  tenant->names = ProductNames(*tenant->catalog, normalizer, *tenant->lexicon);
  for (const auto& zone : tenant->policy->zones()) {
    std::string names = zone.name;
    for (char& c : names) {
      if (c == ',' || c == '&' || c == '/' || c == ';') c = '|';
    }
    size_t start = 0;
    while (start <= names.size()) {
      size_t end = names.find('|', start);
      if (end == std::string::npos) end = names.size();
      std::string place = normalizer.Normalize(names.substr(start, end - start));
      if (place.rfind("and ", 0) == 0) place.erase(0, 4);
      if (place.size() >= 3) tenant->zone_places.emplace_back(place, &zone);
      start = end + 1;
    }
    // A town several of the zone's districts are named after ("Bradford
    // Centre, Bradford Moor") is a place of the zone too.
    std::map<std::string, int> first_words;
    for (const auto& [place, z] : tenant->zone_places) {
      if (z == &zone && place.find(' ') != std::string::npos) ++first_words[place.substr(0, place.find(' '))];
    }
    for (const auto& [word, count] : first_words) {
      if (count >= 2 && word.size() >= 3) tenant->zone_places.emplace_back(word, &zone);
    }
  }

  auto learn = [&](const std::string& text) {
    for (const auto& w : normalizer.Tokenize(text)) {
      tenant->vocabulary.Add(w);
      tenant->vocabulary.Add(Singular(w));
    }
  };
  for (const auto& p : tenant->catalog->products()) {
    learn(p.name + " " + p.category_name + " " + p.sku + " " + p.unit_size);
    for (const auto& tag : p.tags) learn(tag);
    for (const auto& o : p.options) {
      for (const auto& v : o.values) learn(v);
    }
  }
  for (const auto& c : tenant->catalog->categories()) learn(c.id + " " + c.name);
  for (const auto& b : tenant->catalog->bundles()) {
    learn(b.name);
    for (const auto& k : b.keywords) learn(k);
  }
  if (synonyms.is_object() && synonyms.contains("synonyms")) {
    for (const auto& entry : synonyms["synonyms"]) {
      learn(entry.value("term", ""));
      for (const auto& v : entry.value("variants", nlohmann::json::array())) learn(v.get<std::string>());
    }
  }
  tenant->faq = retrieval::FaqStore::Build(data->File("faq.json"), tenant->synonyms, normalizer);
  tenant->data = std::move(data);
  return std::shared_ptr<const Tenant>(std::move(tenant));
}

}  // namespace retrieval
