#include "services/understanding/entity_extractor.h"

#include "services/understanding/entities/contact.h"
#include "services/understanding/entities/dates.h"
#include "services/understanding/entities/money.h"
#include "services/understanding/entities/postcodes.h"
#include "services/understanding/entities/quantities.h"
#include "services/understanding/entities/scan_state.h"

namespace services {

// The scanners share one ScanState and each skips what an earlier one used,
// so where two readings of the same text compete the earlier scanner wins.
Entities ExtractEntities(std::string_view raw, std::string_view normalized, const ExtractionContext& context) {
  entities::ScanState state(raw, normalized, context);
  // Raw-text scanners first: an address, a numeric date or a phone number
  // holds words and digits that token scanners would read again
  // ("monday@shop.com" is no Monday).
  entities::ScanEmail(state);
  // Before phones: "2026-12-01 10:00" is a date and a time, not the phone
  // number 2026120110.
  entities::ScanRawDatesAndTimes(state);
  // Before every count: "07700 900123" is not the quantity 7700, nor a ZIP.
  entities::ScanPhone(state);
  // Before quantities and ZIPs: "10 pounds" is money in a pound shop, "under
  // 15 dollars" a budget, "$12000" not a ZIP.
  entities::ScanMoney(state);
  // Before counts: "by 24 dec" is a date, not 24 of something.
  entities::ScanMonthDates(state);
  // Before party sizes: "feeds 10 am" is a time.
  entities::ScanTimes(state);
  // Before quantities: "bbq box for 6" is six people, not six boxes.
  entities::ScanPeople(state);
  // Before quantities: the inward code of "deliver to LS6 1LB" is no pound.
  entities::ScanFullUkPostcode(state);
  // Before ZIPs and outward codes: "x2" alone is two of something.
  entities::ScanUnitQuantities(state);
  entities::ScanZip(state);
  entities::ScanOutwardPostcode(state);
  // After every other number has been claimed: "ship to 97214" is a ZIP.
  entities::ScanBareQuantity(state);
  // Days and names take nothing another scanner needs.
  entities::ScanDays(state);
  entities::ScanName(state);
  return state.TakeFound();
}

std::vector<EntityField> EntityFields(const Entities& e) {
  std::vector<EntityField> f;
  if (e.postcode) f.push_back({"postcode", e.postcode->normalized});
  if (e.email) f.push_back({"email", *e.email});
  if (e.phone) f.push_back({"phone", *e.phone});
  if (e.name) f.push_back({"name", *e.name});
  if (e.people) f.push_back({"people", int64_t{*e.people}});
  if (e.quantity) {
    f.push_back({"quantity", *e.quantity});
    if (!e.quantity_unit.empty()) f.push_back({"quantity_unit", e.quantity_unit});
  }
  if (e.budget_max) f.push_back({"budget_max", core::FormatMoney(*e.budget_max)});
  if (e.budget_min) f.push_back({"budget_min", core::FormatMoney(*e.budget_min)});
  if (e.amount) f.push_back({"amount", core::FormatMoney(*e.amount)});
  if (e.weekday) f.push_back({"weekday", int64_t{*e.weekday}});
  if (e.today) f.push_back({"today", true});
  if (e.tomorrow) f.push_back({"tomorrow", true});
  if (e.date) f.push_back({"date", *e.date});
  return f;
}

}  // namespace services
