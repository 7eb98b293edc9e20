// Session: what the assistant remembers about one shopper's conversation
// with one tenant, so follow-ups work ("what's the fee?" after a postcode,
// "add two of those" after a product list). A plain value; stores keep it
// (session_store.h) and the turn reads and advances it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "retrieval/postcode.h"

namespace services {

struct CartLine {
  std::string sku;
  double quantity = 1;
  std::string option;  // chosen option text, may be empty
};

struct Session {
  std::string id;
  std::string tenant;
  std::chrono::system_clock::time_point created;
  std::chrono::system_clock::time_point last_seen;
  int turns = 0;

  std::string name;
  std::string phone;
  std::string email;
  std::optional<retrieval::Postcode> postcode;
  std::string branch_id;               // branch last talked about or chosen
  std::vector<std::string> last_skus;  // products shown in the last reply, in order
  std::string last_intent;
  std::string pending;      // open question we asked (see message_handler)
  std::string pending_sku;  // product the pending question is about
  std::vector<CartLine> cart;
  std::string fulfilment;  // "delivery" or "collection" once chosen
  std::string order_id;    // set when checkout completed
  bool upsell_offered = false;
  bool handoff = false;  // a human took over; the bot stays quiet
};

}  // namespace services
