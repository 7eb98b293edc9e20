// CRM records: what one chat turn leaves in the operational database, built
// as one db::RecordBatch (see docs/crm.md):
//   - an Event "turn" (intent, confidence, outcome, items shown, cart value,
//     latency, the shopper's text, zero_result, payload {"skus","entities"});
//   - business Events: "lead_captured" (ChatTurn::contact_revealed),
//     "checkout" (ChatTurn::order), "handoff" (ChatTurn::handoff_started);
//   - two Messages: the shopper's ("user") and the reply ("bot", with the
//     grounding facts);
//   - one LeadUpsert for the session (normalised contact, tags, value);
//   - an Order when a checkout completed.
// Pure functions of their arguments; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/request_context.h"
#include "db/records.h"
#include "services/conversation/message_handler.h"

namespace services {

struct TurnRecordOptions {
  size_t max_query_bytes = 500;  // Event::query and nothing else is cut
  size_t max_tags = 10;          // automatic tags per turn
};

// "web", "whatsapp", "api", "cli".
std::string_view ChannelName(core::Channel channel);

// Phone numbers as one shopper would be found again by: every character but
// digits dropped (spaces, dashes, dots, parentheses); a leading '+' kept, a
// leading "00" read as '+', and "+44 (0)..." loses its bracketed trunk zero.
// A national number is made international when the tenant's country says
// how: GB "07700 900123" -> "+447700900123", US "(503) 555-0134" or
// "1 503 555 0134" -> "+15035550134". Anything else stays as digits. Empty
// when fewer than 6 digits remain.
std::string NormalizePhone(std::string_view raw, std::string_view country);

// Trimmed and lower-cased (ASCII); empty when there is no '@'.
std::string NormalizeEmail(std::string_view raw);

// At most `max_bytes`, cut at a UTF-8 character boundary.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// A tag as stored: trimmed, ASCII lower-case, inner whitespace runs as one
// space, cut to `max_bytes` (UTF-8 safe). Empty when nothing is left.
std::string CleanTag(std::string_view tag, size_t max_bytes);

// The automatic tags of a turn, lower-case, deduplicated, at most `max`, in
// this order: the intent's topic ("delivery", "hours", "branches", "cart",
// "order", "bundle", "handoff", "contact"), then the category and name of
// each product in the cart (or the order), then the categories of the
// products shown.
std::vector<std::string> TurnTags(const retrieval::Tenant& tenant, const ChatTurn& turn, const Session& session,
                                  size_t max);

// The cart value the turn is worth: the order's total after a checkout, the
// cart shown or changed this turn, else the session's cart priced now
// (zero, in the tenant's currency, for an empty cart).
core::Money TurnCartValue(const retrieval::Tenant& tenant, const ChatTurn& turn, const Session& session);

// True for a product-type intent (search_product, browse_category,
// price_check, stock_check) that showed nothing and did not resolve.
bool IsZeroResult(const ChatTurn& turn);

db::RecordBatch BuildTurnRecords(const CompletedTurn& done, const TurnRecordOptions& options = {});

}  // namespace services
