#include "services/tenant.h"

namespace services {

std::shared_ptr<const Tenant> BuildTenant(std::shared_ptr<const retrieval::TenantData> data) {
  auto tenant = std::make_shared<Tenant>();
  const nlohmann::json& info = data->File("store_info.json");
  tenant->profile = StoreProfile{info.value("name", data->key.str()), info.value("currency", "GBP"),
                                 info.value("locale", "en-GB"),     info.value("country", "GB"),
                                 info.value("timezone", "UTC"),     info.value("postcode_system", "UK")};
  const nlohmann::json& overrides = data->File("overrides.json");
  if (overrides.is_object() && overrides.contains("widget_origins")) {
    tenant->widget.origins = overrides["widget_origins"].get<std::vector<std::string>>();
  }
  const nlohmann::json& branding = data->File("branding.json");
  tenant->widget.branding = branding.is_object()
                                ? branding
                                : nlohmann::json{{"title", tenant->profile.name},
                                                 {"greeting", "Hello! How can I help you today?"}};
  tenant->data = std::move(data);
  return tenant;
}

}  // namespace services
