// /admin/api/tenants/{tenant}/leads...: an owner's or staff member's leads.
//   GET   leads?q=&status=&channel=&sort=&limit=&offset=
//         search (name, phone, email, notes), filter, sort (last_seen_desc,
//         created_desc, created_asc, name_asc, value_desc), paginate
//   GET   leads/{id}             one lead
//   PATCH leads/{id}             {"status","tags","notes","handoff"}; handoff
//                                false releases a conversation back to the bot
//   GET   leads/{id}/transcript  the conversation, turn by turn, with each
//                                bot turn's intent, confidence and facts
// Reads need Permission::kReadLeads, the patch kWriteLeads. Another
// tenant's lead id is a 404.
#pragma once

#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/records/crm_service.h"

namespace routes {

// References must outlive the route table.
void AddLeadRoutes(http::RouteTable& table, services::Authenticator& auth, services::CrmService& crm);

}  // namespace routes
