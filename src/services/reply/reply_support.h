// Internal helpers shared by the reply composer and the sales flows:
// facts, product cards, quantities and tone-dependent phrases.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/reply.h"
#include "retrieval/tenant.h"
#include "services/session/session_store.h"
#include "services/understanding/entity_extractor.h"

namespace services::reply {

// Adds a fact and returns `value` so text and trace come from one place.
const std::string& Fact(core::Reply& reply, std::string source, std::string key, std::string field,
                        const std::string& value);

// Price with its unit ("£6.99/kg", "$149.99 each"), recorded as a fact.
std::string PriceText(core::Reply& reply, const retrieval::Product& p);
// "in stock" / "out of stock" (stock counts are facts, not shown).
std::string StockText(core::Reply& reply, const retrieval::Product& p);
void AddCard(core::Reply& reply, const retrieval::Product& p);
// In-stock alternatives from the same category (never an accessory offered
// "instead" of a bike), at most two.
std::vector<const retrieval::Product*> SameCategorySubstitutes(const retrieval::Tenant& t, const retrieval::Product& p);
// Product cards + session memory of what was shown.
void ShowProducts(core::Reply& reply, Session& session, const std::vector<const retrieval::Product*>& products);

std::string FormatQuantity(double q, std::string_view unit);
std::string Join(const std::vector<std::string>& parts, std::string_view last_sep = " and ");
// One bullet line per part: "\n• a\n• b".
std::string Bullets(const std::vector<std::string>& parts);

std::string_view Ack(retrieval::Tone tone);    // "Sure!" / "Certainly." / ...
std::string_view Sorry(retrieval::Tone tone);  // "Sorry," / "I'm afraid" / ...
std::string_view AnythingElse(retrieval::Tone tone);

// Asks for the shopper's postcode (or ZIP) and remembers why.
core::Reply AskPostcode(const retrieval::Tenant& t, Session& s, std::string pending, const std::string& why);
bool IsYes(std::string_view normalized);

// The day a message asks about: tomorrow, the next such weekday, a named
// date within the next year, else today (all in the tenant's time zone).
// "28 November 2026" when the message asks about a date before today (only
// a date with its year can be: one without gets the next occurrence).
std::optional<std::string> PastDateAsked(const retrieval::Tenant& t, const Entities& e,
                                         std::chrono::system_clock::time_point now);
retrieval::CivilDate DayAsked(const retrieval::Tenant& t, const Entities& e, std::chrono::system_clock::time_point now);

// Hours of one day as text: "08:00–18:00", "08:00–13:00 and 14:00–18:00", "closed".
std::string HoursText(const retrieval::DayHours& day);
// A short delivery summary for FAQ placeholders, from zones.
std::string DeliverySummary(const retrieval::Tenant& tenant);
std::string OpeningSummary(const retrieval::Tenant& tenant, std::chrono::system_clock::time_point now);

}  // namespace services::reply
