// Reply: what the assistant says in one turn, with the grounding trace.
// Every price, fee, time, address or phone number in `text` was formatted
// from one of `facts`, each naming the store and record it came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"

namespace core {

struct Fact {
  std::string source;  // "catalog", "policy", "geo", "faq", "session"
  std::string key;     // record: SKU, zone id, branch id, FAQ id, ...
  std::string field;   // "price", "stock", "fee", "hours", ...
  std::string value;   // as shown to the shopper
};

struct ProductCard {
  std::string sku;
  std::string name;
  Money price;
  std::string unit;
  bool in_stock = false;
};

struct CartView {
  struct Line {
    std::string sku;
    std::string name;
    double quantity = 0;
    std::string unit;
    Money unit_price;
    Money line_total;
  };
  std::vector<Line> lines;
  Money total;
};

// How a language model took part in a reply (V6/V7); `used` is false in V5
// and whenever the deterministic reply was shown instead.
struct LlmTrace {
  bool used = false;            // the shopper sees the model's text
  std::string rejected_reason;  // why the model's text was not shown: "ungrounded: money £0.49", "timeout", ...
  int tool_calls = 0;           // V7: tool calls made this turn
  int64_t latency_ms = 0;       // model time this turn
  int64_t tokens = 0;           // prompt + completion tokens this turn
};

struct Reply {
  std::string text;
  std::vector<Fact> facts;
  std::vector<ProductCard> items;
  std::vector<std::string> quick_replies;
  bool needs_clarification = false;
  bool resolved = true;   // the shopper's question was answered from data
  bool fallback = false;  // we could not answer ("not in my info")
  bool cart_changed = false;
  CartView cart;          // meaningful when cart_changed or the cart was shown
  std::string mode_used = "V5";  // the mode that produced `text`: V5, V6 or V7
  LlmTrace llm;
};

}  // namespace core
