// Inbox routes: the live side of conversations.
//
//   GET  /admin/api/tenants/{tenant}/inbox/changes?since=N&wait=0..25
//        {"stamp":M}: the tenant's change stamp (services::InboxFeed). With
//        since and wait > 0 (seconds, default 25) a long poll: answered as
//        soon as the stamp differs from `since`, else after `wait` with the
//        same stamp. Permission kReadLeads.
//   POST /admin/api/tenants/{tenant}/leads/{id}/messages {"text"}
//        a staff reply (takes the conversation over first); 201 with the
//        message. Permission kWriteLeads.
//   GET  /chat_api/messages?tenant=&session_id=&after=N&wait=0..25
//        the shopper's widget: messages of its web conversation with id > N
//        and whether staff have taken over; with wait > 0 a long poll
//        answered as soon as the conversation changes. CORS: the tenant's
//        widget origins.
#pragma once

#include "core/tenant_key.h"
#include "http/route_table.h"
#include "services/auth/authenticator.h"
#include "services/records/inbox_service.h"

namespace routes {

// References must outlive the route table.
void AddInboxRoutes(http::RouteTable& table, services::Authenticator& auth, services::InboxService& inbox,
                    core::TenantKey default_tenant);

}  // namespace routes
