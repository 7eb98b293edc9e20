// Money: an amount in minor units (pence, cents) and an ISO currency code.
// Prices, fees and totals are always Money so that no floating-point sum can
// put a wrong penny in front of a shopper.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

struct Money {
  int64_t minor = 0;
  std::string currency;  // "GBP", "USD", "EUR"

  static Money FromMajor(double major, std::string currency);  // rounds to the nearest minor unit
  double major() const { return static_cast<double>(minor) / 100.0; }
  friend bool operator==(const Money&, const Money&) = default;
};

// "£6.99", "$1,299.00", "€12.50"; negative amounts get a leading '-'.
std::string FormatMoney(const Money& money);

// "£", "$", "€", or the code followed by a space for others.
std::string_view CurrencySymbol(std::string_view currency);

}  // namespace core
