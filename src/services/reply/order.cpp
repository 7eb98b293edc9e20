#include "services/reply/order.h"

#include <cmath>

namespace services {

core::CartView PriceCart(const retrieval::Tenant& tenant, const std::vector<CartLine>& cart) {
  core::CartView view;
  view.total = core::Money{0, tenant.profile.currency};
  for (const auto& line : cart) {
    const retrieval::Product* p = tenant.catalog->FindBySku(line.sku);
    if (!p) continue;
    core::Money total{static_cast<int64_t>(std::llround(static_cast<double>(p->price.minor) * line.quantity)),
                      p->price.currency};
    view.lines.push_back({p->sku, p->name, line.quantity, p->unit, p->price, total});
    view.total.minor += total.minor;
  }
  return view;
}

}  // namespace services
