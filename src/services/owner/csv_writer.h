// CsvWriter: RFC 4180 text for exports an owner opens in a spreadsheet.
// Every field is quoted (embedded quotes doubled, commas and line breaks
// kept inside the quotes); lines end in CRLF. A field that starts with
// = + - @ TAB or CR gets a leading ' so a spreadsheet shows it as text
// instead of running it as a formula (OWASP "CSV Injection").
// Not thread-safe (a plain value).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace services {

// One field, quoted and guarded as above.
std::string CsvField(std::string_view value);

class CsvWriter {
 public:
  void Row(std::initializer_list<std::string_view> fields);
  void Row(const std::vector<std::string>& fields);
  int64_t rows() const { return rows_; }
  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
  int64_t rows_ = 0;
};

}  // namespace services
