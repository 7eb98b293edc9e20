#include "core/money.h"

#include <cmath>
#include <cstdlib>

namespace core {

Money Money::FromMajor(double major, std::string currency) {
  return Money{static_cast<int64_t>(std::llround(major * 100.0)), std::move(currency)};
}

std::string_view CurrencySymbol(std::string_view currency) {
  if (currency == "GBP") return "£";
  if (currency == "USD") return "$";
  if (currency == "EUR") return "€";
  return {};
}

std::string FormatMoney(const Money& money) {
  int64_t abs_minor = money.minor < 0 ? -money.minor : money.minor;
  std::string whole = std::to_string(abs_minor / 100);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  int cents = static_cast<int>(abs_minor % 100);
  std::string out = money.minor < 0 ? "-" : "";
  std::string_view symbol = CurrencySymbol(money.currency);
  if (symbol.empty()) {
    out += money.currency + " ";
  } else {
    out += symbol;
  }
  out += grouped + "." + (cents < 10 ? "0" : "") + std::to_string(cents);
  return out;
}

}  // namespace core
